import path from 'node:path';
import { createTempPostgresDatabase } from '../../server/src/adapters/db/testing';
import { type PostgresCluster, startPostgres } from '../../server/test/support/postgres';
import { historyEntrySchema } from '../../shared/src/api/index';
import { authenticate } from '../lib/auth';
import { type Figure, figure } from '../lib/figure';
import { type LoadResult, type LoadSpec, measureLoad } from '../lib/load';
import { processTreeCpuMs } from '../lib/proc-cpu';
import {
  BENCH_REQUEST_BODY,
  type ConsoleProcess,
  startConsole,
  startUpstream,
  type Upstream,
  writeBenchEnvironments,
} from '../lib/processes';
import { makeTempDir, removeTempDir } from '../lib/temp';
import type { SectionContext, SectionResult } from './context';

/** The replicas' side of one load: the console processes and PostgreSQL together. */
interface ReplicaLoad {
  ok: number;
  failed: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  consoleCpuMs: number;
  postgresCpuMs: number;
}

const cpuOf = (r: LoadResult): number => {
  if (typeof r.serverCpuMs !== 'number') {
    throw new Error(`no server CPU time: ${String(r.serverCpuMsPerCall)}`);
  }
  return r.serverCpuMs;
};

/**
 * Issue 17: what sharing costs. The same calls (`POST /api/requests` to the same fake upstream)
 * through one console on SQLite, then through two console replicas on one PostgreSQL (shared
 * limiter, history and audit in PostgreSQL), in the same run: latency added at 1 connection, CPU
 * per call (the consoles' and PostgreSQL's, from /proc) at 1 and 32 connections, the 32 spread
 * evenly over both replicas.
 */
