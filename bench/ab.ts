// `node --import tsx bench/ab.ts <other server entry> [rounds] [seconds]`: an A/B of the send path's
// server CPU per call between another checkout's server (A) and this one's (B) on a loaded machine.
// Both servers and the bare proxy (the floor) run side by side and are loaded in turn, round after
// round, at 1 and 32 connections, so the machine's load drifts over all three alike; the medians of
// the rounds are printed, with each as a ratio to the floor's. See docs/benchmarks.md.
// AB_PAIRS (default 3) pairs of A and B are started anew, `rounds` rounds each: two processes of the
// same code differ by up to ±5 % at one connection for their whole life (decision 061), so B/A is
// the median of the rounds' ratios over every pair.
import os from 'node:os';
import path from 'node:path';
import { alternatingPairs, consoleVariants, roundRatios } from './lib/alternate';
import {
  BENCH_CALL,
  BENCH_REQUEST_BODY,
  BENCH_SDKAPPID,
  type ChildServer,
  startFloorProxy,
  startUpstream,
  writeBenchEnvironments,
} from './lib/processes';
import { median } from './lib/stats';
import { makeTempDir, removeTempDir } from './lib/temp';

const [otherEntry, roundsArg, secondsArg] = process.argv.slice(2);
if (otherEntry === undefined) {
  process.stderr.write(
    'usage: [AB_PAIRS=3] node --import tsx bench/ab.ts <other checkout>/server/src/main.ts [rounds=2] [seconds=3]\n',
  );
  process.exit(2);
}
const rounds = Number(roundsArg ?? 2);
const pairs = Number(process.env.AB_PAIRS ?? 3);
// AB_CONNECTIONS=1 (or 32) for a quicker run of one of the two loads.
const connectionCounts = (process.env.AB_CONNECTIONS ?? '1,32').split(',').map(Number);
const seconds = Number(secondsArg ?? 3);

const work = makeTempDir('ab');
const upstream = await startUpstream(0);
const environmentsFile = writeBenchEnvironments(work, upstream.url);
/** The floor and the upstream itself, loaded beside every pair of consoles. */
const servers: { name: string; proc: ChildServer; headers: Record<string, string> }[] = [];
try {
  const floor = await startFloorProxy({ upstreamUrl: upstream.url });
  servers.push({ name: 'floor', proc: floor, headers: {} });
  // Straight to the upstream: the added latency of a proxy is its p50 / p99 over this one's.
  servers.push({ name: 'direct', proc: upstream, headers: {} });
  const fixedServer = (s: (typeof servers)[number]) => ({
    name: s.name,
    url:
      s.name === 'direct'
        ? `${s.proc.url}/v4/${BENCH_CALL.service}/${BENCH_CALL.command}?sdkappid=${BENCH_SDKAPPID}&contenttype=json`
        : `${s.proc.url}/api/requests`,
    headers: s.headers,
    pid: s.proc.pid,
    warm: s.name !== 'direct',
  });
  const results = await alternatingPairs({
    pairs,
    variants: ['A', 'B'],
    start: consoleVariants({ A: path.resolve(otherEntry), B: undefined }, work, {
      environmentsFile,
      logLevel: 'info',
    }),
    fixed: servers.map(fixedServer),
    body: BENCH_REQUEST_BODY,
    connectionCounts,
    rounds,
    seconds,
    warmSeconds: Number(process.env.AB_WARM_SECONDS ?? 5),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(
    `A = ${otherEntry}, B = this checkout; medians of ${rounds} rounds of ${seconds} s in each of ${pairs} pairs; load now ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const connections of connectionCounts) {
    const cpus = (name: string) =>
      (results.get(`${name} ${connections}`) ?? []).map((r) => r.serverCpuMsPerCall as number);
    const cpu = (name: string) => median(cpus(name));
    const p = (name: string, q: 'p50Ms' | 'p99Ms') =>
      median((results.get(`${name} ${connections}`) ?? []).map((r) => r[q]));
    const f = cpu('floor');
    console.log(
      `${connections} conn direct p50 ${p('direct', 'p50Ms').toFixed(2)} ms  p99 ${p('direct', 'p99Ms').toFixed(2)} ms (added by B: p50 +${(p('B', 'p50Ms') - p('direct', 'p50Ms')).toFixed(2)} ms, p99 +${(p('B', 'p99Ms') - p('direct', 'p99Ms')).toFixed(2)} ms)`,
    );
    for (const name of ['floor', 'A', 'B']) {
      console.log(
        `${connections} conn ${name.padEnd(5)} CPU/call ${cpu(name).toFixed(3)} ms (×${(cpu(name) / f).toFixed(2)} floor)  p50 ${p(name, 'p50Ms').toFixed(2)} ms  p99 ${p(name, 'p99Ms').toFixed(2)} ms`,
      );
    }
    const paired = median(roundRatios(cpus('B'), cpus('A')));
    console.log(
      `${connections} conn B/A CPU per call ×${paired.toFixed(3)} (median of the rounds' ratios; ratio of the medians ×${(cpu('B') / cpu('A')).toFixed(3)}, ${(cpu('B') - cpu('A')).toFixed(3)} ms)`,
    );
  }
} finally {
  for (const s of servers) if (s.name !== 'direct') await s.proc.stop();
  await upstream.stop();
  removeTempDir(work);
}
