import { rmSync } from 'node:fs';
import path from 'node:path';
import { historyEntrySchema } from '../../shared/src/api/index';
import { authenticate } from '../lib/auth';
import { busiestProfile, formatProfileSummary, type ProfileSummary } from '../lib/cpuprofile';
import { type Figure, figure, fmt } from '../lib/figure';
import { type LoadResult, measureLoad } from '../lib/load';
import {
  BENCH_ADMIN,
  BENCH_CALL,
  BENCH_REQUEST_BODY,
  BENCH_SDKAPPID,
  benchUserSig,
  type ChildServer,
  type ConsoleProcess,
  repoRoot,
  startConsole,
  startFloorProxy,
  startUpstream,
  writeBenchEnvironments,
} from '../lib/processes';
import { concurrentCalls, measureStoreCosts, type StoreCosts } from '../lib/store-costs';
import { makeTempDir, removeTempDir } from '../lib/temp';
import type { SectionContext, SectionResult } from './context';

export const profilesDir = path.join(repoRoot, 'bench/results/profiles');

interface Pair {
  connections: number;
  direct: LoadResult;
  /** The bare proxy (`bench/floor-proxy-main.ts`): what any Node proxy costs on this machine. */
  floor: LoadResult;
  /** The bare proxy recording each call as the console must (decision 062): the recording floor. */
  recording: LoadResult;
  console: LoadResult;
}

/** Issue 18's goal for the server CPU per call, as a multiple of the bare proxy's. */
const cpuGoal = (connections: number) => (connections === 1 ? 3 : 2.5);

/** A figure that could not be measured here, printed in the figures' layout instead of failing. */
function skippedLine(name: string, reason: string) {
  return `${'overhead'.padEnd(8)} ${name.padEnd(46)} SKIPPED: ${reason}`;
}

function profileLines(
  p: ProfileSummary & { requestsPerSecond: number; busyMsPerCall: number; store: StoreCosts },
) {
  const ms = (t: { meanMs: number }) => `${t.meanMs.toFixed(3)} ms`;
  return [
    `profile: ${Math.round(p.requestsPerSecond)} req/s under the profiler, ${p.busyMsPerCall.toFixed(2)} ms of server main-thread time per call`,
    `store work per call, mean in-process: history insert ${ms(p.store.historyInsert)} + audit append ${ms(p.store.auditAppend)} as separate commits, both in one (calls.record) ${ms(p.store.callRecord)} (p99 ${p.store.callRecord.p99Ms.toFixed(3)} ms), ${concurrentCalls} in flight ${ms(p.store.callRecordConcurrent)} per record (group commit); written before sending (calls.begin + calls.complete) ${ms(p.store.callBeginComplete)} (p99 ${p.store.callBeginComplete.p99Ms.toFixed(3)} ms), ${concurrentCalls} in flight ${ms(p.store.callBeginCompleteConcurrent)} per call; API-token check ${ms(p.store.tokenAuth)} kept, ${ms(p.store.tokenAuthRead)} read`,
    ...formatProfileSummary(p, 15).split('\n'),
  ];
}