export async function runReplicas(ctx: SectionContext): Promise<SectionResult> {
  const { options } = ctx;
  const work = makeTempDir('replicas');
  let upstream: Upstream | undefined;
  let cluster: PostgresCluster | undefined;
  const consoles: ConsoleProcess[] = [];
  try {
    upstream = await startUpstream(options.upstreamDelayMs);
    const environmentsFile = writeBenchEnvironments(work, upstream.url);
    const start = (name: string, env: Record<string, string> = {}) =>
      startConsole({
        dataDir: path.join(work, name),
        environmentsFile,
        logLevel: options.logLevel,
        env: { SANDBOX: 'off', ...env },
      }).then((c) => {
        consoles.push(c);
        return c;
      });
    const probe = async (url: string, headers: Record<string, string>) => {
      const res = await fetch(`${url}/api/requests`, { method: 'POST', headers, body: BENCH_REQUEST_BODY });
      const text = await res.text();
      const entry = historyEntrySchema.safeParse(JSON.parse(text));
      if (res.status !== 201 || !entry.success || entry.data.outcome !== 'ok') {
        throw new Error(`POST /api/requests answered ${res.status}: ${text.slice(0, 300)}`);
      }
    };
    const load = (url: string, headers: Record<string, string>, connections: number, pid: number) =>
      ({
        url: `${url}/api/requests`,
        method: 'POST',
        headers,
        body: BENCH_REQUEST_BODY,
        connections,
        seconds: options.loadSeconds,
        warmupSeconds: 0,
        serverPid: pid,
      }) satisfies LoadSpec;

    ctx.log('replicas: one console on SQLite (the baseline)');
    const single = await start('single');
    const singleHeaders = { 'content-type': 'application/json', ...(await authenticate(single.url)).headers };
    await probe(single.url, singleHeaders);
    const singleRuns: Record<number, LoadResult> = {};
    for (const connections of [1, 32]) {
      const spec = load(single.url, singleHeaders, connections, single.pid);
      await measureLoad({ ...spec, seconds: options.warmupSeconds });
      singleRuns[connections] = await measureLoad(spec);
    }
    await single.stop();

    ctx.log('replicas: a PostgreSQL cluster and two replicas on it');
    cluster = await startPostgres();
    const pg = cluster;
    const databaseUrl = (await createTempPostgresDatabase(pg.url)).url;
    const [a, b] = await Promise.all([
      start('a', { DATABASE_URL: databaseUrl }),
      start('b', { DATABASE_URL: databaseUrl }),
    ]);
    if (!a || !b) throw new Error('the replicas did not start');
    // One API token: the replicas share it through the database.
    const headers = { 'content-type': 'application/json', ...(await authenticate(a.url)).headers };
    await probe(a.url, headers);
    await probe(b.url, headers);
    const pgCpu = () => {
      const ms = processTreeCpuMs(pg.pid);
      if (typeof ms === 'string') throw new Error(ms);
      return ms;
    };
    const replicaRuns: Record<number, ReplicaLoad> = {};
    for (const connections of [1, 32]) {
      // One connection goes to one replica; more are split evenly between both, as a proxy would.
      const targets = connections === 1 ? [a] : [a, b];
      const specs = targets.map((r) => load(r.url, headers, connections / targets.length, r.pid));
      ctx.log(`replicas: ${connections} connection(s) over ${targets.length} replica(s)`);
      await Promise.all(specs.map((s) => measureLoad({ ...s, seconds: options.warmupSeconds })));
      await new Promise((r) => setTimeout(r, 200));
      const before = pgCpu();
      const runs = await Promise.all(specs.map((s) => measureLoad(s)));
      const postgresCpuMs = pgCpu() - before;
      const latencies = runs[0];
      if (!latencies) throw new Error('no load ran');
      replicaRuns[connections] = {
        ok: runs.reduce((n, r) => n + r.ok, 0),
        failed: runs.reduce((n, r) => n + r.failed, 0),
        seconds: Math.max(...runs.map((r) => r.seconds)),
        p50Ms: latencies.p50Ms,
        p99Ms: latencies.p99Ms,
        consoleCpuMs: runs.reduce((n, r) => n + cpuOf(r), 0),
        postgresCpuMs,
      };
    }

    const figures: Figure[] = [];
    const baselineName = 'one node on SQLite';
    for (const connections of [1, 32]) {
      const s = singleRuns[connections];
      const r = replicaRuns[connections];
      if (!s || !r) continue;
      const invalid =
        s.failed > 0 || r.failed > 0 ? { note: `INVALID: ${s.failed} + ${r.failed} failed calls` } : {};
      const tag = connections === 1 ? '1 conn' : '32 conn over both';
      const singleCpu = cpuOf(s) / s.ok;
      if (connections === 1) {
        figures.push(
          figure('replicas', {
            name: 'added p50 latency, replica on PostgreSQL, 1 conn',
            unit: 'ms',
            value: r.p50Ms,
            baseline: s.p50Ms,
            baselineName,
            compare: 'diff',
            ...invalid,
          }),
          figure('replicas', {
            name: 'added p99 latency, replica on PostgreSQL, 1 conn',
            unit: 'ms',
            value: r.p99Ms,
            baseline: s.p99Ms,
            baselineName,
            compare: 'diff',
            ...invalid,
          }),
        );
      } else {
        figures.push(
          figure('replicas', {
            name: `throughput, ${tag}`,
            unit: 'req/s',
            value: r.ok / r.seconds,
            baseline: s.requestsPerSecond,
            baselineName,
            compare: 'ratio',
            ...invalid,
          }),
        );
      }
      figures.push(
        figure('replicas', {
          name: `console CPU per call, ${tag}`,
          unit: 'ms',
          value: r.consoleCpuMs / r.ok,
          baseline: singleCpu,
          baselineName,
          compare: 'ratio',
          ...invalid,
        }),
        figure('replicas', {
          name: `console + PostgreSQL CPU per call, ${tag}`,
          unit: 'ms',
          value: (r.consoleCpuMs + r.postgresCpuMs) / r.ok,
          baseline: singleCpu,
          baselineName,
          compare: 'ratio',
          note: `PostgreSQL ${(r.postgresCpuMs / r.ok).toFixed(2)} ms of it`,
          ...invalid,
        }),
      );
    }
    return {
      figures,
      details: { single: singleRuns, replicas: replicaRuns, postgres: pg.version },
    };
  } finally {
    await Promise.all(consoles.map((c) => c.stop()));
    await cluster?.stop();
    await upstream?.stop();
    removeTempDir(work);
  }
}
