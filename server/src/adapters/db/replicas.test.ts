import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { withAdvisoryLock } from './advisory-lock';
import { createRepositories, createWindowStore, type Database, openDatabase } from './index';
import { createTempPostgresDatabase } from './testing';

/**
 * What replicas on one PostgreSQL rely on (decision 039), with each "replica" its own pool on one
 * database: shared windows, advisory locks, migrations started at once, run leases. Runs in the
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

  it('admits at most the limit in a window however the calls are spread over replicas', async () => {
    const a = createWindowStore(await replica());
    const b = createWindowStore(await replica());
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? a : b).window('rate:k', 25, 60_000, 'take')),
    );
    expect(results.filter((w) => w === 0)).toHaveLength(25);
    // A refused call waits until the oldest admitted one leaves the window, and records nothing.
    for (const w of results.filter((x) => x > 0)) expect(w).toBeGreaterThan(50_000);
    expect(await a.window('rate:k', 25, 60_000, 'peek')).toBeGreaterThan(0);
    expect(await b.window('rate:other', 25, 60_000, 'take')).toBe(0);
  });

  it('frees a slot when its call leaves the window (by the database clock)', async () => {
    const a = createWindowStore(await replica());
    expect(await a.window('rate:short', 2, 300, 'take')).toBe(0);
    expect(await a.window('rate:short', 2, 300, 'take')).toBe(0);
    const wait = await a.window('rate:short', 2, 300, 'take');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, wait + 20));
    expect(await a.window('rate:short', 2, 300, 'take')).toBe(0);
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
