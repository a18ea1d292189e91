import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryFilter } from '@console/shared/api';
import { CompiledQuery, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatsService } from '../../services/stats';
import { historyPageQuery } from './history-repository';
import { createRepositories, type Database, FOLD_LAG_MS, newId, openDatabase, sqliteFileName } from './index';
import { seedEntry, seedHistory, seedRequestId } from './testing';

let dataDir: string;
beforeEach(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), 'console-db-')), 'nested', 'data');
});
afterEach(async () => {
  await rm(join(dataDir, '..', '..'), { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates DATA_DIR and the SQLite file, in WAL mode with foreign keys on', async () => {
    const db = await openDatabase({ dataDir });
    try {
      expect(db.dialect).toBe('sqlite');
      expect(existsSync(join(dataDir, sqliteFileName))).toBe(true);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.kysely);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db.kysely);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      await expect(db.ping()).resolves.toBeUndefined();
    } finally {
      await db.close();
    }
  });

  it('runs the migrations once and opens an existing store without changing it, keeping its data', async () => {
    const first = await openDatabase({ dataDir });
    const repos = createRepositories(first);
    const entry = seedEntry(1, new Date('2026-11-26T10:00:00.000Z'));
    await repos.history.insert(entry);
    await repos.users.create({ username: 'admin', passwordHash: 'h', role: 'admin' });
    const auditEntry = await repos.audit.append({
      actor: 'system',
      action: 'config.load',
      target: null,
      details: null,
    });
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      first.kysely,
    );
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      const again = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        second.kysely,
      );
      expect(again.rows).toEqual(applied.rows);
      expect(again.rows.map((r) => r.name)).toEqual([
        '0001-history',
        '0002-auth',
        '0003-audit',
        '0004-hardening',
        '0005-stats-rollups',
        '0006-runs',
        '0008-history-search',
        '0008-history-source',
        '0009-callbacks',
        '0010-replicas',
        '0011-history-text-index',
        '0011-history-text-watermark',
        '0012-stats-rollup-tiers',
        '0013-stats-rollup-fold',
        '0014-history-partial-indexes',
      ]);
      const reopened = createRepositories(second);
      expect(await reopened.history.get(entry.id)).toEqual(entry);
      expect((await reopened.users.get('admin'))?.role).toBe('admin');
      expect((await reopened.audit.list({ limit: 5 })).items).toEqual([auditEntry]);
    } finally {
      await second.close();
    }
  });

  it('runs a migration numbered below one already applied (0005 landing after 0006)', async () => {
    const first = await openDatabase({ dataDir });
    await sql`delete from kysely_migration where name = '0005-stats-rollups'`.execute(first.kysely);
    for (const table of ['stats_series', 'stats_commands', 'stats_error_codes', 'stats_operators']) {
      await sql`drop table ${sql.table(table)}`.execute(first.kysely);
    }
    await first.close();
    const second = await openDatabase({ dataDir });
    try {
      const names = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        second.kysely,
      );
      expect(names.rows.map((r) => r.name)).toContain('0005-stats-rollups');
      await expect(sql`select count(*) from stats_series`.execute(second.kysely)).resolves.toBeDefined();
    } finally {
      await second.close();
    }
  });

  it('keeps the counts of a store from before the fold (0013), and moves later calls to the four tables once', async () => {
    const first = await openDatabase({ dataDir });
    const now = Date.now();
    const record = async (db: Database, times: number[]) => {
      const repos = createRepositories(db);
      await Promise.all(
        times.map((t, i) => {
          const entry = seedEntry(i, new Date(t));
          return repos.calls.record(entry, {
            actor: 'a',
            action: 'request.send',
            target: entry.id,
            details: {},
          });
        }),
      );
    };
    // Calls up to now, moved to the four tables at every resolution, as before the fold; then the
    // store as it was before 0013.
    const old = Array.from({ length: 50 }, (_, i) => now - i * 197_000);
    await record(first, old);
    expect(await createRepositories(first).stats.fold({ now: now + 10 * 60_000 })).toBe(50);
    await sql`delete from kysely_migration where name = '0013-stats-rollup-fold'`.execute(first.kysely);
    await sql`drop table stats_recent`.execute(first.kysely);
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      const repos = createRepositories(second);
      const tiers = async () => {
        const { rows } = await sql<{ res: string; n: number }>`select res, sum(calls) as n from stats_series
          group by res union all select 'recent', coalesce(sum(calls), 0) from stats_recent
          order by res`.execute(second.kysely);
        return rows.map((r) => [r.res, Number(r.n)]);
      };
      expect(await tiers()).toEqual([
        ['d', 50],
        ['h', 50],
        ['m', 50],
        ['q', 50],
        ['recent', 0],
      ]);
      // New calls wait in stats_recent, the dashboard counts them there, and a fold moves them once.
      await record(second, [now, now + 61_000, now + 119_000, now - 3_600_000]);
      const answer = async () =>
        (
          await new StatsService(repos).stats({
            from: new Date(now - 3 * 3_600_000).toISOString(),
            to: new Date(now + 5 * 60_000).toISOString(),
          })
        ).totals.calls;
      expect(await answer()).toBe(54);
      expect(await tiers()).toEqual([
        ['d', 50],
        ['h', 50],
        ['m', 50],
        ['q', 50],
        ['recent', 4],
      ]);
      expect(await repos.stats.fold({ now: now + 3 * 60_000 + FOLD_LAG_MS })).toBe(4);
      expect(await repos.stats.fold({ now: now + 3 * 60_000 + FOLD_LAG_MS })).toBe(0);
      expect(await tiers()).toEqual([
        ['d', 54],
        ['h', 54],
        ['m', 54],
        ['q', 54],
        ['recent', 0],
      ]);
      expect(await answer()).toBe(54);
    } finally {
      await second.close();
    }
  });

  it('refuses a DATABASE_URL that is neither empty nor postgres://, without echoing it', async () => {
    await expect(openDatabase({ dataDir, databaseUrl: 'mysql://u:s3cret@h/db' })).rejects.toThrow(
      /^(?!.*s3cret).*postgres:\/\//,
    );
  });

  it('lets close be called twice', async () => {
    const db = await openDatabase({ dataDir });
    await db.close();
    await expect(db.close()).resolves.toBeUndefined();
  });
});

