import type { HistoryEntry } from '@console/shared/api';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CallFact,
  createRepositories,
  FOLD_LAG_MS,
  latencyBoundsMs,
  type Repositories,
} from '../adapters/db';
import { migration0005StatsRollups } from '../adapters/db/migrations/0005-stats-rollups';
import { migration0012StatsRollupTiers } from '../adapters/db/migrations/0012-stats-rollup-tiers';
import { openTempDatabase, seedEntry } from '../adapters/db/testing';
import type { Logger } from '../logger';
import { purgeHistory } from './retention';
import { coarsestWithin, percentileOf, StatsService, startRollupFold, stepFor } from './stats';

let store: Awaited<ReturnType<typeof openTempDatabase>>;
let repos: Repositories;
let service: StatsService;

beforeAll(async () => {
  store = await openTempDatabase();
  repos = createRepositories(store.db);
  service = new StatsService(repos);
});
afterAll(async () => {
  await store.cleanup();
});

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const SPAN = 5 * 3_600_000;
const envs = ['prod', 'qa'] as const;
const commands = [
  ['openim', 'sendmsg'],
  ['im_open_login_svc', 'account_check'],
  ['group_open_http_svc', 'get_group_info'],
] as const;
const operators = ['alice', 'bob', 'ci-token-owner'] as const;

interface Call {
  offsetMs: number;
  env: number;
  cmd: number;
  op: number;
  kind: 'ok' | 'fail' | 'error' | 'limited';
  code: number;
  durationMs: number;
}

const callArb: fc.Arbitrary<Call> = fc.record({
  offsetMs: fc.integer({ min: 0, max: SPAN - 1 }),
  env: fc.integer({ min: 0, max: envs.length - 1 }),
  cmd: fc.integer({ min: 0, max: commands.length - 1 }),
  op: fc.integer({ min: 0, max: operators.length - 1 }),
  kind: fc.constantFrom('ok', 'fail', 'error', 'limited'),
  code: fc.constantFrom(70107, 20003, 90001),
  durationMs: fc.double({ min: 0.5, max: 15_000, noNaN: true }),
});

/** A minute-aligned range inside the generated span (the rollups' grain). */
const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: SPAN / 60_000 }), fc.integer({ min: 1, max: SPAN / 60_000 }))
  .map(([a, len]) => ({ from: T0 + a * 60_000, to: T0 + Math.min(SPAN / 60_000 + 1, a + len) * 60_000 }));

function entryOf(c: Call, i: number): HistoryEntry {
  const base = seedEntry(i, new Date(T0 + c.offsetMs));
  const [service, command] = commands[c.cmd]!;
  const outcome = c.kind === 'limited' ? 'ok' : c.kind;
  return {
    ...base,
    environmentId: envs[c.env]!,
    service,
    command,
    operator: operators[c.op]!,
    outcome,
    errorCode: outcome === 'ok' ? 0 : outcome === 'fail' ? c.code : null,
    durationMs: c.durationMs,
  };
}

async function clear(): Promise<void> {
  if (store.db.dialect === 'sqlite') {
    // The search index first (decision 043): its delete trigger only sees rows behind its watermark,
    // so emptying a history whose newest rows were not drained yet leaves the watermark ahead of the
    // rowids SQLite hands out next, and the next clear would take unindexed rows out of the index
    // ("database disk image is malformed"). Retention never deletes the newest rows; this does.
    await sql`insert into history_text(history_text) values ('delete-all')`.execute(store.db.kysely);
    await sql`delete from history_text_queue`.execute(store.db.kysely);
    await sql`update history_text_state set indexed_to = 0 where id = 1`.execute(store.db.kysely);
  }
  for (const table of [
    'history',
    'audit_log',
    'stats_series',
    'stats_commands',
    'stats_error_codes',
    'stats_operators',
    'stats_recent',
  ]) {
    await sql`delete from ${sql.table(table)}`.execute(store.db.kysely);
  }
}

/** Records the calls the way the server does: history through the recorder, refusals as rollups only. */
async function record(calls: readonly Call[]): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  const refusals: CallFact[] = [];
  await Promise.all(
    calls.map(async (c, i) => {
      const e = entryOf(c, i);
      if (c.kind === 'limited') {
        refusals.push({
          at: e.createdAt,
          environmentId: e.environmentId,
          service: e.service,
          command: e.command,
          operator: e.operator,
          outcome: 'limited',
          errorCode: null,
          durationMs: null,
        });
        return;
      }
      entries.push(e);
      await repos.calls.record(e, { actor: e.operator, action: 'request.send', target: e.id, details: {} });
    }),
  );
  if (refusals.length > 0) await repos.stats.add(refusals);
  return entries;
}

