// `node --import tsx bench/ab.ts <other server entry> [rounds] [seconds]`: an A/B of the send path's
// server CPU per call between another checkout's server (A) and this one's (B) on a loaded machine.
// Both servers and the bare proxy (the floor) run side by side and are loaded in turn, round after
// round, at 1 and 32 connections, so the machine's load drifts over all three alike; the medians of
// the rounds are printed, with each as a ratio to the floor's. See docs/benchmarks.md.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserSigSigner } from '../server/src/adapters/usersig';
import { authenticate } from './lib/auth';
import { type LoadResult, measureLoad } from './lib/load';
import {
  type ChildServer,
  type ConsoleProcess,
  startConsole,
  startFloorProxy,
  startUpstream,
} from './lib/processes';
import { makeTempDir, removeTempDir } from './lib/temp';

const [otherEntry, roundsArg, secondsArg] = process.argv.slice(2);
if (otherEntry === undefined) {
  process.stderr.write(
    'usage: node --import tsx bench/ab.ts <other checkout>/server/src/main.ts [rounds=3] [seconds=3]\n',
  );
  process.exit(2);
}
const rounds = Number(roundsArg ?? 3);
// AB_CONNECTIONS=1 (or 32) for a quicker run of one of the two loads.
const connectionCounts = (process.env.AB_CONNECTIONS ?? '1,32').split(',').map(Number);
const seconds = Number(secondsArg ?? 3);
const SDKAPPID = 1400000001;
const ADMIN = 'administrator';
const body = JSON.stringify({
  environmentId: 'bench-upstream',
  service: 'im_open_login_svc',
  command: 'account_check',
  body: { CheckItem: [{ UserID: 'user1' }] },
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? Number.NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

const work = makeTempDir('ab');
const secretKey = 'bench-secret-key-0123456789abcdef0123456789abcdef';
const upstream = await startUpstream(0);
const environmentsFile = path.join(work, 'environments.json');
writeFileSync(
  environmentsFile,
  JSON.stringify({
    environments: [
      {
        id: 'bench-upstream',
        label: 'Benchmark upstream',
        endpoint: upstream.url,
        sdkAppId: SDKAPPID,
        adminIdentifier: ADMIN,
        secretKey: { env: 'BENCH_SECRET_KEY' },
        rateLimits: { '*': 100_000 },
      },
    ],
  }),
);
const servers: { name: string; proc: ConsoleProcess | ChildServer; headers: Record<string, string> }[] = [];
try {
  const userSig = new UserSigSigner().sign({
    id: 'bench',
    sdkAppId: SDKAPPID,
    adminIdentifier: ADMIN,
    secretKey,
  });
  const floor = await startFloorProxy({
    upstreamUrl: upstream.url,
    sdkAppId: SDKAPPID,
    identifier: ADMIN,
    userSig,
  });
  servers.push({ name: 'floor', proc: floor, headers: {} });
  // Straight to the upstream: the added latency of a proxy is its p50 / p99 over this one's.
  servers.push({ name: 'direct', proc: upstream, headers: {} });
  for (const [name, entry] of [
    ['A', path.resolve(otherEntry)],
    ['B', undefined],
  ] as const) {
    const proc = await startConsole({
      dataDir: path.join(work, `data-${name}`),
      environmentsFile,
      logLevel: 'info',
      env: { BENCH_SECRET_KEY: secretKey },
      ...(entry === undefined ? {} : { entry }),
    });
    servers.push({ name, proc, headers: (await authenticate(proc.url)).headers });
  }
  // V8 compiles a server's hot code over its first few thousand calls: measured cold, one connection
  // (first in line, ~100 calls a second here) paid for that compilation. Each server first takes a
  // 32-connection load, so every figure is of warm code, as a server that has run a while has.
  const warmSeconds = Number(process.env.AB_WARM_SECONDS ?? 5);
  for (const s of servers) {
    if (warmSeconds <= 0 || s.name === 'direct') continue;
    await measureLoad({
      url: `${s.proc.url}/api/requests`,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...s.headers },
      body,
      connections: 32,
      seconds: warmSeconds,
      warmupSeconds: 0,
    });
  }
  const results = new Map<string, LoadResult[]>();
  for (const connections of connectionCounts) {
    for (let round = 0; round < rounds; round++) {
      // Every other round in the reverse order: neither server is always loaded right after the other.
      for (const s of round % 2 === 0 ? servers : [...servers].reverse()) {
        const r = await measureLoad({
          url:
            s.name === 'direct'
              ? `${s.proc.url}/v4/im_open_login_svc/account_check?sdkappid=${SDKAPPID}&contenttype=json`
              : `${s.proc.url}/api/requests`,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...s.headers },
          body,
          connections,
          seconds,
          warmupSeconds: 1,
          serverPid: s.proc.pid,
        });
        if (r.failed > 0) throw new Error(`${s.name} answered ${JSON.stringify(r.statusCodes)}`);
        const key = `${s.name} ${connections}`;
        results.set(key, [...(results.get(key) ?? []), r]);
        process.stderr.write(
          `${key} conn round ${round + 1}: ${(r.serverCpuMsPerCall as number).toFixed(3)} ms CPU/call, p50 ${r.p50Ms.toFixed(2)} ms, load ${os.loadavg()[0]?.toFixed(1)}\n`,
        );
      }
    }
  }
  console.log(
    `A = ${otherEntry}, B = this checkout; medians of ${rounds} rounds of ${seconds} s; load now ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const connections of connectionCounts) {
    const cpu = (name: string) =>
      median((results.get(`${name} ${connections}`) ?? []).map((r) => r.serverCpuMsPerCall as number));
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
    console.log(
      `${connections} conn B/A CPU per call ×${(cpu('B') / cpu('A')).toFixed(3)} (${(cpu('B') - cpu('A')).toFixed(3)} ms)`,
    );
  }
} finally {
  for (const s of servers) if (s.name !== 'direct') await s.proc.stop();
  await upstream.stop();
  removeTempDir(work);
}
