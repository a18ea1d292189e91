import { setImmediate as nextTurn } from 'node:timers/promises';

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
