import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { SharedCommandRateLimiter } from '../../services/rate-limiter';
import { StatsService } from '../../services/stats';
import { withAdvisoryLock } from './advisory-lock';
import {
  createLiveBus,
  createRateSlotStore,
  createRepositories,
  createWindowStore,
  type Database,
  type LiveEvent,
  openDatabase,
  type RateSlotStore,
} from './index';
import { MINUTE_MS } from './rollup-shape';
import { callFactOf, FOLD_LAG_MS } from './stats-repository';
import { createTempPostgresDatabase, seedEntry } from './testing';

/**
 * What replicas on one PostgreSQL rely on (decision 039), with each "replica" its own pool on one
 * database: shared rate slots and windows, advisory locks, migrations started at once, run leases. Runs in the
 * `postgres` test project only.
 */
let target: { url: string; drop(): Promise<void> };
const open: Database[] = [];
const replica = async () => {
  const db = await openDatabase({ dataDir: '/nonexistent', databaseUrl: target.url });
  open.push(db);
  return db;
};

beforeEach(async () => {
  target = await createTempPostgresDatabase(inject('postgresUrl'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
  await target.drop();
});

describe('replicas on one PostgreSQL', () => {
  it('migrates once when several replicas start at once, and each then finds the store ready', async () => {
    const dbs = await Promise.all([replica(), replica(), replica()]);
    for (const db of dbs) expect(await db.pendingMigrations()).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(
      dbs[0]!.kysely,
    );
    expect(rows[0]?.n).toBe(await dbs[0]!.appliedMigrations());
  });

  it('survives the database ending its idle connections, and says so', async () => {
    const told: string[] = [];
    const db = await openDatabase({
      dataDir: '/nonexistent',
      databaseUrl: target.url,
      onConnectionError: (m) => told.push(m),
    });
    open.push(db);
    await db.ping();
    const admin = await replica();
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(admin.kysely);
    for (let i = 0; i < 50 && told.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(told.join()).toMatch(/terminating connection/);
    // The pool opens a new connection for the next query.
    await db.ping();
  });

  it('reserves at most the limit of places however the calls are spread over replicas', async () => {
    const a = createRateSlotStore(await replica());
    const b = createRateSlotStore(await replica());
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? a : b).reserve('rate:k', 25, 60_000, 60_000)),
    );
    const granted = results.flatMap((r) => (r.slot === null ? [] : [r.slot]));
    expect(granted).toHaveLength(25);
    expect(new Set(granted).size).toBe(25);
    // Only reservations fill the limit: a place frees no sooner than a window after a stamp.
    for (const r of results.filter((x) => x.slot === null)) expect(r.waitMs).toBe(60_000);
    expect((await b.reserve('rate:other', 25, 60_000, 60_000)).slot).not.toBeNull();
    // A stamp counts until the time it names (the send's, on the database clock, plus a window).
    const now = (await a.reserve('rate:clock', 1, 1, 1)).dbNowMs;
    await a.stamp(granted[0]!, 'rate:k', now + 60_000);
    const refused = await b.reserve('rate:k', 25, 60_000, 60_000);
    expect(refused.slot).toBeNull();
    expect(refused.waitMs).toBeGreaterThan(50_000);
    expect(refused.waitMs).toBeLessThanOrEqual(60_000);
    // A release frees its place at once, on any replica.
    await a.release(granted[1]!);
    expect((await b.reserve('rate:k', 25, 60_000, 60_000)).slot).not.toBeNull();
    expect((await a.reserve('rate:k', 25, 60_000, 60_000)).slot).toBeNull();
  });

  it('frees a stamped place a window after its stamp, and an unsettled one after its hold (by the database clock)', async () => {
    const a = createRateSlotStore(await replica());
    const first = await a.reserve('rate:short', 2, 300, 60_000);
    const reservedAt = performance.now();
    const second = await a.reserve('rate:short', 2, 300, 3_000);
    expect(first.slot).not.toBeNull();
    expect(second.slot).not.toBeNull();
    await a.stamp(first.slot!, 'rate:short', second.dbNowMs + 300);
    const refused = await a.reserve('rate:short', 2, 300, 60_000);
    expect(refused.slot).toBeNull();
    expect(refused.waitMs).toBeGreaterThan(0);
    expect(refused.waitMs).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, refused.waitMs + 20));
    // The stamped call left the window; the second place (its replica died) holds for its 3 s.
    const third = await a.reserve('rate:short', 2, 300, 60_000);
    expect(third.slot).not.toBeNull();
    expect((await a.reserve('rate:short', 2, 300, 60_000)).slot).toBeNull();
    await new Promise((r) => setTimeout(r, reservedAt + 3_100 - performance.now()));
    expect((await a.reserve('rate:short', 2, 300, 60_000)).slot).not.toBeNull();
    // A stamp whose reservation ran out is recorded all the same: the call went out.
    await a.stamp(second.slot!, 'rate:short', first.dbNowMs + 60_000);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from console_rate_slots
      where key = 'rate:short' and stamped`.execute((await replica()).kysely);
    expect(rows[0]?.n).toBe(1);
    expect(await a.prune()).toBeGreaterThanOrEqual(0);
  });

  it('keeps the limiter’s reserve / stamp / release contract across replicas (SharedCommandRateLimiter)', async () => {
    const a = new SharedCommandRateLimiter(createRateSlotStore(await replica()));
    const b = new SharedCommandRateLimiter(createRateSlotStore(await replica()));
    const env = {
      id: 'prod',
      sdkAppId: 1400000001,
      baseUrl: () => 'https://x.example',
      rateLimits: { '*': 3 },
    };
    const command = { service: 'im_open_login_svc', command: 'account_check', rateLimitPerSec: 100 };
    const held = [await a.take(env, command), await b.take(env, command), await a.take(env, command)];
    // Reserved places alone fill the limit: refused on either replica, for at least a window.
    const refusal = await b.take(env, command).catch((err: unknown) => err);
    expect(refusal).toMatchObject({ code: 'rate/limited', status: 429, details: { retryAfterMs: 1100 } });
    held[0]!.stamp();
    held[0]!.release(); // after a stamp: nothing (the call went out)
    held[1]!.release();
    held[1]!.stamp(); // after a release: nothing
    await Promise.all([a.drain(), b.drain()]);
    // The released place is free on the other replica; the stamped one counts a window from its stamp.
    const again = await b.take(env, command);
    const waiting = await a.admit(env, command);
    expect(typeof waiting).toBe('number');
    expect(waiting).toBeGreaterThan(0);
    expect(waiting).toBeLessThanOrEqual(1100);
    // A run's cap holds it below the limit, counted in the same places.
    held[2]!.release();
    await a.drain();
    expect(typeof (await a.admit(env, command, 2))).toBe('number');
    again.release();
    await b.drain();
    const capped = await a.admit(env, command, 2);
    expect(typeof capped).not.toBe('number');
  });

  it('dates a stamp by the send, not by when its background update lands', async () => {
    const store = createRateSlotStore(await replica());
    // A busy pool: the stamp's update reaches the database 700 ms after the send.
    const slow: RateSlotStore = {
      ...store,
      stamp: async (slot, key, untilMs) => {
        await new Promise((r) => setTimeout(r, 700));
        await store.stamp(slot, key, untilMs);
      },
    };
    const limiter = new SharedCommandRateLimiter(slow);
    const env = {
      id: 'prod',
      sdkAppId: 1400000002,
      baseUrl: () => 'https://x.example',
      rateLimits: { '*': 1 },
    };
    const command = { service: 'im_open_login_svc', command: 'account_check', rateLimitPerSec: 100 };
    const slot = await limiter.take(env, command);
    slot.stamp();
    await limiter.drain();
    // The place frees a window (1.1 s) after the send: at most 400 ms from now, plus the
    // reservation's own round trip (the clock estimate errs late by it, never early). Dated when the
    // update landed, it would be a whole window from now.
    const wait = await limiter.admit(env, command);
    expect(typeof wait).toBe('number');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(800);
  });

  it('counts failures with add, answers the wait with peek, and forgets a key', async () => {
    const a = createWindowStore(await replica());
    const b = createWindowStore(await replica());
    for (let i = 0; i < 3; i++) await (i % 2 ? a : b).window('signin:u:x', 3, 60_000, 'add');
    expect(await b.window('signin:u:x', 3, 60_000, 'peek')).toBeGreaterThan(0);
    expect(await a.window('signin:u:x', 4, 60_000, 'peek')).toBe(0);
    await a.forget('signin:u:x');
    expect(await b.window('signin:u:x', 3, 60_000, 'peek')).toBe(0);
    expect(await a.prune(0)).toBeGreaterThanOrEqual(0);
  });

  it('counts every call once per resolution while two replicas record calls and fold the rollups at once', async () => {
    const [dbA, dbB] = [await replica(), await replica()];
    const replicas = [createRepositories(dbA), createRepositories(dbB)];
    const start = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 2 * 3_600_000;
    // 2 × 300 calls spread over 40 minutes in no order, some of them refusals of the limiter, while
    // each replica folds minute by minute up to 30 minutes in: calls come in before and after a fold
    // passed their minute, and each replica's folds race the other's and both recorders' batches.
    const minuteOf = (i: number) => (i * 7919) % 40;
    const atOf = (i: number) => new Date(start + minuteOf(i) * MINUTE_MS + (i % 60) * 1000);
    const record = async (r: number) => {
      const repos = replicas[r]!;
      for (let chunk = 0; chunk < 300; chunk += 20) {
        await Promise.all(
          Array.from({ length: 20 }, async (_, j) => {
            const i = r * 300 + chunk + j;
            const entry = seedEntry(i, atOf(i));
            if (i % 9 === 0) {
              await repos.stats.add([
                { ...callFactOf(entry)!, outcome: 'limited', errorCode: null, durationMs: null },
              ]);
              return;
            }
            await repos.calls.record(entry, {
              actor: 'a',
              action: 'request.send',
              target: entry.id,
              details: {},
            });
          }),
        );
      }
    };
    const folds = async (r: number) => {
      let calls = 0;
      for (let k = 0; k <= 30; k++) {
        calls += await replicas[r]!.stats.fold({ now: start + FOLD_LAG_MS + k * MINUTE_MS });
        await new Promise((done) => setTimeout(done, 3));
      }
      return calls;
    };
    const [, , movedA, movedB] = await Promise.all([record(0), record(1), folds(0), folds(1)]);
    const tiers = async () => {
      const { rows } = await sql<{
        res: string;
        n: number;
      }>`select res, sum(calls)::int as n from stats_series
        group by res union all select 'recent', coalesce(sum(calls), 0)::int from stats_recent order by res`.execute(
        dbA.kysely,
      );
      return rows.map((t) => [t.res, t.n]);
    };
    // Each call moved by one replica's fold or the other's, never by both, and counted at every
    // resolution; the rest still in stats_recent.
    const moved = movedA + movedB;
    expect(moved).toBeGreaterThan(0);
    expect(await tiers()).toEqual([
      ['d', moved],
      ['h', moved],
      ['m', moved],
      ['q', moved],
      ['recent', 600 - moved],
    ]);
    const all = Array.from({ length: 600 }, (_, i) => i);
    // The dashboard on either replica counts what was recorded, over ranges on both sides of the folds' cut.
    const limitedIn = (from: number, to: number) =>
      all.filter((i) => i % 9 === 0 && atOf(i).getTime() >= from && atOf(i).getTime() < to).length;
    const callsIn = (from: number, to: number) =>
      all.filter((i) => i % 9 !== 0 && atOf(i).getTime() >= from && atOf(i).getTime() < to).length;
    const dashboards = async () => {
      for (const [from, to] of [
        [start - 3_600_000, start + 3_600_000],
        [start + 7 * MINUTE_MS, start + 33 * MINUTE_MS],
        [start + 30 * MINUTE_MS, start + 40 * MINUTE_MS],
      ] as const) {
        for (const repos of replicas) {
          const got = await new StatsService(repos).stats({
            from: new Date(from).toISOString(),
            to: new Date(to).toISOString(),
          });
          expect([got.totals.calls, got.totals.limited]).toEqual([callsIn(from, to), limitedIn(from, to)]);
        }
      }
    };
    await dashboards();
    // A last fold past every call moves the rest.
    expect(await replicas[0]!.stats.fold({ now: start + FOLD_LAG_MS + 40 * MINUTE_MS })).toBe(600 - moved);
    expect(await tiers()).toEqual([
      ['d', 600],
      ['h', 600],
      ['m', 600],
      ['q', 600],
      ['recent', 0],
    ]);
    await dashboards();
  });

  it('carries live events to the other replicas over LISTEN/NOTIFY, and listens again after losing its connection', async () => {
    const [dbA, dbB] = [await replica(), await replica()];
    const errors: unknown[] = [];
    const busA = createLiveBus(dbA, target.url);
    const busB = createLiveBus(dbB, target.url, { retryMs: 50, onError: (err) => errors.push(err) });
    try {
      await Promise.all([busA.ready(), busB.ready()]);
      const heardA: LiveEvent[] = [];
      const heardB: LiveEvent[] = [];
      busA.subscribe((e) => heardA.push(e));
      busB.subscribe((e) => heardB.push(e));
      const waitFor = async (list: LiveEvent[], n: number) => {
        for (let i = 0; i < 200 && list.length < n; i++) await new Promise((r) => setTimeout(r, 10));
      };
      await busA.publish({ kind: 'callback', id: 'cb-1' });
      await busB.publish({ kind: 'run', id: 'run-9' });
      await waitFor(heardB, 1);
      await waitFor(heardA, 1);
      // Each hears the other's event, never its own.
      expect(heardB).toEqual([{ kind: 'callback', id: 'cb-1' }]);
      expect(heardA).toEqual([{ kind: 'run', id: 'run-9' }]);
      // Something else on the channel is ignored.
      await sql`select pg_notify('console_live', 'not json'), pg_notify('console_live', '{"k":"other","i":"x"}')`.execute(
        dbA.kysely,
      );
      // B's listening connection is ended by the server: B reconnects and hears again.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query ilike 'listen%'`.execute(dbA.kysely);
      for (let i = 0; i < 200 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(errors.length).toBeGreaterThan(0);
      await busB.ready();
      await busA.publish({ kind: 'callback', id: 'cb-2' });
      await waitFor(heardB, 2);
      expect(heardB).toEqual([
        { kind: 'callback', id: 'cb-1' },
        { kind: 'callback', id: 'cb-2' },
      ]);
    } finally {
      await busA.close();
      await busB.close();
    }
  });

  it('runs a locked job on one replica at a time', async () => {
    const [a, b] = [await replica(), await replica()];
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let entered: () => void = () => {};
    const inside = new Promise<void>((r) => {
      entered = r;
    });
    const first = withAdvisoryLock(a, 'job', async () => {
      entered();
      await held;
    });
    await inside;
    expect(await withAdvisoryLock(b, 'job', async () => {})).toBe(false);
    expect(await withAdvisoryLock(b, 'another-job', async () => {})).toBe(true);
    release();
    expect(await first).toBe(true);
    expect(await withAdvisoryLock(b, 'job', async () => {})).toBe(true);
  });

  it('gives a run’s lease to exactly one replica, and to another only once it expired or was released', async () => {
    const [a, b] = [createRepositories(await replica()), createRepositories(await replica())];
    const at = new Date().toISOString();
    await a.runs.create(
      {
        id: 'run1',
        kind: 'rows',
        status: 'running',
        environment_id: 'fake',
        service: 'openim',
        command: 'sendmsg',
        template: '{}',
        columns: '[]',
        started_by: 'admin',
        started_role: 'admin',
        created_at: at,
        updated_at: at,
        finished_at: null,
        total: 2,
        rate_per_sec: null,
        concurrency: 1,
        max_pages: null,
        message: null,
        retry_of: null,
        lease_owner: null,
        lease_until: null,
      },
      [
        { rowNo: 1, line: 2, values: {}, body: '{}' },
        { rowNo: 2, line: 3, values: {}, body: '{}' },
      ],
    );
    const now = new Date();
    const soon = new Date(now.getTime() + 15_000);
    const claims = await Promise.all([
      a.runs.claim('run1', 'A', soon, now),
      b.runs.claim('run1', 'B', soon, now),
      a.runs.claim('run1', 'A2', soon, now),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const holder = (await a.runs.get('run1'))?.lease_owner;
    const other = holder === 'B' ? 'A' : 'B';
    const otherRepos = holder === 'B' ? a : b;
    expect(await otherRepos.runs.claimable(now)).toEqual([]);
    // Only the holder may mark a row as sending.
    expect(await otherRepos.runs.markSending('run1', 1, 'h1', other)).toBe(false);
    expect(await a.runs.markSending('run1', 1, 'h1', holder ?? '')).toBe(true);
    // The holder stops renewing (it died): past its lease, another replica takes the run, and the
    // row that was in flight becomes unknown rather than being sent again.
    const later = new Date(soon.getTime() + 1);
    expect(await otherRepos.runs.claimable(later)).toEqual(['run1']);
    expect(await otherRepos.runs.claim('run1', other, new Date(later.getTime() + 15_000), later)).toBe(true);
    expect(await a.runs.renew('run1', holder ?? '', new Date(later.getTime() + 30_000))).toBe(false);
    expect(await otherRepos.runs.markInterrupted('run1')).toBe(1);
    const rows = [];
    for await (const r of otherRepos.runs.rows('run1')) rows.push(r.state);
    expect(rows).toEqual(['unknown', 'queued']);
    // A paused run cannot be renewed: its holder stops.
    await a.runs.setStatus('run1', 'paused');
    expect(await otherRepos.runs.renew('run1', other, new Date(later.getTime() + 30_000))).toBe(false);
    await otherRepos.runs.release('run1', other);
    expect((await a.runs.get('run1'))?.lease_owner).toBeNull();
  });
});
