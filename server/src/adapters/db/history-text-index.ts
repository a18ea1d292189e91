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
 * Only answered rows are indexed, once: a pending row waits in the queue, so each call is tokenized
 * once instead of three times (decision 043). An `unknown` row (a call cut off by a stop) waits there
 * too: its own process may still complete it, and an indexed row never changes.
 */
const indexed = (prefix: 'old.' | '') => `${prefix}outcome not in ('pending', 'unknown')`;

/** The rowid up to which every row is in the index or in the queue; rows past it are the tail. */
const watermark = '(select indexed_to from history_text_state where id = 1)';

export const historyTextTriggers = ['history_text_delete'];

/** The contentless trigram index of the history's text, its queue and its watermark (SQLite only). */
export async function createHistoryTextTable(db: QueryExecutorProvider): Promise<void> {
  // contentless (the text stays in `history` only), detail=none and columnsize=0 (rowids only: the
  // smallest index and the least work per row; a search ANDs trigrams and LIKE checks the rows).
  await sql`create virtual table if not exists history_text using fts5(
    text, content='', detail=none, columnsize=0, tokenize='trigram'
  )`.execute(db);
  // Rows are indexed by rowid, in order, up to the watermark; behind it, the rows that were not
  // answered yet when it passed them wait in the queue.
  await sql`create table if not exists history_text_state (
    id integer primary key check (id = 1), indexed_to integer not null
  )`.execute(db);
  await sql`insert or ignore into history_text_state(id, indexed_to) values (1, 0)`.execute(db);
  await sql`create table if not exists history_text_queue (rowid integer primary key)`.execute(db);
}

/**
 * No trigger on insert or update: a trigger on `history`, even one whose WHEN is false, cost 25–40 %
 * more CPU per call (decision 043). New rows land past the watermark, where the drain finds them
 * by rowid, and an answered row is never changed (the recorder completes only pending and unknown
 * rows, which are not indexed). A delete (retention, 1,000 rows a statement) takes an indexed row
 * out of the index, and pulls the watermark back to the largest rowid left: SQLite gives the next
 * row the largest rowid plus one, so no new row can land behind it unseen.
 */
export async function createHistoryTextTriggers(db: QueryExecutorProvider): Promise<void> {
  const inIndex = `${indexed('old.')} and not exists (select 1 from history_text_queue where rowid = old.rowid)`;
  await sql
    .raw(`create trigger if not exists history_text_delete after delete on history
      when old.rowid <= ${watermark} begin
        insert into history_text(history_text, rowid, text)
          select 'delete', old.rowid, ${rowText('old.')} where ${inIndex};
        delete from history_text_queue where rowid = old.rowid;
        update history_text_state set indexed_to = (select coalesce(max(rowid), 0) from history)
          where id = 1 and indexed_to > (select coalesce(max(rowid), 0) from history);
      end`)
    .execute(db);
}

/**
 * After a purge: the watermark back to the largest rowid left, when the purge emptied the history.
 * The delete trigger pulls it back only when it fires, for rows at or before the watermark; a purge
 * that also takes the rows past it (the newest, not drained yet: a console down longer than the
 * retention age with calls it never indexed, say) leaves it ahead of every rowid. SQLite then hands
 * the next rows rowids at or below it: the drain would never index them and their delete would take
 * from the contentless index text it never held, corrupting it. A purge deletes oldest first, so
 * this can only happen when it deleted every row.
 */
export async function settleHistoryTextWatermark(db: QueryExecutorProvider): Promise<void> {
  await sql`update history_text_state set indexed_to = (select coalesce(max(rowid), 0) from history)
    where id = 1 and indexed_to > (select coalesce(max(rowid), 0) from history)`.execute(db);
}

export async function dropHistoryTextTriggers(db: QueryExecutorProvider): Promise<void> {
  // 0011's first layout had these too; none exists now.
  for (const trigger of [...historyTextTriggers, 'history_text_insert', 'history_text_update']) {
    await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  }
}

