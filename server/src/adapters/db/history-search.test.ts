import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry } from '@console/shared/api';
import { CompiledQuery, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyPageQuery } from './history-repository';
import { createRepositories, newId, type Repositories } from './index';
import { type Database, openDatabase } from './open';
import { seedEntry } from './testing';

let dataDir: string;
let db: Database;
let repos: Repositories;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'console-search-'));
  db = await openDatabase({ dataDir });
  repos = createRepositories(db);
});
afterEach(async () => {
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

let n = 0;
function entry(body: Record<string, unknown>, response: unknown, requestId: string | null): HistoryEntry {
  n += 1;
  const at = new Date(Date.parse('2026-11-30T10:00:00Z') + n * 1000);
  return { ...seedEntry(n, at), id: newId(at.getTime()), requestBody: body, response, requestId };
}

const ids = async (q: string) => (await repos.history.list({ q, limit: 100 })).items.map((e) => e.requestId);

describe('history q search through the trigram index', () => {
  it('finds text in the body, the answer, the RequestId and the command, ignoring ASCII case', async () => {
    await repos.history.insert(entry({ UserID: 'ticket_8812' }, { ActionStatus: 'OK' }, 'Id-aaa-O-Seq-1'));
    await repos.history.insert(entry({ UserID: 'other' }, { Nick: 'Ticket Owner' }, 'Id-bbb-O-Seq-2'));
    await repos.history.insert(entry({ UserID: 'third' }, null, 'Id-ccc-O-Seq-3'));
    expect(await ids('ticket_8812')).toEqual(['Id-aaa-O-Seq-1']);
    expect(await ids('TICKET OWNER')).toEqual(['Id-bbb-O-Seq-2']);
    expect(await ids('ccc-O-Seq')).toEqual(['Id-ccc-O-Seq-3']);
    expect(await ids('nothing like this')).toEqual([]);
    // The command column: every seed entry has one of a few, so some match and the count agrees.
    const byCommand = await repos.history.count({ q: 'account_' });
    expect(byCommand).toBe(
      (await repos.history.list({ limit: 100 })).items.filter((e) => e.command.includes('account_')).length,
    );
  });

  it('matches the quoted JSON string of an ID exactly, and quotes, % and _ literally', async () => {
    await repos.history.insert(entry({ UserID: 'user1' }, null, 'Id-q-1'));
    await repos.history.insert(entry({ UserID: 'user10' }, null, 'Id-q-10'));
    await repos.history.insert(entry({ Text: '50% off_now' }, null, 'Id-q-pct'));
    expect(await ids('"user1"')).toEqual(['Id-q-1']);
    expect((await ids('user1')).sort()).toEqual(['Id-q-1', 'Id-q-10']);
    expect(await ids('50% off_')).toEqual(['Id-q-pct']);
    expect(await ids('5x% off')).toEqual([]);
  });

  it('still finds text shorter than a trigram, by scanning', async () => {
    await repos.history.insert(entry({ K: 'zq' }, null, 'Id-short'));
    expect(await ids('zq')).toEqual(['Id-short']);
  });

  it('follows the call recorder: a pending call by its body, then by its answer once completed; purged rows leave', async () => {
    const pending = { ...entry({ UserID: 'inflight_77' }, null, null), outcome: 'pending' as const };
    await repos.calls.begin(pending, JSON.stringify(pending.requestBody));
    expect((await repos.history.list({ q: 'inflight_77', limit: 10 })).items.map((e) => e.id)).toEqual([
      pending.id,
    ]);
    expect(await ids('answer_marker_99')).toEqual([]);

    await repos.calls.complete(
      { ...pending, outcome: 'ok', requestId: 'Id-done-O-Seq-9', response: { Note: 'answer_marker_99' } },
      null,
    );
    expect(await ids('answer_marker_99')).toEqual(['Id-done-O-Seq-9']);
    expect(await ids('inflight_77')).toEqual(['Id-done-O-Seq-9']);

    expect(await repos.history.purge({ keepLatest: 0 })).toBeGreaterThan(0);
    expect(await ids('answer_marker_99')).toEqual([]);
    const left = await sql<{
      n: number;
    }>`select count(*) as n from history_search where history_search match '"answer_marker_99"'`.execute(
      db.kysely,
    );
    expect(Number(left.rows[0]?.n)).toBe(0);
  });

  it('looks the rows up by rowid from the index, not by walking the history, for a q of three characters or more', async () => {
    const compiled = historyPageQuery(db.kysely, { q: 'ticket_8812' }, 51, undefined, 'sqlite').compile();
    const plan = await db.kysely.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    const details = plan.rows.map((r) => r.detail).join('\n');
    expect(details).toMatch(/history_search VIRTUAL TABLE INDEX/);
    expect(details).toMatch(/SEARCH history USING INTEGER PRIMARY KEY \(rowid=\?\)/);
  });

  it('indexes the rows that were stored before the index existed, reporting progress', async () => {
    for (let i = 0; i < 30; i++)
      await repos.history.insert(entry({ UserID: `old_${i}` }, null, `Id-old-${i}`));
    // As a store from before this migration: no index, no triggers, the migration not run.
    await sql`drop trigger history_search_insert`.execute(db.kysely);
    await sql`drop trigger history_search_delete`.execute(db.kysely);
    await sql`drop trigger history_search_update`.execute(db.kysely);
    await sql`drop table history_search`.execute(db.kysely);
    await sql`delete from kysely_migration where name = '0008-history-search'`.execute(db.kysely);
    await db.close();

    const progress: Record<string, unknown>[] = [];
    db = await openDatabase({ dataDir, onMigrationProgress: (_message, fields) => progress.push(fields) });
    repos = createRepositories(db);
    expect(progress[0]).toEqual({ rows: 30 });
    expect(progress).toContainEqual({ indexed: 30, rows: 30, percent: 100 });
    expect(await ids('"old_17"')).toEqual(['Id-old-17']);
    // And it keeps up from then on.
    await repos.history.insert(entry({ UserID: 'new_1' }, null, 'Id-new-1'));
    expect(await ids('new_1')).toEqual(['Id-new-1']);
  });
});
