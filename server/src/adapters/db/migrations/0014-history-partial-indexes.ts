import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The history's indexes of columns that a call's pending row leaves empty — `request_id`,
 * `error_code`, `replay_of` (a replay's original; most calls are not replays) — hold only the rows
 * where the column is set (decision 057). A pending row then writes no page of them: 3 b-tree leaves
 * fewer per call before it is sent, and its completion moves an entry into the request-id and
 * error-code indexes instead of moving it out of a null entry as well. Every query that reads them
 * compares the column (`=`, or a range for a RequestId prefix), which both SQLite and PostgreSQL take
 * to mean "not null", so the same queries use them (open.test.ts checks the plans).
 */
const partial: [name: string, columns: string[], column: string][] = [
  ['history_request_id', ['request_id'], 'request_id'],
  ['history_error_code', ['error_code', 'created_at', 'id'], 'error_code'],
  ['history_replay_of', ['replay_of'], 'replay_of'],
];

export const migration0014HistoryPartialIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    for (const [name, columns, column] of partial) {
      await db.schema.dropIndex(name).ifExists().execute();
      await db.schema
        .createIndex(name)
        .on('history')
        .columns(columns)
        .where(sql.ref(column), 'is not', null)
        .execute();
    }
  },
};