/**
 * Moves the watermark over up to `limit` rows past it: indexes the answered ones and queues the
 * pending ones, in one statement each. Answers how many rows it indexed and whether rows are left.
 */
async function indexTail(
  db: QueryExecutorProvider,
  limit: number,
): Promise<{ indexed: number; more: boolean }> {
  const state = await sql<{ from: number; upTo: number | null; n: number }>`
    select s.indexed_to as "from", max(t.rowid) as "upTo", count(t.rowid) as n from history_text_state s
    left join (select rowid from history where rowid > ${sql.raw(watermark)} order by rowid limit ${limit}) t
    where s.id = 1`.execute(db);
  const row = state.rows[0];
  if (row === undefined || row.upTo === null) return { indexed: 0, more: false };
  const from = Number(row.from);
  const upTo = Number(row.upTo);
  const res = await sql`insert into history_text(rowid, text)
    select rowid, ${sql.raw(rowText(''))} from history
    where rowid > ${from} and rowid <= ${upTo} and ${sql.raw(indexed(''))}`.execute(db);
  await sql`insert or ignore into history_text_queue(rowid)
    select rowid from history where outcome in ('pending', 'unknown') and rowid > ${from} and rowid <= ${upTo}`.execute(
    db,
  );
  await sql`update history_text_state set indexed_to = ${upTo} where id = 1`.execute(db);
  return { indexed: Number(res.numAffectedRows ?? 0n), more: Number(row.n) >= limit };
}

/** Most rows one drain indexes past the watermark: bounds the commit it runs in. */
const drainLimit = 5_000;

/**
 * Indexes the queued rows that have been answered since, and moves the watermark over the rows
 * written since the last drain (at most 5,000).
 * The call recorder runs it in a group commit's transaction every few hundred answers (or second).
 * Answers how many rows it indexed.
 */
export async function drainHistoryText(db: QueryExecutorProvider): Promise<number> {
  let n = 0;
  const queued = await sql<{ n: number }>`select count(*) as n from history_text_queue`.execute(db);
  if (Number(queued.rows[0]?.n ?? 0) > 0) {
    // Driven by the queue (a few rows), each looked up by rowid: never a walk of the history.
    const ready = `select rowid from history where rowid in (select rowid from history_text_queue) and ${indexed('')}`;
    const res = await sql
      .raw(`insert into history_text(rowid, text)
        select rowid, ${rowText('')} from history where rowid in (${ready})`)
      .execute(db);
    n += Number(res.numAffectedRows ?? 0n);
    await sql.raw(`delete from history_text_queue where rowid in (${ready})`).execute(db);
  }
  return n + (await indexTail(db, drainLimit)).indexed;
}

/**
 * Indexes every row past the watermark in batches of rowids, reporting each batch to `log`, then
 * merges the index's segments into one. The migration's build for an existing history and the
 * benchmarks' seeding share it. Answers how many rows it indexed.
 */
export async function indexHistoryText(
  db: QueryExecutorProvider,
  opts: { log?: IndexLog } = {},
): Promise<number> {
  const log = opts.log ?? (() => {});
  const total = Number(
    (
      await sql<{ n: number }>`select count(*) as n from history where rowid > ${sql.raw(watermark)}`.execute(
        db,
      )
    ).rows[0]?.n ?? 0,
  );
  if (total === 0) return 0;
  log('indexing the history for search', { rows: total });
  const started = Date.now();
  let done = 0;
  let indexed = 0;
  for (;;) {
    const batch = await indexTail(db, buildBatch);
    indexed += batch.indexed;
    done = Math.min(total, done + buildBatch);
    if (!batch.more) done = total;
    log('indexing the history for search', {
      indexed: done,
      rows: total,
      percent: Math.round((done / total) * 100),
    });
    if (!batch.more) break;
  }
  await sql`insert into history_text(history_text) values ('optimize')`.execute(db);
  log('history search index built', { rows: indexed, ms: Date.now() - started });
  return indexed;
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
