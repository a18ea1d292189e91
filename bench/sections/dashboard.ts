import { createCallRecorder } from '../../server/src/adapters/db/call-recorder';
import { createRepositories, FOLD_LAG_MS, openDatabase } from '../../server/src/adapters/db/index';
import { migration0005StatsRollups } from '../../server/src/adapters/db/migrations/0005-stats-rollups';
import { migration0012StatsRollupTiers } from '../../server/src/adapters/db/migrations/0012-stats-rollup-tiers';
import { seedHistory } from '../../server/src/adapters/db/testing';
import { statsResponseSchema } from '../../shared/src/api/index';
import { alternatingPairs, consoleVariants, roundRatios } from '../lib/alternate';
import { authenticate } from '../lib/auth';
import { type Figure, figure, fmt } from '../lib/figure';
import {
  BENCH_REQUEST_BODY,
  consoleWithoutRollups,
  startConsole,
  startUpstream,
  writeBenchEnvironments,
} from '../lib/processes';
import { seedCache } from '../lib/seed-cache';
import { sendPathCpuPerCall } from '../lib/send-path';
import { median, type Timing, timeLoop } from '../lib/stats';
import { makeTempDir, removeTempDir } from '../lib/temp';
import type { SectionContext, SectionResult } from './context';

const GOAL_ROWS = 1_000_000;
const HOUR = 3_600_000;
const ranges = { '24 h': 24 * HOUR, '7 d': 7 * 24 * HOUR } as const;