/** The brute force: every call in [from, to), counted one by one. */
function bruteForce(
  calls: readonly Call[],
  entries: readonly HistoryEntry[],
  range: { from: number; to: number },
  env?: string,
) {
  const inRange = (ms: number, e: string) =>
    ms >= range.from && ms < range.to && (env === undefined || e === env);
  const hist = entries.filter((e) => inRange(Date.parse(e.createdAt), e.environmentId));
  const limited = calls.filter((c) => c.kind === 'limited' && inRange(T0 + c.offsetMs, envs[c.env]!)).length;
  const by = <K extends string>(key: (e: HistoryEntry) => K) => {
    const m = new Map<K, { calls: number; fail: number; error: number }>();
    for (const e of hist) {
      const t = m.get(key(e)) ?? { calls: 0, fail: 0, error: 0 };
      t.calls += 1;
      if (e.outcome === 'fail') t.fail += 1;
      if (e.outcome === 'error') t.error += 1;
      m.set(key(e), t);
    }
    return m;
  };
  const codes = new Map<number, number>();
  for (const e of hist)
    if (e.outcome === 'fail' && e.errorCode !== null)
      codes.set(e.errorCode, (codes.get(e.errorCode) ?? 0) + 1);
  return {
    ok: hist.filter((e) => e.outcome === 'ok').length,
    fail: hist.filter((e) => e.outcome === 'fail').length,
    error: hist.filter((e) => e.outcome === 'error').length,
    limited,
    commands: by((e) => `${e.service}/${e.command}`),
    operators: by((e) => e.operator),
    codes,
  };
}

/**
 * The series by brute force: each call's own point (`stepFor` of the range, points from the range's
 * start floored to the step), its counts, and p50/p95 from the durations of its calls.
 */
function bruteForceSeries(
  calls: readonly Call[],
  entries: readonly HistoryEntry[],
  range: { from: number; to: number },
  env?: string,
) {
  const stepMs = stepFor(range.to - range.from);
  const origin = Math.floor(range.from / stepMs) * stepMs;
  const points: {
    t: string;
    ok: number;
    fail: number;
    error: number;
    limited: number;
    durations: number[];
  }[] = [];
  for (let t = origin; t < range.to; t += stepMs)
    points.push({ t: new Date(t).toISOString(), ok: 0, fail: 0, error: 0, limited: 0, durations: [] });
  const pointAt = (ms: number, e: string) =>
    ms >= range.from && ms < range.to && (env === undefined || e === env)
      ? points[Math.floor((ms - origin) / stepMs)]
      : undefined;
  for (const e of entries) {
    const p = pointAt(Date.parse(e.createdAt), e.environmentId);
    if (!p || (e.outcome !== 'ok' && e.outcome !== 'fail' && e.outcome !== 'error')) continue;
    p[e.outcome] += 1;
    if (e.durationMs !== null) p.durations.push(e.durationMs);
  }
  for (const c of calls) {
    const p = c.kind === 'limited' ? pointAt(T0 + c.offsetMs, envs[c.env]!) : undefined;
    if (p) p.limited += 1;
  }
  return points.map(({ durations, ...p }) => {
    const hist = Array.from({ length: latencyBoundsMs.length + 1 }, () => 0);
    for (const d of durations) {
      const found = latencyBoundsMs.findIndex((upper) => d <= upper);
      const i = found === -1 ? latencyBoundsMs.length : found;
      hist[i] = (hist[i] ?? 0) + 1;
    }
    return { ...p, p50Ms: percentileOf(hist, 0.5), p95Ms: percentileOf(hist, 0.95) };
  });
}

/** The service's answer for `range` equals a brute-force pass over `calls`: series, totals, top lists. */
async function expectBruteForceAnswers(
  calls: readonly Call[],
  entries: readonly HistoryEntry[],
  range: { from: number; to: number },
  env: string | undefined,
): Promise<void> {
  const got = await service.stats({
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    ...(env === undefined ? {} : { environmentId: env }),
  });
  expect(got.series).toEqual(bruteForceSeries(calls, entries, range, env));
  const want = bruteForce(calls, entries, range, env);
  expect(got.totals).toMatchObject({
    ok: want.ok,
    fail: want.fail,
    error: want.error,
    limited: want.limited,
    calls: want.ok + want.fail + want.error,
  });
  const commandsGot = got.topCommands
    .filter((c) => c.calls > 0)
    .map((c) => [`${c.service}/${c.command}`, { calls: c.calls, fail: c.fail, error: c.error }] as const);
  expect(new Map(commandsGot)).toEqual(want.commands);
  const operatorsGot = got.topOperators
    .filter((o) => o.calls > 0)
    .map((o) => [o.operator, { calls: o.calls, fail: o.fail, error: o.error }] as const);
  expect(new Map(operatorsGot)).toEqual(want.operators);
  expect(new Map(got.topErrorCodes.map((c) => [c.code, c.count]))).toEqual(want.codes);
}

