import autocannon, { type Options } from 'autocannon';
import { percentile } from './stats';

export interface LoadSpec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Varies each request (e.g. a different RequestId); autocannon calls it per request. */
  path?: () => string;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  /** Responses with a 2xx status. */
  ok: number;
  /** Everything else: non-2xx answers, socket errors and timeouts. A valid run has none. */
  failed: number;
  statusCodes: Record<string, number>;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
}

function run(options: Options, onResponse?: (status: number, ms: number) => void) {
  return new Promise<{ seconds: number; errors: number; statusCodes: Record<string, number> }>(
    (resolve, reject) => {
      const instance = autocannon(options, (err, result) => {
        if (err) {
          reject(err);
          return;
        }
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCodes[code] = stat.count;
        resolve({ seconds: result.duration, errors: result.errors, statusCodes });
      });
      if (onResponse) instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
    },
  );
}

/**
 * One autocannon run after a discarded warm-up. Latencies come from autocannon's per-response
 * event (hrtime, fractional ms): its own histogram keeps whole milliseconds, too coarse for a
 * sub-millisecond overhead.
 */
export async function measureLoad(spec: LoadSpec): Promise<LoadResult> {
  const pathFn = spec.path;
  const base: Options = {
    url: spec.url,
    connections: spec.connections,
    method: spec.method ?? 'GET',
    headers: spec.headers ?? {},
    ...(spec.body === undefined ? {} : { body: spec.body }),
    timeout: 10,
    ...(pathFn ? { requests: [{ setupRequest: (req) => ({ ...req, path: pathFn() }) }] } : {}),
  };
  if (spec.warmupSeconds > 0) await run({ ...base, duration: spec.warmupSeconds });
  const latencies: number[] = [];
  let ok = 0;
  let other = 0;
  const result = await run({ ...base, duration: spec.seconds }, (status, ms) => {
    if (status >= 200 && status < 300) {
      ok += 1;
      latencies.push(ms);
    } else {
      other += 1;
    }
  });
  const total = latencies.reduce((a, b) => a + b, 0);
  return {
    connections: spec.connections,
    seconds: result.seconds,
    ok,
    failed: other + result.errors,
    statusCodes: result.statusCodes,
    requestsPerSecond: ok / result.seconds,
    p50Ms: percentile(latencies, 50),
    p90Ms: percentile(latencies, 90),
    p99Ms: percentile(latencies, 99),
    meanMs: latencies.length === 0 ? Number.NaN : total / latencies.length,
  };
}
