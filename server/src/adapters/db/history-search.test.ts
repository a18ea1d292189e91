import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry } from '@console/shared/api';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallRecorder } from './call-recorder';
import { historyPageQuery, historyRow } from './history-repository';
import {
  drainHistoryText,
  dropHistoryTextTriggers,
  searchTextLimit,
  trigramQuery,
} from './history-text-index';
import { createRepositories, newId, type Repositories } from './index';
import { migration0008HistorySearch } from './migrations/0008-history-search';
import { type Database, openDatabase, sqliteFileName } from './open';
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

/**
 * The rowids the index itself answers for `q` (with repeats, if a row were indexed twice), once the
 * queue has been drained as the recorder does every few hundred answers.
 */
async function indexHits(q: string): Promise<number[]> {
  await drainHistoryText(db.kysely);
  const res = await sql<{
    rowid: number;
  }>`select rowid from history_text where history_text match ${trigramQuery(q)}`.execute(db.kysely);
  return res.rows.map((r) => Number(r.rowid));
}

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
    expect(await indexHits('answer_marker_99')).toEqual([]);
    expect(await indexHits('inflight_77')).toEqual([]);
  });

  it('looks the rows up by rowid from the index, not by walking the history, for a q of three characters or more', async () => {
    const compiled = historyPageQuery(db.kysely, { q: 'ticket_8812' }, 51, undefined, 'sqlite').compile();
    const plan = await db.kysely.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    const details = plan.rows.map((r) => r.detail).join('\n');
    expect(details).toMatch(/history_text VIRTUAL TABLE INDEX/);
    expect(details).toMatch(/SEARCH history USING INTEGER PRIMARY KEY \(rowid=\?\)/);
  });

  it('indexes a call once, after its answer is written, and a recovered call once its process completes it', async () => {
    const pending = { ...entry({ UserID: 'once_41' }, null, null), outcome: 'pending' as const };
    await repos.calls.begin(pending, JSON.stringify(pending.requestBody));
    expect(await indexHits('once_41')).toEqual([]);
    // A sweep calls it unknown: still queued (its process may yet complete it), found by the scan…
    expect(await repos.calls.recoverInterrupted()).toBe(1);
    expect(await indexHits('once_41')).toEqual([]);
    expect((await repos.history.list({ q: 'once_41', limit: 10 })).items.map((e) => e.outcome)).toEqual([
      'unknown',
    ]);
    // …and its live process completes it after all: indexed once, with its answer.
    await repos.calls.complete(
      { ...pending, outcome: 'ok', requestId: 'Id-late-O-Seq-1', response: { Note: 'late_answer_5' } },
      null,
    );
    expect(await indexHits('once_41')).toHaveLength(1);
    expect(await indexHits('late_answer_5')).toHaveLength(1);
    expect(await ids('once_41')).toEqual(['Id-late-O-Seq-1']);
    await sql`insert into history_text(history_text, rank) values ('integrity-check', 0)`.execute(db.kysely);
  });

  it('the recorder indexes the answers together once it has written searchIndexBatch of them', async () => {
    const calls = createCallRecorder(db, { searchIndexBatch: 3, searchIndexDelayMs: 60_000 });
    const queued = async () =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*) as n from history where rowid > (select indexed_to from history_text_state)`.execute(
            db.kysely,
          )
        ).rows[0]?.n,
      );
    const done = [];
    for (let i = 0; i < 3; i++) {
      const call = entry({ UserID: `batch_${i}` }, { Note: `batch_answer_${i}` }, `Id-batch-${i}`);
      await calls.record(call, { actor: 'admin', action: 'request.send', target: call.id, details: {} });
      done.push(call.id);
      // Before the third, the answers wait past the watermark, and the search finds them there.
      if (i < 2) {
        expect(await queued()).toBe(i + 1);
        expect(await ids(`batch_answer_${i}`)).toEqual([`Id-batch-${i}`]);
      }
    }
    expect(await queued()).toBe(0);
    const direct = await sql<{
      rowid: number;
    }>`select rowid from history_text where history_text match ${trigramQuery('batch_answer_')}`.execute(
      db.kysely,
    );
    expect(direct.rows).toHaveLength(3);
  });

  it(`holds the first ${searchTextLimit} characters of a body and of an answer`, async () => {
    const pad = 'x'.repeat(searchTextLimit);
    await repos.history.insert(entry({ A: 'head_marker_1', B: pad, C: 'tail_marker_1' }, null, 'Id-long'));
    expect(await ids('head_marker_1')).toEqual(['Id-long']);
    // Past the bound: not in the index, so not found (decision 043).
    expect(await ids('tail_marker_1')).toEqual([]);
  });
});

describe('trigramQuery', () => {
  it('ANDs the distinct trigrams of the text, quoting each; shorter text has none', () => {
    expect(trigramQuery('abcd')).toBe('"abc" AND "bcd"');
    expect(trigramQuery('aaaa')).toBe('"aaa"');
    expect(trigramQuery('a"b')).toBe('"a""b"');
    expect(trigramQuery('日本語の')).toBe('"日本語" AND "本語の"');
    expect(trigramQuery('ab')).toBeUndefined();
    // 98 distinct trigrams in 100 distinct characters: the first 48 are looked up.
    const distinct = Array.from({ length: 100 }, (_, k) => String.fromCodePoint(0x4e00 + k)).join('');
    expect(trigramQuery(distinct)?.split(' AND ')).toHaveLength(48);
  });
});

describe('migration 0011 on a store that ran 0008', () => {
  it("indexes the existing rows with progress, drops 0008's index, and keeps the index in step after", async () => {
    // Back to a store as 0008 left it: 0011's index gone and not run, 0008's index and triggers in place.
    await dropHistoryTextTriggers(db.kysely);
    await sql`drop table history_text`.execute(db.kysely);
    await sql`drop table history_text_queue`.execute(db.kysely);
    await sql`drop table history_text_state`.execute(db.kysely);
    await sql`delete from kysely_migration where name = '0011-history-text-index'`.execute(db.kysely);
    const old = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new BetterSqlite3(join(dataDir, sqliteFileName)) }),
    });
    await migration0008HistorySearch('sqlite', () => {}).up(old);
    await old.destroy();
    // Written as the server before 0011 wrote them (0008's triggers index them).
    for (let i = 0; i < 30; i++) {
      const row = historyRow(entry({ UserID: `old_${i}` }, null, `Id-old-${i}`));
      await db.kysely.insertInto('history').values(row).execute();
    }
    const inFlight = { ...entry({ UserID: 'flight_3' }, null, null), outcome: 'pending' as const };
    await db.kysely.insertInto('history').values(historyRow(inFlight)).execute();
    await db.close();

    const progress: Record<string, unknown>[] = [];
    db = await openDatabase({ dataDir, onMigrationProgress: (_message, fields) => progress.push(fields) });
    repos = createRepositories(db);
    // Every row: the 30 answered ones indexed, the pending one queued (and searched by scanning the queue).
    expect(progress[0]).toEqual({ rows: 31 });
    expect(progress).toContainEqual({ indexed: 31, rows: 31, percent: 100 });
    const left = await sql<{
      name: string;
    }>`select name from sqlite_master where name like 'history_search%'`.execute(db.kysely);
    expect(left.rows).toEqual([]);
    expect(await ids('"old_17"')).toEqual(['Id-old-17']);
    expect(await indexHits('"old_17"')).toHaveLength(1);

    // The pending row: found while in flight (by the scan), then found once when completed.
    expect((await repos.history.list({ q: 'flight_3', limit: 10 })).items.map((e) => e.id)).toEqual([
      inFlight.id,
    ]);
    expect(await indexHits('flight_3')).toEqual([]);
    await repos.calls.complete({ ...inFlight, outcome: 'ok', requestId: 'Id-flight-3', response: {} }, null);
    expect(await ids('flight_3')).toEqual(['Id-flight-3']);
    expect(await indexHits('flight_3')).toHaveLength(1);

    // Retention takes the rows and their index entries.
    expect(await repos.history.purge({ keepLatest: 0 })).toBe(31);
    expect(await indexHits('"old_')).toEqual([]);
    expect(await indexHits('flight_3')).toEqual([]);
    expect(await ids('old_')).toEqual([]);
    // A rowid behind the watermark again (SQLite reuses them once the newest rows are gone): queued, found.
    await repos.history.insert(entry({ UserID: 'reused_9' }, null, 'Id-reused-9'));
    const reused = await sql<{
      r: number;
      w: number;
    }>`select max(rowid) as r, (select indexed_to from history_text_state) as w from history`.execute(
      db.kysely,
    );
    expect(Number(reused.rows[0]?.r)).toBeLessThanOrEqual(Number(reused.rows[0]?.w));
    expect(await ids('reused_9')).toEqual(['Id-reused-9']);
    expect(await indexHits('reused_9')).toHaveLength(1);
    await sql`insert into history_text(history_text, rank) values ('integrity-check', 0)`.execute(db.kysely);
  });
});

describe('a purge that empties the history', () => {
  it('takes the newest rows not indexed yet too, and the rows after it are indexed and purged without harm', async () => {
    for (let i = 0; i < 3; i++)
      await repos.history.insert(entry({ UserID: `drained_${i}` }, null, `Id-d-${i}`));
    // Written past the watermark and never drained: a console stopped before its drain timer fired.
    const calls = createCallRecorder(db, { searchIndexBatch: 1_000, searchIndexDelayMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      const call = entry({ UserID: `tail_${i}` }, { Note: 'tail' }, `Id-t-${i}`);
      await calls.record(call, { actor: 'admin', action: 'request.send', target: call.id, details: {} });
    }
    expect(await repos.history.purge({ olderThan: new Date('2100-01-01T00:00:00Z') })).toBe(6);
    const state = await sql<{ w: number }>`select indexed_to as w from history_text_state`.execute(db.kysely);
    expect(Number(state.rows[0]?.w)).toBe(0);
    // The next rows reuse the rowids: indexed, found, and purged again with the index intact.
    for (let i = 0; i < 2; i++)
      await repos.history.insert(entry({ UserID: `after_${i}` }, null, `Id-a-${i}`));
    expect(await indexHits('after_1')).toHaveLength(1);
    expect(await ids('after_0')).toEqual(['Id-a-0']);
    expect(await repos.history.purge({ keepLatest: 0 })).toBe(2);
    expect(await indexHits('after_')).toEqual([]);
    await sql`insert into history_text(history_text, rank) values ('integrity-check', 0)`.execute(db.kysely);
  });
});

describe('migration 0011-history-text-watermark', () => {
  it("starts the watermark past the last row of a store that ran 0011's first layout", async () => {
    for (let i = 0; i < 5; i++) await repos.history.insert(entry({ UserID: `wm_${i}` }, null, `Id-wm-${i}`));
    // As the first layout left it: no watermark, every row indexed (or queued).
    await sql`drop table history_text_state`.execute(db.kysely);
    await sql`delete from kysely_migration where name = '0011-history-text-watermark'`.execute(db.kysely);
    await db.close();
    db = await openDatabase({ dataDir });
    repos = createRepositories(db);
    const state = await sql<{ w: number; m: number }>`
      select indexed_to as w, (select max(rowid) from history) as m from history_text_state`.execute(
      db.kysely,
    );
    expect(Number(state.rows[0]?.w)).toBe(Number(state.rows[0]?.m));
    expect(await ids('wm_3')).toEqual(['Id-wm-3']);
    await repos.history.insert(entry({ UserID: 'wm_new' }, null, 'Id-wm-new'));
    expect(await ids('wm_new')).toEqual(['Id-wm-new']);
    expect(await indexHits('wm_new')).toHaveLength(1);
  });
});