/** Three days from an odd minute, so ranges cross midnight and start and end anywhere. */
const threeDaysFrom = Date.UTC(2026, 10, 26, 21, 17, 0);
const threeDays = 3 * 24 * 3_600_000;

/** A range of whole minutes starting in the three days, its length (minutes) drawn from one of `lengths`. */
function rangeInThreeDays(lengths: fc.Arbitrary<number>[]) {
  return fc
    .tuple(fc.integer({ min: 0, max: threeDays / 60_000 }), fc.oneof(...lengths))
    .map(([a, len]) => ({ from: threeDaysFrom + a * 60_000, to: threeDaysFrom + (a + len) * 60_000 }));
}

/** 1 to `maxLength` calls anywhere in the three days, and many within 90 minutes of one of `edges`. */
function callsNear(edges: number[], maxLength: number) {
  const at = fc.oneof(
    fc.integer({ min: 0, max: threeDays - 1 }).map((ms) => threeDaysFrom + ms),
    fc
      .tuple(fc.constantFrom(...edges), fc.integer({ min: -90 * 60_000, max: 90 * 60_000 }))
      .map(([edge, d]) => edge + d),
  );
  return fc.array(
    fc.tuple(callArb, at).map(([c, ms]) => ({ ...c, offsetMs: ms - T0 })),
    { minLength: 1, maxLength },
  );
}

