import { type Kysely, type Migration, sql } from 'kysely';
import {
  createHistoryTextTable,
  createHistoryTextTriggers,
  type IndexLog,
  indexHistoryText,
} from '../history-text-index';

/**
 * The history search index, fixed forward (issue 15, decision 043). 0008's index (external content,
 * positions, every pending row indexed then re-indexed with its answer) cost about 1.8 ms of store
 * work per call. SQLite: its triggers and table go, and a contentless trigram index of rowids only
 * (`history_text`) takes their place, indexing a row once, when it is no longer pending; existing rows
 * are indexed here, in batches, with progress in the log. PostgreSQL keeps 0008's `pg_trgm` GIN
 * indexes (the `q` search there is unchanged), so nothing happens there.
 */
export function migration0011HistoryTextIndex(dialect: 'sqlite' | 'postgres', log: IndexLog): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') return;
      for (const trigger of ['history_search_insert', 'history_search_delete', 'history_search_update']) {
        await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
      }
      await sql`drop table if exists history_search`.execute(db);
      await createHistoryTextTable(db);
      await createHistoryTextTriggers(db);
      await indexHistoryText(db, { log });
    },
  };
}
