/** Nearest-rank percentile of an unsorted sample (copied, so the caller's order is kept). */
export function percentile(sample: ArrayLike<number>, p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = Float64Array.from(sample).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function median(sample: ArrayLike<number>): number {
  return percentile(sample, 50);
}

export interface Timing {
  iterations: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

/**
 * Times `op` one call at a time for about `seconds` (at least `minIterations`), after `warmup`
 * untimed calls, so caches and the JIT are warm the way they are in a long-running server.
 */
export async function timeLoop(
  op: (i: number) => unknown,
  opts: { seconds: number; warmup?: number; minIterations?: number },
): Promise<Timing> {
  const warmup = opts.warmup ?? 50;
  for (let i = 0; i < warmup; i++) await op(i);
  const samples: number[] = [];
  const until = performance.now() + opts.seconds * 1000;
  const minIterations = opts.minIterations ?? 50;
  for (let i = 0; performance.now() < until || i < minIterations; i++) {
    const t = performance.now();
    await op(warmup + i);
    samples.push(performance.now() - t);
  }
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    iterations: samples.length,
    p50Ms: median(samples),
    p99Ms: percentile(samples, 99),
    meanMs: total / samples.length,
  };
}

/** A small deterministic PRNG (mulberry32), so every run looks up the same keys. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
