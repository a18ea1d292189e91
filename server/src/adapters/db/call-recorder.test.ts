import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Driver, Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRow } from './audit-repository';
import {
  type CallRecorder,
  type CallRecorderOptions,
  createCallRecorder,
  interruptedFailure,
  pendingOf,
} from './call-recorder';
import { createRepositories, DuplicateError, type Repositories, sqliteFileName } from './index';
import { createSqliteWriter, type Database, openDatabase } from './open';
import type { DB } from './schema';
import { openTempDatabase, seedEntry } from './testing';

let store: Awaited<ReturnType<typeof openTempDatabase>>;
let repos: Repositories;

beforeEach(async () => {
  store = await openTempDatabase();
  repos = createRepositories(store.db);
});
afterEach(async () => {
  await store.cleanup();
});

const auditFor = (target: string) => ({
  actor: 'alice',
  action: 'request.send' as const,
  target,
  details: { outcome: 'ok' },
});

const entries = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => seedEntry(from + i, new Date(Date.UTC(2026, 10, 26, 10, 0, i))));

/** SQLite's dialect with its driver's commits counted: what the recorder really committed. */
class CountingDialect extends SqliteDialect {
  commits = 0;
  override createDriver(): Driver {
    const driver = super.createDriver();
    const commit = driver.commitTransaction.bind(driver);
    driver.commitTransaction = async (connection) => {
      await commit(connection);
      this.commits += 1;
    };
    return driver;
  }
}

/**
 * How the recorder commits: on SQLite, through the synchronous writer (decision 062), except the
 * commits that feed the search index; through Kysely's transactions on PostgreSQL and for those.
 */
const writePaths = [
  ['synchronous writer', true],
  ['Kysely transactions', false],
] as const;

/**
 * A second connection to the migrated temp file whose commits are counted; with `writer`, it has a
 * synchronous writer as the store's own connection does, whose commits are counted too.
 */
function countingDatabase(writer: boolean): { db: Database; dialect: CountingDialect } {
  const sqlite = new BetterSqlite3(join(store.dataDir, sqliteFileName));
  sqlite.pragma('busy_timeout = 5000');
  const dialect = new CountingDialect({ database: sqlite });
  const kysely = new Kysely<DB>({ dialect });
  const sqliteWriter = writer
    ? createSqliteWriter(sqlite, (text) => sqlite.prepare(text), kysely)
    : undefined;
  const db: Database = {
    kysely,
    dialect: 'sqlite',
    ...(sqliteWriter === undefined
      ? {}
      : {
          sqliteWriter: {
            async transaction(write) {
              await sqliteWriter.transaction(write);
              dialect.commits += 1;
            },
          },
        }),
    close: () => kysely.destroy(),
    ping: async () => {},
    pendingMigrations: async () => [],
    appliedMigrations: async () => 0,
  };
  return { db, dialect };
}

/** A recorder over `countingDatabase(writer)`, its connection closed once `use` is done. */
async function withCountingRecorder(
  writer: boolean,
  use: (calls: CallRecorder, dialect: CountingDialect) => Promise<void>,
  options?: CallRecorderOptions,
): Promise<void> {
  const { db, dialect } = countingDatabase(writer);
  try {
    await use(createCallRecorder(db, options), dialect);
  } finally {
    await db.close();
  }
}

/** An independent read-only connection: what any other process would see on disk. */
function storedIds(table: 'history' | 'audit_log', column: 'id' | 'target'): string[] {
  const reader = new BetterSqlite3(join(store.dataDir, sqliteFileName), { readonly: true });
  try {
    return reader
      .prepare(`select ${column} as v from ${table} order by rowid`)
      .all()
      .map((r) => (r as { v: string }).v);
  } finally {
    reader.close();
  }
}

