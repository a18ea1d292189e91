import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runSchema } from '../../shared/src/api/index';
import { authenticate } from '../lib/auth';
import { type Figure, figure } from '../lib/figure';
import { measureLoad } from '../lib/load';
import { processCpuMs } from '../lib/proc-cpu';
import { startConsole, startUpstream } from '../lib/processes';
import { makeTempDir, removeTempDir } from '../lib/temp';
import type { SectionContext, SectionResult } from './context';

/**
 * The run's environment raises account_import's documented 200/s to this, unless the machine cannot
 * serve it: the limit is then set to 40 % of the single calls per second measured just before, so the
 * figure shows how well the run keeps to its limit rather than how busy the machine is.
 */
const RAISED_LIMIT = 400;
const GOAL_ROWS = 10_000;
const SECRET = 'bench-secret-key-0123456789abcdef0123456789abcdef';
const SERVICE = 'im_open_login_svc';
const COMMAND = 'account_import';

function cpuMs(pid: number): number {
  const ms = processCpuMs(pid);
  if (typeof ms === 'string') throw new Error(ms);
  return ms;
}

/**
 * A run of 10,000 rows on a fast local upstream (its own process) at a raised limit, through the real
 * server in a child process: rows per second against the limit, and the server's CPU per row against
 * its CPU per single call of the same command (measured on the same server, on another app entry so
 * the run's limit does not refuse them).
 */
export async function runRuns(ctx: SectionContext): Promise<SectionResult> {
  const { options } = ctx;
  const rows = options.quick ? 2000 : GOAL_ROWS;
  const work = makeTempDir('runs');
  const upstream = await startUpstream(0);
  const environmentsFile = path.join(work, 'environments.json');
  const entry = (id: string, sdkAppId: number, limit: number) => ({
    id,
    label: id,
    endpoint: upstream.url,
    sdkAppId,
    adminIdentifier: 'administrator',
    secretKey: { env: 'BENCH_SECRET_KEY' },
    rateLimits: { '*': limit },
  });
  const serve = async (limit: number) => {
    writeFileSync(
      environmentsFile,
      JSON.stringify({
        environments: [entry('bench-runs', 1400000001, limit), entry('bench-single', 1400000002, 100_000)],
      }),
    );
    return startConsole({
      dataDir: path.join(work, `data-${limit}`),
      environmentsFile,
      logLevel: options.logLevel,
      env: { BENCH_SECRET_KEY: SECRET },
    });
  };
  let server = await serve(RAISED_LIMIT);
  try {
    let { headers } = await authenticate(server.url);
    let jsonHeaders = { ...headers, 'content-type': 'application/json' };

    ctx.log('runs: single calls of account_import, 8 connections, for the CPU per call');
    const single = await measureLoad({
      url: `${server.url}/api/requests`,
      method: 'POST',
      headers: jsonHeaders,
      body: JSON.stringify({
        environmentId: 'bench-single',
        service: SERVICE,
        command: COMMAND,
        body: { UserID: 'single' },
      }),
      connections: 8,
      seconds: options.loadSeconds,
      warmupSeconds: options.warmupSeconds,
      serverPid: server.pid,
    });
    if (typeof single.serverCpuMsPerCall !== 'number') {
      throw new Error(`no server CPU per call: ${String(single.serverCpuMsPerCall)}`);
    }
    const limit = Math.min(
      RAISED_LIMIT,
      Math.max(10, Math.floor((single.requestsPerSecond * 0.4) / 10) * 10),
    );
    if (limit !== RAISED_LIMIT) {
      ctx.log(
        `runs: this machine serves ${Math.round(single.requestsPerSecond)} calls/s; the run's limit is ${limit}/s`,
      );
      await server.stop();
      server = await serve(limit);
      ({ headers } = await authenticate(server.url));
      jsonHeaders = { ...headers, 'content-type': 'application/json' };
    }

    const csv = ['user,nick', ...Array.from({ length: rows }, (_, i) => `bench${i},Nick ${i}`)].join('\n');
    ctx.log(`runs: a ${rows.toLocaleString('en-US')}-row run at a limit of ${limit}/s`);
    const cpuBefore = cpuMs(server.pid);
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers: jsonHeaders,
      body: JSON.stringify({
        environmentId: 'bench-runs',
        service: SERVICE,
        command: COMMAND,
        template: '{"UserID":"{{user}}","Nick":"{{nick}}"}',
        csv,
        concurrency: 8,
      }),
    });
    const created = await res.text();
    if (res.status !== 201) throw new Error(`POST /api/runs answered ${res.status}: ${created}`);
    const createdMs = performance.now() - t0;
    const id = runSchema.parse(JSON.parse(created)).id;
    let run = runSchema.parse(JSON.parse(created));
    for (;;) {
      await new Promise((r) => setTimeout(r, 200));
      const poll = await fetch(`${server.url}/api/runs/${id}`, { headers });
      run = runSchema.parse(await poll.json());
      if (run.status !== 'running' && run.status !== 'queued') break;
    }
    // From the POST's answer (the run is launched as it answers) to the poll that saw it done.
    const elapsedS = (performance.now() - t0 - createdMs) / 1000;
    const cpuPerRow = (cpuMs(server.pid) - cpuBefore) / rows;
    if (run.status !== 'done' || run.ok !== rows) {
      throw new Error(`the run ended ${run.status} with ${run.ok}/${rows} ok`);
    }
    const rate = rows / elapsedS;
    const figures: Figure[] = [
      figure('runs', {
        name: `${rows.toLocaleString('en-US')}-row run, rows/s`,
        unit: 'rows/s',
        value: rate,
        baseline: limit,
        baselineName: 'the limit',
        compare: 'ratio',
        ...(rows === GOAL_ROWS ? { goal: { text: '≥ ×0.9', test: (f) => f.ratio >= 0.9 } } : {}),
        note: `${elapsedS.toFixed(1)} s from the POST's answer to done; the POST (parse, render, store) took ${createdMs.toFixed(0)} ms`,
      }),
      figure('runs', {
        name: 'server CPU per row',
        unit: 'ms',
        value: cpuPerRow,
        baseline: single.serverCpuMsPerCall,
        baselineName: 'per single call',
        compare: 'ratio',
        note: `single calls: ${Math.round(single.requestsPerSecond)} req/s over 8 connections`,
      }),
    ];
    return {
      figures,
      details: { rows, limit, elapsedS, createdMs, rate, cpuPerRow, single, run },
    };
  } finally {
    await server.stop();
    await upstream.stop();
    removeTempDir(work);
  }
}