/** Times GET `path` over HTTP, one request at a time. */
function timeGet(url: string, headers: Record<string, string>, path: () => string, seconds: number) {
  return timeLoop(
    async () => {
      const res = await fetch(`${url}${path()}`, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path()} answered ${res.status}`);
    },
    { seconds, warmup: 5, minIterations: 20 },
  );
}

/**
 * A store holding `rows` seeded calls (one a second, so 10^6 rows span 11.6 days) rolled up by the
 * migrations that build rollups for existing rows (0005, then 0012's coarser resolutions), in `dir`.
 * A store seeded by the same store code in an earlier run is copied instead (`seedCache`) unless
 * `--fresh-seed`; answers where its seeded calls end.
 */
async function seededStore(ctx: SectionContext, dir: string, rows: number) {
  const cache = seedCache(rows);
  const kept = ctx.options.freshSeed ? undefined : cache.find();
  if (kept) {
    ctx.log(
      `dashboard: copying the ${rows.toLocaleString('en-US')}-row store seeded ${kept.seededAt} (${cache.dir})`,
    );
    cache.copyTo(dir);
    return { ...kept, reused: true };
  }
  ctx.log(`dashboard: seeding ${rows.toLocaleString('en-US')} history rows and rolling them up`);
  const db = await openDatabase({ dataDir: dir });
  const t = performance.now();
  await seedHistory(db, rows);
  const seedSeconds = (performance.now() - t) / 1000;
  const r = performance.now();
  await migration0005StatsRollups.up(db.kysely as never);
  await migration0012StatsRollupTiers(db.dialect).up(db.kysely as never);
  const rollupSeconds = (performance.now() - r) / 1000;
  const last = await db.kysely
    .selectFrom('history')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .executeTakeFirstOrThrow();
  // Closing the last connection checkpoints the log into the file (`keep` refuses a file with a log).
  await db.close();
  const meta = {
    rows,
    endMs: Date.parse(last.at),
    seededAt: new Date().toISOString(),
    seedSeconds,
    rollupSeconds,
  };
  cache.keep(dir, meta);
  return { ...meta, reused: false };
}

/**
 * `/api/stats` at 10^6 history rows: a real server answers the 24 h and 7 d ranges that end at the
 * last seeded call. Baseline: the same server's `GET /api/session`, an authenticated answer that
 * reads nothing but the session.
 */
async function statsAnswerTimes(ctx: SectionContext, rows: number) {
  const dir = makeTempDir('dashboard');
  try {
    const seeded = await seededStore(ctx, dir, rows);
    // The range's end: the seeded calls' last minute, so a kept store measures the same calls.
    const to = new Date(Math.ceil(seeded.endMs / 60_000) * 60_000 + 60_000).toISOString();
    const server = await startConsole({ dataDir: dir, logLevel: 'warn' });
    try {
      const { headers } = await authenticate(server.url);
      const seconds = ctx.options.loopSeconds;
      const session = await timeGet(server.url, headers, () => '/api/session', seconds);
      const answers: Record<string, Timing & { calls: number }> = {};
      for (const [name, spanMs] of Object.entries(ranges)) {
        const path = () => `/api/stats?from=${new Date(Date.parse(to) - spanMs).toISOString()}&to=${to}`;
        const check = await fetch(`${server.url}${path()}`, { headers });
        const stats = statsResponseSchema.parse(await check.json());
        const expected = Math.min(rows, spanMs / 1000);
        // The range really holds the history it claims to summarise (±1 % for the range's edges).
        if (Math.abs(stats.totals.calls - expected) > expected * 0.01 + 120) {
          throw new Error(`the ${name} range counted ${stats.totals.calls} calls, not about ${expected}`);
        }
        answers[name] = { ...(await timeGet(server.url, headers, path, seconds)), calls: stats.totals.calls };
      }
      return { seeded, session, answers };
    } finally {
      await server.stop();
    }
  } finally {
    removeTempDir(dir);
  }
}

/**
 * The send path's CPU per call, with rollups (as the console runs) and without (the baseline, as
 * before the dashboard), in this process, in alternating rounds so drift in the machine's load hits
 * both alike. The whole send path: guard rails, limiter, pending row, sign, HTTP to a fast upstream
 * (its own process), result row and rollups in one group commit.
 */
async function sendPathCpu(ctx: SectionContext) {
  const dir = makeTempDir('dashboard-send');
  const db = await openDatabase({ dataDir: dir });
  try {
    const base = createRepositories(db);
    const callsPerRound = ctx.options.quick ? 300 : 2000;
    const rounds = ctx.options.quick ? 2 : 6;
    ctx.log(`dashboard: send-path CPU, ${rounds} alternating rounds of ${callsPerRound} calls each way`);
    const perCallMs = await sendPathCpuPerCall({
      variants: { with: base, without: { ...base, calls: createCallRecorder(db, { rollups: false }) } },
      callsPerRound,
      rounds,
    });
    // The send path writes stats_recent; the console's fold job moves it to the four rollup tables
    // later, off the send path but in the same process (decision 056). Its CPU for every call the
    // rounds above wrote (the warm-up round's too), per call.
    const before = process.cpuUsage();
    const moved = await base.stats.fold({ now: Date.now() + FOLD_LAG_MS + 60_000 });
    const used = process.cpuUsage(before);
    const foldMsPerCall = moved === 0 ? 0 : (used.user + used.system) / 1000 / moved;
    return { callsPerRound, rounds, perCallMs, fold: { calls: moved, msPerCall: foldMsPerCall } };
  } finally {
    await db.close();
    removeTempDir(dir);
  }
}

/**
 * The server's CPU per call through `POST /api/requests`, with the dashboard's rollups (this
 * checkout's server as `pnpm start` runs it) and without (the same server built from
 * bench/lib/console-without-rollups.ts: the send path as before the dashboard), side by side on one
 * upstream and loaded in turn at 1 and 32 connections (decision 061).
 *
 * Two processes of the same code differ by up to ±5 % at one connection for as long as they run
 * (an A/A of this comparison gave ×0.949), so one pair cannot judge a 5 % goal: each of `pairs`
 * pairs starts both anew, and the goal's figure is the median over every round of every pair of
 * the round's ratio. Answers each round's CPU per call, `with[i]` and `without[i]` from one round.
 */
async function serverCpuWithAndWithoutRollups(ctx: SectionContext) {
  const work = makeTempDir('dashboard-server');
  const upstream = await startUpstream(0);
  const pairs = ctx.options.quick ? 1 : 5;
  const rounds = ctx.options.quick ? 1 : 2;
  const seconds = ctx.options.quick ? 1 : 3;
  const connectionCounts = [1, 32] as const;
  try {
    const environmentsFile = writeBenchEnvironments(work, upstream.url);
    const start = consoleVariants({ with: undefined, without: await consoleWithoutRollups() }, work, {
      environmentsFile,
      logLevel: ctx.options.logLevel,
    });
    ctx.log(
      `dashboard: server CPU with and without rollups, ${pairs} pairs of servers, ${rounds} alternating rounds of ${seconds} s each`,
    );
    const results = await alternatingPairs({
      pairs,
      variants: ['with', 'without'],
      start,
      body: BENCH_REQUEST_BODY,
      connectionCounts,
      rounds,
      seconds,
      warmSeconds: ctx.options.quick ? 1 : 3,
    });
    const cpuPerCall = (name: string, connections: number) =>
      (results.get(`${name} ${connections}`) ?? []).map((r) => {
        if (typeof r.serverCpuMsPerCall !== 'number')
          throw new Error(`no server CPU: ${r.serverCpuMsPerCall}`);
        return r.serverCpuMsPerCall;
      });
    const perCallMs = Object.fromEntries(
      connectionCounts.map((c) => [c, { with: cpuPerCall('with', c), without: cpuPerCall('without', c) }]),
    ) as Record<(typeof connectionCounts)[number], { with: number[]; without: number[] }>;
    return { pairs, rounds, seconds, perCallMs };
  } finally {
    await upstream.stop();
    removeTempDir(work);
  }
}

export async function runDashboard(ctx: SectionContext): Promise<SectionResult> {
  const rows = Math.min(ctx.options.maxRows, GOAL_ROWS);
  const figures: Figure[] = [];
  const answers = await statsAnswerTimes(ctx, rows);
  const atGoal = rows === GOAL_ROWS;
  for (const [name, timing] of Object.entries(answers.answers)) {
    figures.push(
      figure('dashboard', {
        name: `/api/stats ${name} at ${rows.toLocaleString('en-US')} rows (p50)`,
        unit: 'ms',
        value: timing.p50Ms,
        baseline: answers.session.p50Ms,
        baselineName: 'GET /api/session',
        compare: 'diff',
        ...(atGoal ? { goal: { text: '< 50 ms', test: (f) => f.value < 50 } } : {}),
        note: `p99 ${timing.p99Ms.toFixed(1)} ms, ${timing.calls.toLocaleString('en-US')} calls in range, store ${answers.seeded.reused ? `copied from one seeded ${answers.seeded.seededAt}` : 'seeded in this run'}`,
      }),
    );
  }
  const server = await serverCpuWithAndWithoutRollups(ctx);
  for (const connections of [1, 32] as const) {
    const { with: withRollups, without } = server.perCallMs[connections];
    const paired = roundRatios(withRollups, without);
    figures.push(
      figure('dashboard', {
        name: `server CPU per call with rollups, ${connections} conn`,
        unit: '×',
        value: median(paired),
        baseline: 1,
        baselineName: 'without rollups',
        compare: 'ratio',
        goal: { text: '≤ ×1.05', test: (f) => f.ratio <= 1.05 },
        note: `POST /api/requests, the server process's CPU: median of the ${paired.length} rounds' ratios (${server.rounds} alternating rounds of ${server.seconds} s in each of ${server.pairs} pairs of fresh servers); medians ${fmt(median(withRollups))} ms with, ${fmt(median(without))} ms without; rounds' ratios ${fmt(Math.min(...paired))}–${fmt(Math.max(...paired))}`,
      }),
    );
  }
  const cpu = await sendPathCpu(ctx);
  figures.push(
    figure('dashboard', {
      name: 'send path alone (in process) with rollups',
      unit: 'ms',
      value: median(cpu.perCallMs.with),
      baseline: median(cpu.perCallMs.without),
      baselineName: 'without rollups',
      compare: 'ratio',
      note: `the store's share, without HTTP, auth or logging (decision 061): median of ${cpu.rounds} rounds of ${cpu.callsPerRound} calls, this process's CPU; the fold of the ${cpu.fold.calls} calls they wrote took ${(cpu.fold.msPerCall * 1000).toFixed(2)} µs per call`,
    }),
  );
  return { figures, details: { rows, ...answers, server, sendPath: cpu } };
}
