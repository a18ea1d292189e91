import { type Kysely, type Migration, sql } from 'kysely';

/** Told how the index of existing rows is coming along (the server's log). */
export type MigrationLog = (message: string, fields: Record<string, unknown>) => void;

/** Rows indexed per statement while the index of existing rows is built. */
const BUILD_BATCH = 20_000;

/**
 * History search at scale (issue 15, decision 031). SQLite: an FTS5 index with the trigram tokenizer
 * over command, request body, response and RequestId, external-content (the text stays in `history`
 * only), kept in step by triggers, so every write of a history row — the recorder's group commit,
 * retention's deletes, imports — updates it in the same transaction. Existing rows are indexed here,
 * in batches, with progress in the log. PostgreSQL: trigram GIN indexes (`pg_trgm`) on the lowered
 * columns the `q` search already compares.
 */
export function migration0008HistorySearch(dialect: 'sqlite' | 'postgres', log: MigrationLog): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') {
        await sql`create extension if not exists pg_trgm`.execute(db);
        for (const column of ['command', 'request_body', 'response', 'request_id']) {
          await sql`create index if not exists ${sql.id(`history_trgm_${column}`)} on history using gin (lower(${sql.ref(column)}) gin_trgm_ops)`.execute(
            db,
          );
        }
        return;
      }
      await sql`create virtual table if not exists history_search using fts5(
        command, request_body, response, request_id,
        content='history', content_rowid='rowid', tokenize='trigram'
      )`.execute(db);
      await sql`create trigger if not exists history_search_insert after insert on history begin
        insert into history_search(rowid, command, request_body, response, request_id)
        values (new.rowid, new.command, new.request_body, new.response, new.request_id);
      end`.execute(db);
      await sql`create trigger if not exists history_search_delete after delete on history begin
        insert into history_search(history_search, rowid, command, request_body, response, request_id)
        values ('delete', old.rowid, old.command, old.request_body, old.response, old.request_id);
      end`.execute(db);
      await sql`create trigger if not exists history_search_update
        after update of command, request_body, response, request_id on history begin
        insert into history_search(history_search, rowid, command, request_body, response, request_id)
        values ('delete', old.rowid, old.command, old.request_body, old.response, old.request_id);
        insert into history_search(rowid, command, request_body, response, request_id)
        values (new.rowid, new.command, new.request_body, new.response, new.request_id);
      end`.execute(db);

      // A build cut short by a stop is started again from nothing.
      await sql`insert into history_search(history_search) values ('delete-all')`.execute(db);
      const total = Number(
        (await sql<{ n: number }>`select count(*) as n from history`.execute(db)).rows[0]?.n ?? 0,
      );
      if (total === 0) return;
      log('indexing the history for search', { rows: total });
      const started = Date.now();
      let after = -1;
      let done = 0;
      for (;;) {
        const last = await sql<{ last: number | null; n: number }>`
          select max(rowid) as last, count(*) as n from
            (select rowid from history where rowid > ${after} order by rowid limit ${BUILD_BATCH})`.execute(
          db,
        );
        const row = last.rows[0];
        if (!row || row.last === null || Number(row.n) === 0) break;
        await sql`insert into history_search(rowid, command, request_body, response, request_id)
          select rowid, command, request_body, response, request_id from history
          where rowid > ${after} and rowid <= ${row.last}`.execute(db);
        after = Number(row.last);
        done += Number(row.n);
        log('indexing the history for search', {
          indexed: done,
          rows: total,
          percent: Math.round((done / total) * 100),
        });
      }
      await sql`insert into history_search(history_search) values ('optimize')`.execute(db);
      log('history search index built', { rows: done, ms: Date.now() - started });
    },
  };
}
