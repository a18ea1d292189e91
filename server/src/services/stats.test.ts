import type { HistoryEntry } from '@console/shared/api';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallFact, createRepositories, type Repositories } from '../adapters/db';
import { migration0005StatsRollups } from '../adapters/db/migrations/0005-stats-rollups';
import { openTempDatabase, seedEntry } from '../adapters/db/testing';
import { purgeHistory } from './retention';
import { percentileOf, StatsService, stepFor } from './stats';

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
  for (const table of [
    'history',
    'audit_log',
    'stats_series',
    'stats_commands',
    'stats_error_codes',
    'stats_operators',
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
          for (const range of ranges) {
            const got = await service.stats({
              from: new Date(range.from).toISOString(),
              to: new Date(range.to).toISOString(),
              ...(env === undefined ? {} : { environmentId: env }),
            });
            const want = bruteForce(calls, entries, range, env);
            expect(got.totals).toMatchObject({
              ok: want.ok,
              fail: want.fail,
              error: want.error,
              limited: want.limited,
              calls: want.ok + want.fail + want.error,
            });
            // The series adds up to the totals, point by point.
            const sum = (k: 'ok' | 'fail' | 'error' | 'limited') => got.series.reduce((a, p) => a + p[k], 0);
            expect([sum('ok'), sum('fail'), sum('error'), sum('limited')]).toEqual([
              want.ok,
              want.fail,
              want.error,
              want.limited,
            ]);
            for (const c of got.topCommands) {
              const w = want.commands.get(`${c.service}/${c.command}`) ?? { calls: 0, fail: 0, error: 0 };
              expect({ calls: c.calls, fail: c.fail, error: c.error }).toEqual(w);
            }
            expect(got.topCommands.reduce((a, c) => a + c.calls, 0)).toBe(want.ok + want.fail + want.error);
            for (const o of got.topOperators) {
              const w = want.operators.get(o.operator) ?? { calls: 0, fail: 0, error: 0 };
              expect({ calls: o.calls, fail: o.fail, error: o.error }).toEqual(w);
            }
            expect(new Map(got.topErrorCodes.map((c) => [c.code, c.count]))).toEqual(want.codes);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('puts every call in its own point, also where the database sums minutes into 5 and 15 min steps', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(callArb, { minLength: 1, maxLength: 80 }),
        fc.constantFrom(5, 15),
        async (calls, stepMinutes) => {
          await clear();
          const entries = await record(calls);
          const from = T0;
          const to = T0 + SPAN;
          const rows = await repos.stats.series(
            [{ res: 'm', from: new Date(from).toISOString(), to: new Date(to).toISOString() }],
            undefined,
            stepMinutes,
          );
          const stepMs = stepMinutes * 60_000;
          const got = new Map<string, number>();
          for (const r of rows)
            got.set(
              `${Date.parse(r.bucket)}|${r.outcome}`,
              (got.get(`${Date.parse(r.bucket)}|${r.outcome}`) ?? 0) + r.calls,
            );
          const want = new Map<string, number>();
          for (const e of entries) {
            const key = `${Math.floor(Date.parse(e.createdAt) / stepMs) * stepMs}|${e.outcome}`;
            want.set(key, (want.get(key) ?? 0) + 1);
          }
          for (const c of calls.filter((c) => c.kind === 'limited')) {
            const key = `${Math.floor((T0 + c.offsetMs) / stepMs) * stepMs}|limited`;
            want.set(key, (want.get(key) ?? 0) + 1);
          }
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('builds the rollups of history that predates them (the migration backfill)', async () => {
    await clear();
    const calls = fc.sample(callArb, { numRuns: 300, seed: 42 }).filter((c) => c.kind !== 'limited');
    const entries = calls.map(entryOf);
    for (const e of entries) await repos.history.insert(e);
    const range = { from: T0, to: T0 + SPAN };
    const before = await service.stats({
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
    });
    expect(before.totals.calls).toBe(0);
    await migration0005StatsRollups.up(store.db.kysely as never);
    const after = await service.stats({
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
    });
    const want = bruteForce(calls, entries, range);
    expect(after.totals).toMatchObject({
      ok: want.ok,
      fail: want.fail,
      error: want.error,
      calls: entries.length,
    });
    // Percentiles from the backfilled histograms equal those from rollups written call by call.
    await clear();
    await record(calls);
    const live = await service.stats({
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
    });
    expect(after.totals).toEqual(live.totals);
    expect(after.series).toEqual(live.series);
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

describe('stepFor', () => {
  it('gives 15 points of a minute for 15 min, 96 of 15 min for 24 h and 168 hourly for 7 d', () => {
    expect(stepFor(15 * 60_000)).toBe(60_000);
    expect(stepFor(24 * 3_600_000)).toBe(15 * 60_000);
    expect(stepFor(7 * 24 * 3_600_000)).toBe(3_600_000);
  });
});