describe('newId', () => {
  it('makes 26-character Crockford base32 ids that sort in creation order', () => {
    const ids = Array.from({ length: 2000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it('encodes the time first so a later millisecond sorts after', () => {
    const earlier = newId(Date.UTC(2030, 0, 1));
    const later = newId(Date.UTC(2030, 0, 1, 0, 0, 0, 1));
    expect(earlier < later).toBe(true);
    expect(later.slice(0, 10)).not.toBe(earlier.slice(0, 10));
  });
});

describe('history query plans', () => {
  // Every filter must reach its rows through an index and read them in keyset order without a sort.
  const cases: [string, HistoryFilter][] = [
    ['no filter', {}],
    ['requestId', { requestId: 'Id-1' }],
    ['environmentId', { environmentId: 'prod-sg' }],
    ['errorCode', { errorCode: 70107 }],
    ['service + command', { service: 'openim', command: 'sendmsg' }],
    ['command', { command: 'sendmsg' }],
    ['operator', { operator: 'alice' }],
    ['outcome', { outcome: 'fail' }],
    ['from/to', { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' }],
    ['replayOf', { replayOf: 'x' }],
    ['requestIdPrefix', { requestIdPrefix: 'Id-' }],
    ['environmentId + from/to', { environmentId: 'prod-sg', from: '2026-11-01T00:00:00Z' }],
  ];
  // The partial indexes (migration 0014: only rows where the column is set) still serve their filters.
  const partialIndexOf: Record<string, string> = {
    requestId: 'history_request_id',
    errorCode: 'history_error_code',
    replayOf: 'history_replay_of',
  };

  it.each(cases)('%s uses an index', async (_name, filter) => {
    const db = await openDatabase({ dataDir });
    try {
      await seedHistory(db, 200);
      await sql`analyze`.execute(db.kysely);
      const after = { at: '2026-11-26T10:00:00.000Z', id: newId() };
      for (const cursor of [undefined, after]) {
        const compiled = historyPageQuery(db.kysely, filter, 51, cursor, db.dialect).compile();
        const plan = await db.kysely.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
        );
        const details = plan.rows.map((r) => r.detail).join(' | ');
        expect(details).toMatch(/history USING (COVERING )?INDEX history_/);
        const partial = partialIndexOf[_name];
        if (partial !== undefined) expect(details).toContain(`INDEX ${partial} `);
        expect(plan.rows.map((r) => r.detail)).not.toContain('SCAN history');
        if (filter.requestId === undefined && filter.replayOf === undefined) {
          expect(details).not.toContain('TEMP B-TREE');
        }
      }
    } finally {
      await db.close();
    }
  });
});

describe('seedHistory', () => {
  it('inserts n deterministic entries that the filters can find', async () => {
    const db = await openDatabase({ dataDir });
    try {
      await seedHistory(db, 1234, { batchSize: 100 });
      const { history } = createRepositories(db);
      expect(await history.count()).toBe(1234);
      const found = await history.list({ requestId: seedRequestId(500), limit: 5 });
      expect(found.items).toHaveLength(1);
      expect(found.items[0]?.requestBody).toMatchObject({ Seq: 500 });
    } finally {
      await db.close();
    }
  });
});
