import { type QueryExecutorProvider, sql } from 'kysely';

/** Told how the index of existing rows is coming along (the server's log). */
export type IndexLog = (message: string, fields: Record<string, unknown>) => void;

/**
 * Characters of the request body, and of the answer, that the search index holds (decision 043):
 * a call's text beyond them is not found by `q`. Bounds the work a call with a huge answer puts on
 * the request thread (tokenizing costs about 0.2 µs a character).
 */
export const searchTextLimit = 16_384;

/** Rows indexed per statement while the index of existing rows is built. */
const buildBatch = 20_000;

/**
 * The text the index holds for a row, as SQL over the row's columns (`new.`, `old.` or none): command,
 * RequestId, and the first `searchTextLimit` characters of the body and of the answer, a newline
 * between them. The same expression indexes and un-indexes a row: the index is contentless, so a
 * delete must hand it the very text it was given.
 */
function rowText(prefix: '' | 'new.' | 'old.'): string {
  const p = prefix;
  return (
    `${p}command || char(10) || coalesce(${p}request_id, '') || char(10) || ` +
    `substr(${p}request_body, 1, ${searchTextLimit}) || char(10) || ` +
    `coalesce(substr(${p}response, 1, ${searchTextLimit}), '')`
  );
}

/**
 * Only rows with an answer (or known to have none: `unknown`, `error`…) are indexed: a pending row
 * waits in the queue, so each call is tokenized once, when its answer is written, instead of three
 * times (decision 043).
 */
const indexed = (prefix: 'new.' | 'old.' | '') => `${prefix}outcome <> 'pending'`;

export const historyTextTriggers = ['history_text_insert', 'history_text_delete', 'history_text_update'];

/** The contentless trigram index of the history's text, and its queue (SQLite only). */
export async function createHistoryTextTable(db: QueryExecutorProvider): Promise<void> {
  // contentless (the text stays in `history` only), detail=none and columnsize=0 (rowids only: the
  // smallest index and the least work per row; a search ANDs trigrams and LIKE checks the rows).
  await sql`create virtual table if not exists history_text using fts5(
    text, content='', detail=none, columnsize=0, tokenize='trigram'
  )`.execute(db);
  // Rows written but not indexed yet: pending calls, and answered ones until the next drain. A row
  // is in the index or in the queue, never both; the q search scans the queue (decision 043).
  await sql`create table if not exists history_text_queue (rowid integer primary key)`.execute(db);
  // The text an indexed row had before it changed, for the next drain to take out of the index
  // (a contentless index is told what to forget); meanwhile the LIKE drops what it matches.
  await sql`create table if not exists history_text_stale (id integer primary key, row integer not null, text text not null)`.execute(
    db,
  );
}

/**
 * Keeps the index in step with every write of `history` without writing the index on the send path:
 * a written row joins the queue, an indexed row that changes leaves its old text to the drain (plain
 * tables, cheap). A statement that may write an FTS5 table, even through a trigger that does nothing,
 * opens a savepoint on it: that alone cost about 40 % more CPU per call (decision 043). Only a
 * delete (retention, in batches) writes the index itself.
 */
export async function createHistoryTextTriggers(db: QueryExecutorProvider): Promise<void> {
  const inIndex = `${indexed('old.')} and not exists (select 1 from history_text_queue where rowid = old.rowid)`;
  await sql
    .raw(`create trigger if not exists history_text_insert after insert on history begin
        insert or ignore into history_text_queue(rowid) values (new.rowid);
      end`)
    .execute(db);
  await sql
    .raw(`create trigger if not exists history_text_delete after delete on history begin
        insert into history_text(history_text, rowid, text)
          select 'delete', old.rowid, ${rowText('old.')} where ${inIndex};
        delete from history_text_queue where rowid = old.rowid;
      end`)
    .execute(db);
  await sql
    .raw(`create trigger if not exists history_text_update
      after update of outcome, command, request_body, response, request_id on history begin
        insert into history_text_stale(row, text) select old.rowid, ${rowText('old.')} where ${inIndex};
        insert or ignore into history_text_queue(rowid) values (new.rowid);
      end`)
    .execute(db);
}

