// `node --import tsx bench/recording-designs.ts [rounds=3] [seconds=3]`: what each design of the
// per-call record would cost (decision 063). The bare proxy and the recording floor in each of
// lib/recording-floor.ts's designs run side by side and are loaded in turn, round after round, at 1
// and 32 connections (RD_CONNECTIONS); prints each one's median server CPU per call and p50 / p99,
// with its CPU as a ratio to the bare proxy's: the console's own figure adds its auth, validation,
// logging and limiter to its design's.
import os from 'node:os';
import { alternatingLoads } from './lib/alternate';
import { BENCH_REQUEST_BODY, type ChildServer, startFloorProxy, startUpstream } from './lib/processes';
import { recordingDesigns } from './lib/recording-floor';
import { median } from './lib/stats';
import { makeTempDir, removeTempDir } from './lib/temp';

const rounds = Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 3);
const connectionCounts = (process.env.RD_CONNECTIONS ?? '1,32').split(',').map(Number);

const work = makeTempDir('recording-designs');
const upstream = await startUpstream(0);
const servers: { name: string; proc: ChildServer }[] = [];
try {
  const floor = { upstreamUrl: upstream.url };
  servers.push({ name: 'bare', proc: await startFloorProxy(floor) });
  for (const recording of recordingDesigns) {
    servers.push({
      name: recording,
      proc: await startFloorProxy({ ...floor, storeDir: `${work}/${recording}`, recording }),
    });
  }
  const results = await alternatingLoads({
    servers: servers.map((s) => ({
      name: s.name,
      url: `${s.proc.url}/api/requests`,
      headers: {},
      pid: s.proc.pid,
      warm: true,
    })),
    body: BENCH_REQUEST_BODY,
    connectionCounts,
    rounds,
    seconds,
    warmSeconds: 5,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(
    `medians of ${rounds} rounds of ${seconds} s; load now ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const connections of connectionCounts) {
    const of = (name: string) => results.get(`${name} ${connections}`) ?? [];
    const cpu = (name: string) => median(of(name).map((r) => r.serverCpuMsPerCall as number));
    const p = (name: string, q: 'p50Ms' | 'p99Ms') => median(of(name).map((r) => r[q]));
    for (const { name } of servers) {
      console.log(
        `${connections} conn ${name.padEnd(11)} CPU/call ${cpu(name).toFixed(3)} ms (×${(cpu(name) / cpu('bare')).toFixed(2)} bare)  p50 ${p(name, 'p50Ms').toFixed(2)} ms  p99 ${p(name, 'p99Ms').toFixed(2)} ms`,
      );
    }
  }
} finally {
  for (const s of servers) await s.proc.stop();
  await upstream.stop();
  removeTempDir(work);
}
