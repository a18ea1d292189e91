import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyPageQuery } from './history-repository';
import { createRepositories, type Database, openDatabase } from './index';
import { seedEntry, seedHistory } from './testing';

let dataDir: string;
let db: Database;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'console-reader-'));
  db = await openDatabase({ dataDir });
});
afterEach(async () => {
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

function readerOf(database: Database) {
  if (!database.reader) throw new Error('SQLite opens with a reader');
  return database.reader;
}

describe('history reads that scan run on the reader thread', () => {
  it('sends a q search to the reader and keeps index lookups on the request thread', async () => {
    await seedHistory(db, 300);
    const repos = createRepositories(db);
    const reader = readerOf(db);
    await repos.history.list({ limit: 50, errorCode: 70107 });
    await repos.history.list({ limit: 50, environmentId: 'prod-sg' });
    expect(reader.queries).toBe(0);

    const page = await repos.history.list({ limit: 50, q: 'user1' });
    expect(reader.queries).toBe(1);
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) {
      const text = [
        item.command,
        JSON.stringify(item.requestBody),
        JSON.stringify(item.response),
        item.requestId,
      ]
        .join(' ')
        .toLowerCase();
      expect(text).toContain('user1');
    }
    expect(await repos.history.count({ q: 'user1' })).toBeGreaterThanOrEqual(page.items.length);
    expect(reader.queries).toBe(2);
  });

  it('answers exactly what the same query answers on the request thread, page after page', async () => {
    await seedHistory(db, 400);
    const repos = createRepositories(db);
    const filter = { q: 'USER2' };
    const viaRepository: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repos.history.list({ ...filter, limit: 37, ...(cursor ? { cursor } : {}) });
      viaRepository.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    const direct = await historyPageQuery(db.kysely, filter, 10_000, undefined, db.dialect).execute();
    expect(viaRepository).toEqual(direct.map((r) => r.id));
    expect(viaRepository.length).toBeGreaterThan(37);
  });

  it('sees a call as soon as it is recorded (it reads the committed state of the same file)', async () => {
    const repos = createRepositories(db);
    await repos.history.list({ limit: 5, q: 'warm-up' });
    const entry = { ...seedEntry(1, new Date()), requestBody: { To_Account: 'needle-42' } };
    await repos.calls.record(entry, { actor: 't', action: 'request.send', target: entry.id, details: null });
    const page = await repos.history.list({ limit: 5, q: 'NEEDLE-42' });
    expect(page.items.map((i) => i.id)).toEqual([entry.id]);
  });

  it('falls back to the request thread when the reader is gone', async () => {
    await seedHistory(db, 50);
    const repos = createRepositories(db);
    const before = await repos.history.list({ limit: 50, q: 'user' });
    await readerOf(db).stop();
    const after = await repos.history.list({ limit: 50, q: 'user' });
    expect(after.items.map((i) => i.id)).toEqual(before.items.map((i) => i.id));
  });

  it('reports a bad statement as an error, not as missing rows', async () => {
    await expect(readerOf(db).all('select * from no_such_table', [])).rejects.toThrow(/no such table/);
  });
});

describe('the dashboard reads on the reader thread', () => {
  it('sends its four reads in one message, and answers what the request thread reads', async () => {
    const repos = createRepositories(db);
    const now = Date.now();
    const start = Math.floor(now / 60_000) * 60_000 - 3 * 3_600_000;
    for (let i = 0; i < 40; i++) {
      const entry = seedEntry(i, new Date(start + i * 271_000));
      await repos.calls.record(entry, {
        actor: 't',
        action: 'request.send',
        target: entry.id,
        details: null,
      });
    }
    const query = { fromMs: start, toMs: start + 3 * 3_600_000, seriesCoarsest: 'q' as const };
    const reader = readerOf(db);
    const viaReader = await repos.stats.read(query);
    expect(reader.queries).toBe(4);
    expect(viaReader.series.reduce((n, r) => n + r.ok + r.fail + r.error, 0)).toBe(40);
    await reader.stop();
    // With the reader gone, the same reads run here.
    expect(await repos.stats.read(query)).toEqual(viaReader);
  });

  it('reads a batch in one snapshot, one array of rows per statement', async () => {
    const rows = await readerOf(db).batch([
      { sql: 'select ? as a', parameters: [1] },
      { sql: 'select 2 as b union all select 3', parameters: [] },
    ]);
    expect(rows).toEqual([[{ a: 1 }], [{ b: 2 }, { b: 3 }]]);
    await expect(
      readerOf(db).batch([{ sql: 'select * from no_such_table', parameters: [] }]),
    ).rejects.toThrow(/no such table/);
  });
});