export async function dropHistoryTextTriggers(db: QueryExecutorProvider): Promise<void> {
  for (const trigger of historyTextTriggers) await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
}

/**
 * Takes the old text of changed rows out of the index, then indexes the queued rows that are no
 * longer pending, in one statement each, and takes them off the queue. The call recorder runs it in
 * a group commit's transaction every few hundred answers (or second). Answers how many rows it indexed.
 */
export async function drainHistoryText(db: QueryExecutorProvider): Promise<number> {
  const stale = await sql<{ n: number }>`select count(*) as n from history_text_stale`.execute(db);
  if (Number(stale.rows[0]?.n ?? 0) > 0) {
    await sql`insert into history_text(history_text, rowid, text)
      select 'delete', row, text from history_text_stale order by id`.execute(db);
    await sql`delete from history_text_stale`.execute(db);
  }
  // Driven by the queue (a few rows), each looked up by rowid: never a walk of the history.
  const ready = `select rowid from history where rowid in (select rowid from history_text_queue) and ${indexed('')}`;
  const res = await sql
    .raw(`insert into history_text(rowid, text)
      select rowid, ${rowText('')} from history where rowid in (${ready})`)
    .execute(db);
  const n = Number(res.numAffectedRows ?? 0n);
  if (n > 0) await sql.raw(`delete from history_text_queue where rowid in (${ready})`).execute(db);
  return n;
}

/**
 * Indexes the rows after `afterRowid` in batches of rowids, reporting each batch to `log`, queues
 * the pending ones, then merges the index's segments into one. The migration's build for an existing history and the
 * benchmarks' seeding share it. Answers how many rows it indexed.
 */
export async function indexHistoryText(
  db: QueryExecutorProvider,
  opts: { afterRowid?: number; log?: IndexLog } = {},
): Promise<number> {
  const log = opts.log ?? (() => {});
  let after = opts.afterRowid ?? 0;
  const total = Number(
    (
      await sql<{
        n: number;
      }>`select count(*) as n from history where rowid > ${after} and ${sql.raw(indexed(''))}`.execute(db)
    ).rows[0]?.n ?? 0,
  );
  if (total === 0) return 0;
  log('indexing the history for search', { rows: total });
  const started = Date.now();
  let done = 0;
  for (;;) {
    const last = await sql<{ last: number | null }>`
      select max(rowid) as last from
        (select rowid from history where rowid > ${after} order by rowid limit ${buildBatch})`.execute(db);
    const upTo = last.rows[0]?.last;
    if (upTo === null || upTo === undefined) break;
    const res = await sql`insert into history_text(rowid, text)
      select rowid, ${sql.raw(rowText(''))} from history
      where rowid > ${after} and rowid <= ${upTo} and ${sql.raw(indexed(''))}`.execute(db);
    after = Number(upTo);
    done += Number(res.numAffectedRows ?? 0n);
    log('indexing the history for search', {
      indexed: done,
      rows: total,
      percent: Math.min(100, Math.round((done / total) * 100)),
    });
  }
  // The calls still in flight wait for their answers in the queue.
  await sql`insert or ignore into history_text_queue(rowid)
    select rowid from history where rowid > ${opts.afterRowid ?? 0} and outcome = 'pending'`.execute(db);
  await sql`insert into history_text(history_text) values ('optimize')`.execute(db);
  log('history search index built', { rows: done, ms: Date.now() - started });
  return done;
}

/** Most trigrams a search looks up; any subset of a text's trigrams still finds every row holding it. */
const maxTrigrams = 48;

/**
 * The index query for a `q` of three characters or more: each distinct trigram of it, ANDed (the
 * index keeps no positions, so the rows it answers hold every trigram somewhere and the LIKE then
 * checks them exactly). Undefined for shorter text, which has no trigram.
 */
export function trigramQuery(q: string): string | undefined {
  const chars = [...q];
  if (chars.length < 3) return undefined;
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length && trigrams.size < maxTrigrams; i++) {
    trigrams.add(chars.slice(i, i + 3).join(''));
  }
  return [...trigrams].map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}
