import { type Kysely, type Migration, sql } from 'kysely';
import {
  createHistoryTextTable,
  createHistoryTextTriggers,
  dropHistoryTextTriggers,
} from '../history-text-index';

/**
 * For a development store that ran 0011's first layout (merged into main for an hour, never
 * released: every write queued by triggers): its triggers and stale-text table go, and the watermark
 * starts past its last row, since that layout had every row indexed or queued. A store that ran
 * 0011 as it is now already has the watermark, and nothing happens (decision 043).
 */
export function migration0011HistoryTextWatermark(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') return;
      const had = await sql<{ n: number }>`
        select count(*) as n from sqlite_master where type = 'table' and name = 'history_text_state'`.execute(
        db,
      );
      if (Number(had.rows[0]?.n ?? 0) > 0) return;
      await dropHistoryTextTriggers(db);
      await sql`drop table if exists history_text_stale`.execute(db);
      await createHistoryTextTable(db);
      await createHistoryTextTriggers(db);
      await sql`update history_text_state set indexed_to = (select coalesce(max(rowid), 0) from history)
        where id = 1`.execute(db);
    },
  };
}
