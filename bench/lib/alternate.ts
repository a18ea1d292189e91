import os from 'node:os';
import path from 'node:path';
import { authenticate } from './auth';
import { type LoadResult, measureLoad } from './load';
import { type ConsoleOptions, startConsole } from './processes';

/** One server of an alternating comparison: where its calls go and how they are authorised. */
export interface ComparedServer {
  name: string;
  /** The URL the load POSTs to. */
  url: string;
  headers: Record<string, string>;
  /** Its process, whose CPU per call is read from /proc; absent for one measured by latency only. */
  pid?: number;
  /** Whether it takes the warm-up load first (a server whose hot code V8 compiles as it runs). */
  warm: boolean;
}

/**
 * Loads each server in turn, round after round, at each connection count, so drift in the machine's
 * load hits them all alike; every other round runs them in the reverse order, so none is always
 * loaded right after another. Each server first takes `warmSeconds` at 32 connections: V8 compiles
 * a server's hot code over its first few thousand calls, and a server measured cold at one
 * connection paid for that compilation. Answers every round's result per `"<name> <connections>"`;
 * a round with a failed call throws.
 */
export async function alternatingLoads(opts: {
  servers: readonly ComparedServer[];
  body: string;
  connectionCounts: readonly number[];
  rounds: number;
  seconds: number;
  warmSeconds: number;
  /** Each round's figures as they come (progress on stderr). */
  log?: (line: string) => void;
}): Promise<Map<string, LoadResult[]>> {
  const load = (s: ComparedServer, connections: number, seconds: number, warmupSeconds: number) =>
    measureLoad({
      url: s.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...s.headers },
      body: opts.body,
      connections,
      seconds,
      warmupSeconds,
      ...(s.pid === undefined ? {} : { serverPid: s.pid }),
    });
  if (opts.warmSeconds > 0) {
    for (const s of opts.servers) if (s.warm) await load(s, 32, opts.warmSeconds, 0);
  }
  const results = new Map<string, LoadResult[]>();
  for (const connections of opts.connectionCounts) {
    for (let round = 0; round < opts.rounds; round++) {
      for (const s of round % 2 === 0 ? opts.servers : [...opts.servers].reverse()) {
        const r = await load(s, connections, opts.seconds, 1);
        if (r.failed > 0) throw new Error(`${s.name} answered ${JSON.stringify(r.statusCodes)}`);
        const key = `${s.name} ${connections}`;
        results.set(key, [...(results.get(key) ?? []), r]);
        const cpu =
          typeof r.serverCpuMsPerCall === 'number' ? `${r.serverCpuMsPerCall.toFixed(3)} ms CPU/call, ` : '';
        opts.log?.(
          `${key} conn round ${round + 1}: ${cpu}p50 ${r.p50Ms.toFixed(2)} ms, load ${os.loadavg()[0]?.toFixed(1)}`,
        );
      }
    }
  }
  return results;
}

/** A server `alternatingPairs` started for one pair, and how to stop it. */
export interface StartedServer {
  server: ComparedServer;
  stop(): Promise<void>;
}

/** A console started for `alternatingPairs`: signed in, its calls to `POST /api/requests`, warmed. */
export async function comparedConsole(name: string, options: ConsoleOptions): Promise<StartedServer> {
  const proc = await startConsole(options);
  const { headers } = await authenticate(proc.url);
  return {
    server: { name, url: `${proc.url}/api/requests`, headers, pid: proc.pid, warm: true },
    stop: () => proc.stop(),
  };
}

/**
 * `alternatingPairs`' `start` for consoles: each variant is a server entry point (`undefined`: this
 * checkout's), started with `options` and a data directory of its own per pair under `workDir`.
 */
export function consoleVariants(
  entries: Readonly<Record<string, string | undefined>>,
  workDir: string,
  options: Omit<ConsoleOptions, 'dataDir' | 'entry'>,
): (variant: string, pair: number) => Promise<StartedServer> {
  return (variant, pair) => {
    const entry = entries[variant];
    return comparedConsole(variant, {
      ...options,
      dataDir: path.join(workDir, `${variant}-${pair}`),
      ...(entry === undefined ? {} : { entry }),
    });
  };
}

/**
 * `alternatingLoads` over `pairs` pairs of freshly started servers: two processes of the same code
 * differ by up to ±5 % at one connection for their whole life (decision 061), so one pair cannot
 * judge a few per cent. Each pair starts every one of `variants` anew with `start` (in the reverse
 * order every other pair), loads them beside `fixed` (servers started once by the caller, e.g. a
 * bare proxy, warmed with the first pair only) and stops them. Answers every round of every pair
 * per `"<name> <connections>"`, in order: the i-th round of one variant ran right beside the i-th
 * of another (`roundRatios`).
 */
export async function alternatingPairs(
  opts: Omit<Parameters<typeof alternatingLoads>[0], 'servers'> & {
    pairs: number;
    variants: readonly string[];
    start: (variant: string, pair: number) => Promise<StartedServer>;
    fixed?: readonly ComparedServer[];
  },
): Promise<Map<string, LoadResult[]>> {
  const { pairs, variants, start, fixed = [], log, ...loads } = opts;
  const results = new Map<string, LoadResult[]>();
  for (let pair = 0; pair < pairs; pair++) {
    const started: StartedServer[] = [];
    try {
      for (const variant of pair % 2 === 0 ? variants : [...variants].reverse()) {
        started.push(await start(variant, pair));
      }
      const pairResults = await alternatingLoads({
        ...loads,
        servers: [
          ...fixed.map((s) => (pair === 0 ? s : { ...s, warm: false })),
          ...started.map((s) => s.server),
        ],
        log: (line) => log?.(`pair ${pair + 1}: ${line}`),
      });
      for (const [key, rs] of pairResults) results.set(key, [...(results.get(key) ?? []), ...rs]);
    } finally {
      for (const s of started) await s.stop();
    }
  }
  return results;
}

/**
 * Each round's ratio `a[i] / b[i]` of two variants loaded one right after the other: it cancels the
 * machine's drift between rounds, which the ratio of the two medians does not (decision 061).
 */
export function roundRatios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x / (b[i] ?? Number.NaN));
}