export async function runOverhead(ctx: SectionContext): Promise<SectionResult> {
  const { options } = ctx;
  const work = makeTempDir('overhead');
  const upstream = await startUpstream(options.upstreamDelayMs);
  const environmentsFile = writeBenchEnvironments(work, upstream.url);
  const startServer = (dataDir: string, nodeArgs: string[] = []) =>
    startConsole({
      dataDir,
      environmentsFile,
      logLevel: options.logLevel,
      nodeArgs,
    });

  // The URL the console itself sends, UserSig included, so both paths carry the same request.
  const userSig = benchUserSig();
  const directUrl =
    `${upstream.url}/v4/${BENCH_CALL.service}/${BENCH_CALL.command}?sdkappid=${BENCH_SDKAPPID}&identifier=${BENCH_ADMIN}` +
    `&usersig=${encodeURIComponent(userSig)}&random=1234567&contenttype=json`;
  const directBody = JSON.stringify(BENCH_CALL.body);

  let server: ConsoleProcess | undefined;
  let floor: ChildServer | undefined;
  let recording: ChildServer | undefined;
  try {
    floor = await startFloorProxy({ upstreamUrl: upstream.url });
    recording = await startFloorProxy({
      upstreamUrl: upstream.url,
      storeDir: path.join(work, 'data-recording'),
    });
    server = await startServer(path.join(work, 'data'));
    const credentials = await authenticate(server.url);
    const consoleHeaders = { 'content-type': 'application/json', ...credentials.headers };
    const proxyHeaders = { 'content-type': 'application/json' };

    // One call each way first: a benchmark of error answers would measure nothing useful.
    const probe = await fetch(`${server.url}/api/requests`, {
      method: 'POST',
      headers: consoleHeaders,
      body: BENCH_REQUEST_BODY,
    });
    const probeText = await probe.text();
    const entry = historyEntrySchema.safeParse(JSON.parse(probeText));
    if (probe.status !== 201 || !entry.success || entry.data.outcome !== 'ok') {
      throw new Error(`POST /api/requests answered ${probe.status}: ${probeText.slice(0, 300)}`);
    }
    for (const [proxy, what] of [
      [floor, 'the bare proxy'],
      [recording, 'the recording bare proxy'],
    ] as const) {
      const res = await fetch(`${proxy.url}/api/requests`, {
        method: 'POST',
        headers: proxyHeaders,
        body: BENCH_REQUEST_BODY,
      });
      const text = await res.text();
      if (res.status !== 201 || !text.includes('"outcome":"ok"')) {
        throw new Error(`${what} answered ${res.status}: ${text.slice(0, 300)}`);
      }
    }

    // V8 compiles a server's hot code over its first thousands of calls. Measured cold, the one-
    // connection load (first, and slow) paid for that compilation: ~1.5 ms per call of V8's compiler
    // threads at the start (decision 055). Both servers first take a 32-connection load, so every
    // figure below is of warm code, as in a server that has been up a while.
    for (const [url, headers] of [
      [`${floor.url}/api/requests`, proxyHeaders],
      [`${recording.url}/api/requests`, proxyHeaders],
      [`${server.url}/api/requests`, consoleHeaders],
    ] as const) {
      await measureLoad({
        url,
        method: 'POST',
        headers,
        body: BENCH_REQUEST_BODY,
        connections: 32,
        seconds: options.quick ? 2 : 5,
        warmupSeconds: 0,
      });
    }

    const pairs: Pair[] = [];
    for (const connections of [1, 32]) {
      ctx.log(`overhead: ${connections} connection(s), direct`);
      const direct = await measureLoad({
        url: directUrl,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: directBody,
        connections,
        seconds: options.loadSeconds,
        warmupSeconds: options.warmupSeconds,
      });
      /** The bench call's load at this many connections through one of the servers, its CPU read. */
      const through = (
        target: { url: string; pid: number },
        headers: Record<string, string>,
        what: string,
      ) => {
        ctx.log(`overhead: ${connections} connection(s), through ${what}`);
        return measureLoad({
          url: `${target.url}/api/requests`,
          method: 'POST',
          headers,
          body: BENCH_REQUEST_BODY,
          connections,
          seconds: options.loadSeconds,
          warmupSeconds: options.warmupSeconds,
          serverPid: target.pid,
        });
      };
      const viaFloor = await through(floor, proxyHeaders, 'the bare proxy (floor)');
      const viaRecording = await through(recording, proxyHeaders, 'the bare proxy recording each call');
      const viaConsole = await through(server, consoleHeaders, 'the console');
      pairs.push({ connections, direct, floor: viaFloor, recording: viaRecording, console: viaConsole });
    }
    await server.stop();
    server = undefined;
    await floor.stop();
    floor = undefined;
    await recording.stop();
    recording = undefined;

    let profile:
      | (ProfileSummary & { requestsPerSecond: number; busyMsPerCall: number; store: StoreCosts })
      | undefined;
    if (options.profile) {
      ctx.log(
        `overhead: profiling the server under ${options.profileConnections} connections (node --cpu-prof)`,
      );
      rmSync(profilesDir, { recursive: true, force: true });
      server = await startServer(path.join(work, 'data-profile'), [
        '--cpu-prof',
        `--cpu-prof-dir=${profilesDir}`,
      ]);
      const profiled = await authenticate(server.url);
      const load = {
        url: `${server.url}/api/requests`,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...profiled.headers },
        body: BENCH_REQUEST_BODY,
        connections: options.profileConnections,
        warmupSeconds: 0,
      };
      await measureLoad({ ...load, seconds: options.warmupSeconds });
      const fromMs = Date.now() - server.spawnedAt;
      const profiledRun = await measureLoad({ ...load, seconds: Math.max(options.loadSeconds, 3) });
      const toMs = Date.now() - server.spawnedAt;
      await server.stop();
      server = undefined;
      const summary = busiestProfile(profilesDir, 25, { fromMs, toMs });
      ctx.log('overhead: timing the store work of one call in-process');
      profile = {
        ...summary,
        requestsPerSecond: profiledRun.requestsPerSecond,
        // Wall-clock busy time per call: on a loaded machine it includes time the OS gave to others.
        busyMsPerCall: summary.busyMs / (profiledRun.requestsPerSecond * profiledRun.seconds),
        store: await measureStoreCosts(options.loopSeconds),
      };
    }

    const figures: Figure[] = [];
    const skipped: string[] = [];
    const authNote = `auth: ${credentials.via === 'token' ? 'API token' : 'session cookie (no API tokens yet)'}`;
    /** A comparison is only valid if every run in it answered 2xx only. */
    const invalidity = (...runs: LoadResult[]) => {
      const invalid = runs.filter((r) => r.failed > 0);
      return invalid.length
        ? `INVALID: ${invalid.map((r) => JSON.stringify(r.statusCodes)).join(' ')}`
        : undefined;
    };
    const invalidNote = (...runs: LoadResult[]) => {
      const note = invalidity(...runs);
      return note === undefined ? {} : { note };
    };
    for (const { connections, direct, console: c } of pairs) {
      const invalid = invalidity(direct, c);
      const note = invalid === undefined ? authNote : `${invalid} ${authNote}`;
      const tag = `${connections} conn`;
      figures.push(
        figure('overhead', {
          name: `added p50 latency, ${tag}`,
          unit: 'ms',
          value: c.p50Ms,
          baseline: direct.p50Ms,
          baselineName: 'direct',
          compare: 'diff',
          ...(connections === 1 ? { goal: { text: '< +1 ms', test: (f) => f.diff < 1 } } : {}),
          note,
        }),
        figure('overhead', {
          name: `added p99 latency, ${tag}`,
          unit: 'ms',
          value: c.p99Ms,
          baseline: direct.p99Ms,
          baselineName: 'direct',
          compare: 'diff',
          // Issue 18.
          ...(connections === 1 ? { goal: { text: '< +3 ms', test: (f) => f.diff < 3 } } : {}),
        }),
        figure('overhead', {
          name: `throughput through the console, ${tag}`,
          unit: 'req/s',
          value: c.requestsPerSecond,
          baseline: direct.requestsPerSecond,
          baselineName: 'direct',
          compare: 'ratio',
          ...(connections === 32 ? { goal: { text: '≥ ×0.5 of direct', test: (f) => f.ratio >= 0.5 } } : {}),
        }),
      );
    }

    // The floor: the same loads through a bare node:http + undici proxy. On two cores shared by
    // autocannon, a proxy and the upstream, even this reaches only a fraction of direct throughput;
    // the console is judged fairly against it as well as against going direct.
    const one = pairs.find((p) => p.connections === 1);
    const many = pairs.find((p) => p.connections === 32);
    if (one) {
      figures.push(
        figure('overhead', {
          name: 'bare proxy (floor): added p50 latency, 1 conn',
          unit: 'ms',
          value: one.floor.p50Ms,
          baseline: one.direct.p50Ms,
          baselineName: 'direct',
          compare: 'diff',
          ...invalidNote(one.direct, one.floor),
        }),
      );
    }
    if (many) {
      figures.push(
        figure('overhead', {
          name: 'bare proxy (floor): throughput, 32 conn',
          unit: 'req/s',
          value: many.floor.requestsPerSecond,
          baseline: many.direct.requestsPerSecond,
          baselineName: 'direct',
          compare: 'ratio',
          ...invalidNote(many.direct, many.floor),
        }),
      );
    }
    if (one) {
      figures.push(
        figure('overhead', {
          name: 'recording floor: added p50 latency, 1 conn',
          unit: 'ms',
          value: one.recording.p50Ms,
          baseline: one.direct.p50Ms,
          baselineName: 'direct',
          compare: 'diff',
          ...invalidNote(one.direct, one.recording),
        }),
        figure('overhead', {
          name: 'console vs bare proxy: added p50, 1 conn',
          unit: 'ms',
          value: one.console.p50Ms,
          baseline: one.floor.p50Ms,
          baselineName: 'bare proxy',
          compare: 'diff',
          ...invalidNote(one.floor, one.console),
        }),
      );
    }
    if (many) {
      figures.push(
        figure('overhead', {
          name: 'console vs bare proxy: throughput, 32 conn',
          unit: 'req/s',
          value: many.console.requestsPerSecond,
          baseline: many.floor.requestsPerSecond,
          baselineName: 'bare proxy',
          compare: 'ratio',
          ...invalidNote(many.floor, many.console),
        }),
      );
    }
    // CPU per answered call of the server process, from /proc: it barely moves when other work
    // competes for the cores, unlike latency and throughput.
    const cpuFigure = (
      name: string,
      c: LoadResult,
      base: LoadResult,
      baseName: string,
      goal?: { text: string; test: (f: { ratio: number }) => boolean },
    ) => {
      const value = c.serverCpuMsPerCall;
      const baseline = base.serverCpuMsPerCall;
      if (typeof value !== 'number' || typeof baseline !== 'number') {
        const reason = [value, baseline].find((v) => typeof v === 'string') ?? 'not measured';
        skipped.push(skippedLine(name, reason));
        return;
      }
      figures.push(
        figure('overhead', {
          name,
          unit: 'ms',
          value,
          baseline,
          baselineName: baseName,
          compare: 'ratio',
          ...(goal === undefined ? {} : { goal }),
          note: `user+sys from /proc: ${fmt(c.serverCpuMs ?? Number.NaN)} ms over ${c.ok} calls, ${baseName} ${fmt(base.serverCpuMs ?? Number.NaN)} ms over ${base.ok}`,
        }),
      );
    };
    for (const { connections, floor: f, recording: r, console: c } of pairs) {
      // Issue 18: what the console costs the machine per call, against any proxy's cost.
      cpuFigure(`server CPU per call, console, ${connections} conn`, c, f, 'bare proxy', {
        text: `≤ ×${cpuGoal(connections)} of the bare proxy`,
        test: (fig) => fig.ratio <= cpuGoal(connections),
      });
      // Decision 062: how much of that the two commits every call must make account for, and how
      // much is the rest of the console (HTTP framework, auth, validation, logging, limiter).
      cpuFigure(`server CPU per call, recording floor, ${connections} conn`, r, f, 'bare proxy');
      cpuFigure(
        `server CPU per call, console vs recording floor, ${connections} conn`,
        c,
        r,
        'recording floor',
      );
    }
    const extraLines = [...skipped, ...(profile ? profileLines(profile) : [])];
    return {
      figures,
      details: {
        authVia: credentials.via,
        logLevel: options.logLevel,
        upstreamDelayMs: options.upstreamDelayMs,
        command: `${BENCH_CALL.service}/${BENCH_CALL.command}`,
        runs: pairs,
        ...(profile ? { profile } : {}),
      },
      ...(extraLines.length ? { extraLines } : {}),
    };
  } finally {
    await server?.stop();
    await floor?.stop();
    await recording?.stop();
    await upstream.stop();
    removeTempDir(work);
  }
}