describe('call recorder', () => {
  it('commits the history entry and its audit row together, call after call', async () => {
    const first = seedEntry(1, new Date('2026-11-26T10:00:00.000Z'));
    const second = { ...seedEntry(2, new Date('2026-11-26T10:00:01.000Z')), errorDoc: null, failure: null };
    await repos.calls.record(first, auditFor(first.id));
    await repos.calls.record(second, auditFor(second.id));

    expect(await repos.history.get(first.id)).toEqual(first);
    expect(await repos.history.get(second.id)).toEqual(second);
    const audit = await repos.audit.list({ limit: 10 });
    expect(audit.items.map((a) => [a.target, a.action, a.details])).toEqual([
      [second.id, 'request.send', { outcome: 'ok' }],
      [first.id, 'request.send', { outcome: 'ok' }],
    ]);
  });

  it('writes neither row when the history entry cannot be stored', async () => {
    const entry = seedEntry(1, new Date('2026-11-26T10:00:00.000Z'));
    await repos.calls.record(entry, auditFor(entry.id));
    await expect(repos.calls.record(entry, auditFor('second-attempt'))).rejects.toBeInstanceOf(
      DuplicateError,
    );
    const audit = await repos.audit.list({ limit: 10 });
    expect(audit.items.map((a) => a.target)).toEqual([entry.id]);
  });

  it.each(writePaths)(
    'commits concurrent records together, and a lone record alone (%s)',
    async (_path, writer) => {
      await withCountingRecorder(writer, async (calls, dialect) => {
        const concurrent = entries(32);
        await Promise.all(concurrent.map((e) => calls.record(e, auditFor(e.id))));
        expect(dialect.commits).toBe(1);

        const sequential = entries(3, 100);
        for (const e of sequential) await calls.record(e, auditFor(e.id));
        expect(dialect.commits).toBe(4);

        const all = [...concurrent, ...sequential].map((e) => e.id);
        expect(storedIds('history', 'id')).toEqual(all);
        expect(storedIds('audit_log', 'target')).toEqual(all);
      });
    },
  );

  it.each(writePaths)(
    'rejects only the duplicates of a batch and commits all the others (%s)',
    async (_path, writer) => {
      const stored = seedEntry(0, new Date('2026-11-26T09:59:59.000Z'));
      await repos.calls.record(stored, auditFor(stored.id));
      const batch = entries(10);
      // One record repeats an id already stored, one repeats an id earlier in the same batch.
      const dupOfStored = { ...batch[3]!, id: stored.id };
      const dupInBatch = { ...batch[7]!, id: batch[5]!.id };
      batch[3] = dupOfStored;
      batch[7] = dupInBatch;
      await withCountingRecorder(writer, async (calls, dialect) => {
        const outcomes = await Promise.allSettled(
          batch.map((e, i) => calls.record(e, auditFor(`call-${i}`))),
        );
        const rejected = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [[i, o.reason]] : []));
        expect(rejected.map(([i]) => i)).toEqual([3, 7]);
        for (const [, reason] of rejected) expect(reason).toBeInstanceOf(DuplicateError);
        // The failed batch was rolled back whole, then each record committed alone: eight commits.
        expect(dialect.commits).toBe(8);

        const kept = [0, 1, 2, 4, 5, 6, 8, 9];
        expect(storedIds('history', 'id')).toEqual([stored.id, ...kept.map((i) => batch[i]!.id)]);
        expect(storedIds('audit_log', 'target')).toEqual([stored.id, ...kept.map((i) => `call-${i}`)]);
        for (const i of kept) expect(await repos.history.get(batch[i]!.id)).toEqual(batch[i]);
      });
    },
  );

  it('has every row on disk, for another connection, when its record resolves', async () => {
    const batch = entries(40);
    const seenOnResolve: boolean[] = [];
    await Promise.all(
      batch.map((e, i) =>
        repos.calls.record(e, auditFor(e.id)).then(() => {
          // Read synchronously, before anything else runs, from a connection of its own.
          const reader = new BetterSqlite3(join(store.dataDir, sqliteFileName), { readonly: true });
          try {
            const history = reader.prepare('select count(*) as n from history where id = ?').get(e.id);
            const audit = reader.prepare('select count(*) as n from audit_log where target = ?').get(e.id);
            seenOnResolve[i] = (history as { n: number }).n === 1 && (audit as { n: number }).n === 1;
          } finally {
            reader.close();
          }
        }),
      ),
    );
    expect(seenOnResolve).toEqual(batch.map(() => true));
  });

  it.each(writePaths)(
    'splits more records than a batch holds into several commits, in order, losing none (%s)',
    async (_path, writer) => {
      await withCountingRecorder(
        writer,
        async (calls, dialect) => {
          const batch = entries(50);
          const done: number[] = [];
          await Promise.all(batch.map((e, i) => calls.record(e, auditFor(e.id)).then(() => done.push(i))));
          expect(dialect.commits).toBe(13);
          expect(done).toEqual(batch.map((_, i) => i));
          expect(storedIds('history', 'id')).toEqual(batch.map((e) => e.id));
          expect(storedIds('audit_log', 'target')).toEqual(batch.map((e) => e.id));
        },
        { maxBatch: 4 },
      );
    },
  );
});

