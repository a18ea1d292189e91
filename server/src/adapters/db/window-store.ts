import { sql } from 'kysely';
import type { Database } from './open';

/**
 * Sliding one-window logs shared by every replica on one PostgreSQL (migration 0010, decision 039):
 * the rate limit of each app and command, and the sign-in throttle's failure counts. Each call is one
 * round trip to `console_window`, which works under the key's row lock with the database's clock, so
 * replicas agree on the count and on the time whatever their own clocks say.
 */
export type WindowMode = 'take' | 'peek' | 'add';

export interface WindowStore {
  /**
   * `take`: records a call and answers 0 when fewer than `limit` are in the last `spanMs`, else the
   * ms until one would fit (recording nothing). `peek`: the same answer, recording nothing. `add`:
   * records one whatever the count, and answers 0.
   */
  window(key: string, limit: number, spanMs: number, mode: WindowMode): Promise<number>;
  /** Forgets a key's log (a correct password clears the username's failures). */
  forget(key: string): Promise<void>;
  /** Removes logs untouched for `idleMs`; answers how many. */
  prune(idleMs: number): Promise<number>;
}

export function createWindowStore(db: Database): WindowStore {
  if (db.dialect !== 'postgres') {
    throw new Error('shared windows live in PostgreSQL; one SQLite process keeps its own in memory');
  }
  const k = db.kysely;
  return {
    async window(key, limit, spanMs, mode) {
      const { rows } = await sql<{ wait: number }>`
        select console_window(${key}, ${limit}::integer, ${spanMs}::double precision, ${mode}) as wait`.execute(
        k,
      );
      const wait = Number(rows[0]?.wait ?? 0);
      return wait <= 0 ? 0 : Math.ceil(wait);
    },
    async forget(key) {
      await sql`delete from console_windows where key = ${key}`.execute(k);
    },
    async prune(idleMs) {
      const res = await sql`
        delete from console_windows
        where touched_ms < extract(epoch from clock_timestamp()) * 1000 - ${idleMs}::double precision`.execute(
        k,
      );
      return Number(res.numAffectedRows ?? 0);
    },
  };
}
