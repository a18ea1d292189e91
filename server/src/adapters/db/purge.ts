import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema';
import { toStoredTime } from './time';

/**
 * Rows one purge statement deletes at most: for the history, ~20 ms of deleting on this machine
 * (10 b-trees per row), the longest the event loop waits for it.
 */
export const purgeBatchSize = 1000;

/**
 * Runs a purge a batch per statement until a batch comes back short, with a turn of the event loop
 * between batches: the first purge of a large store would otherwise hold SQLite's single writer and,
 * since better-sqlite3 is synchronous, the whole server for seconds. Awaiting a statement alone
 * yields only to microtasks, so without `setImmediate` no request would get in between batches.
 * `deleteBatch` deletes at most `limit` rows, oldest first, and answers Kysely's delete result.
 * Answers how many rows were deleted in all.
 */
export async function deleteInBatches(
  deleteBatch: (limit: number) => Promise<{ numDeletedRows: bigint }>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = Number((await deleteBatch(purgeBatchSize)).numDeletedRows);
    total += n;
    if (n < purgeBatchSize) return total;
    await nextTurn();
  }
}

/** A table kept in `(time, id)` order, which retention cuts from its oldest end. */
export type OrderedTable =
  | { table: 'history'; time: 'created_at' }
  | { table: 'callbacks'; time: 'received_at' };

/**
 * Retention of an `OrderedTable`: the rows older than `olderThan`, then all but the newest
 * `keepLatest`, oldest first, in batches (`deleteInBatches`). Answers how many rows went.
 */
export async function purgeOldest(
  kysely: Kysely<DB>,
  { table, time }: OrderedTable,
  { olderThan, keepLatest }: { olderThan?: Date | undefined; keepLatest?: number | undefined },
): Promise<number> {
  const t = sql.table(table);
  const at = sql.ref(time);
  const deleteOldest = (where: ReturnType<typeof sql>) =>
    deleteInBatches(async (limit) => {
      const res =
        await sql`delete from ${t} where id in (select id from ${t} where ${where} order by ${at}, id limit ${limit})`.execute(
          kysely,
        );
      return { numDeletedRows: res.numAffectedRows ?? 0n };
    });
  let deleted = 0;
  if (olderThan !== undefined) deleted += await deleteOldest(sql`${at} < ${toStoredTime(olderThan)}`);
  if (keepLatest !== undefined) {
    // The newest row past the kept ones: it and everything older go.
    const boundary = await sql<{
      at: string;
      id: string;
    }>`select ${at} as at, id from ${t} order by ${at} desc, id desc limit 1 offset ${Math.max(0, Math.floor(keepLatest))}`.execute(
      kysely,
    );
    const [row] = boundary.rows;
    if (row !== undefined) deleted += await deleteOldest(sql`(${at}, id) <= (${row.at}, ${row.id})`);
  }
  return deleted;
}
