import autocannon, { type Options } from 'autocannon';
import { processCpuMs } from './proc-cpu';
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
  /** The server's pid: its CPU time (/proc) is read just before and just after the measured run. */
  serverPid?: number;
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
  /**
   * CPU (user + system) the server process spent during the measured run, per 2xx answer, in ms;
   * a string saying why not where it could not be read (no /proc). Absent without `serverPid`.
   */
  serverCpuMsPerCall?: number | string;
  serverCpuMs?: number;
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
  // Let the server finish what the warm-up left in flight, so its CPU is not billed to this run.
  if (spec.serverPid !== undefined) await new Promise((resolve) => setTimeout(resolve, 200));
  const latencies: number[] = [];
  let ok = 0;
  let other = 0;
  const cpuBefore = spec.serverPid === undefined ? undefined : processCpuMs(spec.serverPid);
  const result = await run({ ...base, duration: spec.seconds }, (status, ms) => {
    if (status >= 200 && status < 300) {
      ok += 1;
      latencies.push(ms);
    } else {
      other += 1;
    }
  });
  const cpuAfter = spec.serverPid === undefined ? undefined : processCpuMs(spec.serverPid);
  let cpu: Pick<LoadResult, 'serverCpuMsPerCall' | 'serverCpuMs'> = {};
  if (typeof cpuBefore === 'string') cpu = { serverCpuMsPerCall: cpuBefore };
  else if (typeof cpuAfter === 'string') cpu = { serverCpuMsPerCall: cpuAfter };
  else if (cpuBefore !== undefined && cpuAfter !== undefined) {
    const used = cpuAfter - cpuBefore;
    cpu = { serverCpuMs: used, serverCpuMsPerCall: ok === 0 ? Number.NaN : used / ok };
  }
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
    ...cpu,
  };
}