describe('call recorder: calls in flight', () => {
  it('stores the pending row with the body text as sent, then completes it with its audit row', async () => {
    const entry = seedEntry(1, new Date('2026-11-26T10:00:00.000Z'));
    const bodyText = JSON.stringify(entry.requestBody);
    await repos.calls.begin(pendingOf(entry), bodyText);
    expect(await repos.history.get(entry.id)).toEqual(pendingOf(entry));
    expect(storedIds('audit_log', 'target')).toEqual([]);

    await repos.calls.complete(entry, auditFor(entry.id));
    expect(await repos.history.get(entry.id)).toEqual(entry);
    expect(storedIds('history', 'id')).toEqual([entry.id]);
    expect(storedIds('audit_log', 'target')).toEqual([entry.id]);
  });

  it.each(writePaths)(
    'commits the begins of concurrent calls together, and their completions together (%s)',
    async (_path, writer) => {
      await withCountingRecorder(writer, async (calls, dialect) => {
        const batch = entries(20);
        await Promise.all(batch.map((e) => calls.begin(pendingOf(e), JSON.stringify(e.requestBody))));
        expect(dialect.commits).toBe(1);
        await Promise.all(batch.map((e) => calls.complete(e, auditFor(e.id))));
        expect(dialect.commits).toBe(2);
        for (const e of batch) expect(await repos.history.get(e.id)).toEqual(e);
      });
    },
  );

  it.each(writePaths)(
    'keeps a completed call whose pending row was purged meanwhile (%s)',
    async (_path, writer) => {
      await withCountingRecorder(writer, async (calls) => {
        const entry = seedEntry(1, new Date('2026-11-26T10:00:00.000Z'));
        await calls.begin(pendingOf(entry), JSON.stringify(entry.requestBody));
        await repos.history.purge({ keepLatest: 0 });
        await calls.complete(entry, auditFor(entry.id));
        expect(await repos.history.get(entry.id)).toEqual(entry);
        expect(storedIds('audit_log', 'target')).toEqual([entry.id]);
      });
    },
  );

  it('waits for a transaction that holds the connection, and is not rolled back with it', async () => {
    const entry = seedEntry(1, new Date('2026-11-26T10:00:00.000Z'));
    let recorded: Promise<void> | undefined;
    await expect(
      store.db.kysely.transaction().execute(async (trx) => {
        await trx
          .insertInto('audit_log')
          .values(auditRow(auditFor('rolled-back')))
          .execute();
        recorded = repos.calls.record(entry, auditFor(entry.id));
        // The recorder's commit is due now (setImmediate): it must not join this transaction.
        for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
        expect(storedIds('history', 'id')).toEqual([]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await recorded;
    expect(await repos.history.get(entry.id)).toEqual(entry);
    expect(storedIds('audit_log', 'target')).toEqual([entry.id]);
  });

  it('turns the pending rows of a process that died into unknown on reopening, with an audit row each', async () => {
    const sent = seedEntry(1, new Date('2026-11-26T10:00:00.000Z'));
    const replay = { ...seedEntry(2, new Date('2026-11-26T10:00:01.000Z')), replayOf: sent.id };
    const finished = seedEntry(3, new Date('2026-11-26T10:00:02.000Z'));
    await repos.calls.record(sent, auditFor(sent.id));
    await repos.calls.begin(pendingOf(replay), JSON.stringify(replay.requestBody));
    await repos.calls.begin(pendingOf(finished), JSON.stringify(finished.requestBody));
    await repos.calls.complete(finished, auditFor(finished.id));
    await store.db.close();

    const reopened = await openDatabase({ dataDir: store.dataDir });
    try {
      const again = createRepositories(reopened);
      expect(await again.calls.recoverInterrupted()).toBe(1);
      expect(await again.history.get(replay.id)).toEqual({
        ...pendingOf(replay),
        outcome: 'unknown',
        failure: interruptedFailure,
      });
      expect(await again.history.get(finished.id)).toEqual(finished);
      const audit = await again.audit.list({ limit: 10 });
      expect(audit.items[0]).toMatchObject({
        actor: replay.operator,
        action: 'request.replay',
        target: replay.id,
        details: { outcome: 'unknown', interrupted: true, replayOf: sent.id },
      });
      expect(await again.calls.recoverInterrupted()).toBe(0);

      // The live process learns the answer after all: the known result wins over unknown.
      await again.calls.complete(replay, auditFor(replay.id));
      expect(await again.history.get(replay.id)).toEqual(replay);
    } finally {
      await reopened.close();
    }
  });

  it('recovers only calls begun before the given time', async () => {
    const old = seedEntry(1, new Date('2026-11-26T10:00:00.000Z'));
    const fresh = seedEntry(2, new Date('2026-11-26T10:05:00.000Z'));
    for (const e of [old, fresh]) await repos.calls.begin(pendingOf(e), JSON.stringify(e.requestBody));
    expect(
      await repos.calls.recoverInterrupted({ startedBefore: new Date('2026-11-26T10:01:00.000Z') }),
    ).toBe(1);
    expect((await repos.history.get(old.id))?.outcome).toBe('unknown');
    expect((await repos.history.get(fresh.id))?.outcome).toBe('pending');
  });
});