describe('StatsService over the rollups', () => {
  it('counts exactly what a brute-force pass over the history counts, for random calls and ranges', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(callArb, { minLength: 0, maxLength: 120 }),
        fc.array(rangeArb, { minLength: 1, maxLength: 4 }),
        fc.option(fc.constantFrom(...envs), { nil: undefined }),
        async (calls, ranges, env) => {
          await clear();
          const entries = await record(calls);
          for (const range of ranges) await expectBruteForceAnswers(calls, entries, range, env);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('answers what a pass over the history answers, point by point, for ranges that cut through minutes, quarter hours, hours and days', async () => {
    // Lengths that give each step: 1, 5 and 15 minutes, and an hour (from a day up, whole days inside).
    const longRangeArb = rangeInThreeDays([
      fc.integer({ min: 1, max: 180 }),
      fc.integer({ min: 181, max: 720 }),
      fc.integer({ min: 721, max: 2160 }),
      fc.integer({ min: 2161, max: 4320 }),
    ]);
    // Many calls near a range's ends, where the minute and quarter-hour edges are read: a call counted
    // twice or not at all there changes a point.
    const casesArb = fc.array(longRangeArb, { minLength: 1, maxLength: 3 }).chain((ranges) =>
      fc.tuple(
        callsNear(
          ranges.flatMap((r) => [r.from, r.to]),
          150,
        ),
        fc.constant(ranges),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        casesArb,
        fc.option(fc.constantFrom(...envs), { nil: undefined }),
        async ([calls, ranges], env) => {
          await clear();
          const entries = await record(calls);
          for (const range of ranges) await expectBruteForceAnswers(calls, entries, range, env);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('counts exactly what a brute-force pass counts whatever the fold moved, calls of past minutes included', async () => {
    // Three days from an odd minute; folds at random times (the lag included) after random shares of
    // the calls, so calls come in before and after the fold passed their minute; ranges of every step.
    const longRangeArb = rangeInThreeDays([
      fc.integer({ min: 1, max: 180 }),
      fc.integer({ min: 181, max: 2160 }),
      fc.integer({ min: 2161, max: 4320 }),
    ]);
    const foldArb = fc.record({
      after: fc.integer({ min: 0, max: 120 }),
      now: fc.integer({ min: 0, max: threeDays }).map((ms) => threeDaysFrom + ms),
    });
    // Many calls near where the folds cut and the ranges' ends.
    const casesArb = fc
      .tuple(
        fc.array(foldArb, { minLength: 1, maxLength: 6 }),
        fc.array(longRangeArb, { minLength: 1, maxLength: 3 }),
      )
      .chain(([folds, ranges]) => {
        const edges = [...folds.map((f) => f.now - FOLD_LAG_MS), ...ranges.flatMap((r) => [r.from, r.to])];
        return fc.tuple(callsNear(edges, 120), fc.constant(folds), fc.constant(ranges));
      });
    await fc.assert(
      fc.asyncProperty(
        casesArb,
        fc.option(fc.constantFrom(...envs), { nil: undefined }),
        async ([calls, folds, ranges], env) => {
          await clear();
          const entries: HistoryEntry[] = [];
          /** Calls recorded and not yet moved by a fold. */
          let waiting: Call[] = [];
          let moved = 0;
          let done = 0;
          const minuteOf = (c: Call) => Math.floor((T0 + c.offsetMs) / 60_000) * 60_000;
          for (const f of [...folds].sort((a, b) => a.after - b.after)) {
            const upTo = Math.max(done, Math.min(calls.length, f.after));
            entries.push(...(await record(calls.slice(done, upTo))));
            waiting.push(...calls.slice(done, upTo));
            done = upTo;
            // A fold moves exactly the calls of the minutes before its cut, whenever they came in.
            const cut = Math.floor((f.now - FOLD_LAG_MS) / 60_000) * 60_000;
            const moves = waiting.filter((c) => minuteOf(c) < cut).length;
            expect(await repos.stats.fold({ now: f.now })).toBe(moves);
            waiting = waiting.filter((c) => minuteOf(c) >= cut);
            moved += moves;
          }
          entries.push(...(await record(calls.slice(done))));
          waiting.push(...calls.slice(done));
          // The four tables count the moved calls at every resolution; stats_recent the others.
          const tiers = await sql<{ res: string; n: number }>`select res, sum(calls) as n from stats_series
            group by res union all select 'recent', sum(calls) from stats_recent`.execute(store.db.kysely);
          const byRes = new Map(tiers.rows.map((r) => [r.res, Number(r.n ?? 0)]));
          expect(['m', 'q', 'h', 'd', 'recent'].map((r) => byRes.get(r) ?? 0)).toEqual([
            moved,
            moved,
            moved,
            moved,
            waiting.length,
          ]);
          for (const range of ranges) await expectBruteForceAnswers(calls, entries, range, env);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('builds the rollups of history that predates them (migrations 0005 and 0012), as calls recorded one by one would', async () => {
    await clear();
    const calls = fc.sample(callArb, { numRuns: 300, seed: 42 }).filter((c) => c.kind !== 'limited');
    const entries = calls.map(entryOf);
    for (const e of entries) await repos.history.insert(e);
    // Whole hours; edges through quarter hours and minutes; a range of three days read by whole days.
    const ranges = [
      { from: T0, to: T0 + SPAN },
      { from: T0 + 7 * 60_000, to: T0 + SPAN - 11 * 60_000 },
      { from: T0 - 24 * 3_600_000 + 23 * 60_000, to: T0 + 2 * 24 * 3_600_000 },
    ];
    const answers = () =>
      Promise.all(
        ranges.map((r) =>
          service.stats({ from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString() }),
        ),
      );
    expect((await answers()).map((a) => a.totals.calls)).toEqual([0, 0, 0]);
    await migration0005StatsRollups.up(store.db.kysely as never);
    await migration0012StatsRollupTiers(store.db.dialect).up(store.db.kysely as never);
    const backfilled = await answers();
    const want = bruteForce(calls, entries, ranges[0]!);
    expect(backfilled[0]?.totals).toMatchObject({
      ok: want.ok,
      fail: want.fail,
      error: want.error,
      calls: entries.length,
    });
    // Every figure, percentiles included, equals what the rollups written call by call give.
    await clear();
    await record(calls);
    expect(backfilled).toEqual(await answers());
  });

  it('forgets rollups older than the retention cut', async () => {
    await clear();
    await record([{ offsetMs: 0, env: 0, cmd: 0, op: 0, kind: 'ok', code: 0, durationMs: 12 }]);
    await record([
      { offsetMs: 2 * 3_600_000 + 30_000, env: 0, cmd: 0, op: 0, kind: 'fail', code: 70107, durationMs: 12 },
    ]);
    expect(await repos.stats.prune(new Date(T0 + 3_600_000))).toBeGreaterThan(0);
    const got = await service.stats({
      from: new Date(T0).toISOString(),
      to: new Date(T0 + SPAN).toISOString(),
    });
    expect(got.totals).toMatchObject({ ok: 0, fail: 1 });
    // Every resolution is cut at its own bucket: the day of the cut keeps its rows until the next day
    // (the call after the cut moved to the four tables by a fold, as the others before the cut).
    await repos.stats.fold({ now: T0 + SPAN });
    const left = await sql<{ res: string; n: number }>`select res, count(*) as n from stats_series
      group by res order by res`.execute(store.db.kysely);
    expect(left.rows.map((r) => [r.res, Number(r.n)])).toEqual([
      ['d', 2],
      ['h', 1],
      ['m', 1],
      ['q', 1],
    ]);
  });

  it('folds the minutes before a retention cut before dropping them, so the buckets the cut keeps still count them', async () => {
    await clear();
    // In stats_recent until a fold; the cut then drops minutes, quarter hours and hours before it
    // but keeps the day, which must count the call.
    await record([{ offsetMs: 30_000, env: 0, cmd: 0, op: 0, kind: 'ok', code: 0, durationMs: 12 }]);
    await repos.stats.prune(new Date(T0 + 2 * 3_600_000));
    const left = await sql<{ res: string; n: number }>`select res, sum(calls) as n from stats_series
      group by res order by res`.execute(store.db.kysely);
    // As if the call had been written at every resolution when recorded (before decision 056).
    expect(left.rows.map((r) => [r.res, Number(r.n)])).toEqual([['d', 1]]);
  });

  it('runs the fold at once when started, and stop waits for the fold in progress', async () => {
    await clear();
    await record([{ offsetMs: 90_000, env: 0, cmd: 0, op: 0, kind: 'fail', code: 70107, durationMs: 12 }]);
    const silent = { debug() {}, error() {} } as unknown as Logger;
    const stop = startRollupFold(repos, silent, 60_000);
    await stop();
    // The clock is past T0 by days: the fold moved the call.
    const { rows } = await sql<{
      res: string;
      n: number;
    }>`select 'd' as res, sum(calls) as n from stats_series
      where res = 'd' union all select 'recent', count(*) from stats_recent`.execute(store.db.kysely);
    expect(rows.map((r) => [r.res, Number(r.n)])).toEqual([
      ['d', 1],
      ['recent', 0],
    ]);
  });

  it('follows retention by count: the rollups keep no more than the history keeps', async () => {
    await clear();
    const old = { env: 0, cmd: 0, op: 0, kind: 'ok' as const, code: 0, durationMs: 12 };
    await record([0, 1000, 2000].map((offsetMs) => ({ ...old, offsetMs })));
    await record([{ ...old, offsetMs: 2 * 3_600_000 + 30_000 }]);
    await purgeHistory(repos, { maxAgeDays: null, maxEntries: 1, auditMaxAgeDays: 365 }, T0 + SPAN);
    const got = await service.stats({
      from: new Date(T0).toISOString(),
      to: new Date(T0 + SPAN).toISOString(),
    });
    expect(got.totals).toMatchObject({ calls: 1, ok: 1 });
  });

  it('answers 400 for an empty or reversed range', async () => {
    await expect(
      service.stats({ from: '2026-11-26T10:00:00Z', to: '2026-11-26T10:00:00Z' }),
    ).rejects.toMatchObject({
      code: 'request/invalid',
      status: 400,
    });
    await expect(
      service.stats({ from: '2026-11-26T10:00:00Z', to: '2025-01-01T00:00:00Z' }),
    ).rejects.toMatchObject({
      code: 'request/invalid',
    });
  });
});

describe('percentileOf', () => {
  it('interpolates within the bucket the rank falls in, and is null without calls', () => {
    expect(percentileOf([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.5)).toBeNull();
    // 10 calls in (25, 50]: the median sits half-way through that bucket.
    expect(percentileOf([0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0], 0.5)).toBe(37.5);
    // Everything above 10 s reads as 10 s.
    expect(percentileOf([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4], 0.95)).toBe(10_000);
  });
});

describe('coarsestWithin', () => {
  it('reads each step from the widest resolution that divides it', () => {
    expect([1, 5, 15, 60, 360, 1440].map((m) => coarsestWithin(m * 60_000))).toEqual([
      'm',
      'm',
      'q',
      'h',
      'h',
      'd',
    ]);
  });
});

describe('stepFor', () => {
  it('gives 15 points of a minute for 15 min, 96 of 15 min for 24 h and 168 hourly for 7 d', () => {
    expect(stepFor(15 * 60_000)).toBe(60_000);
    expect(stepFor(24 * 3_600_000)).toBe(15 * 60_000);
    expect(stepFor(7 * 24 * 3_600_000)).toBe(3_600_000);
  });
});
