import { sql } from 'kysely';
import type { Database } from './open';

/**
 * Sliding one-window logs shared by every replica on one PostgreSQL (migration 0010, decision 039):
 * the sign-in throttle's failure counts. Each call is one round trip to `console_window`, which works
 * under the key's row lock with the database's clock, so replicas agree on the count and on the time
 * whatever their own clocks say.
 */
export type WindowMode = 'peek' | 'add';

export interface WindowStore {
  /**
   * `peek`: answers 0 when fewer than `limit` are in the last `spanMs`, else the ms until that is so.
   * `add`: records one whatever the count, and answers 0.
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

/**
 * The rate limit's places shared by every replica on one PostgreSQL (migration 0010, decision 039),
 * with the in-process limiter's reserve / stamp / release contract (decision 026), by the database's
 * clock.
 */
export interface RateSlotStore {
  /**
   * Reserves a place when stamped and reserved places of `key` are fewer than `limit`; answers its id,
   * else the ms until one would be free; and the database's time (ms) when it decided. An unsettled
   * reservation counts for `holdMs`.
   */
  reserve(
    key: string,
    limit: number,
    spanMs: number,
    holdMs: number,
  ): Promise<({ slot: string; waitMs: 0 } | { slot: null; waitMs: number }) & { dbNowMs: number }>;
  /**
   * The call went out at `untilMs - window` (database time): the place counts until `untilMs`. A place
   * whose hold ran out meanwhile is recorded again, as stamped (the call went out all the same).
   */
  stamp(slot: string, key: string, untilMs: number): Promise<void>;
  /** Nothing was sent: the place is free at once. */
  release(slot: string): Promise<void>;
  /** Removes places whose time is up (reservations prune their own key; this catches idle keys). */
  prune(): Promise<number>;
}

export function createRateSlotStore(db: Database): RateSlotStore {
  if (db.dialect !== 'postgres') {
    throw new Error('shared rate slots live in PostgreSQL; one SQLite process keeps its own in memory');
  }
  const k = db.kysely;
  return {
    async reserve(key, limit, spanMs, holdMs) {
      const { rows } = await sql<{ slot: string | null; wait_ms: number | null; db_now_ms: number }>`
        select slot, wait_ms, db_now_ms from console_rate_reserve(${key}, ${limit}::integer,
          ${spanMs}::double precision, ${holdMs}::double precision)`.execute(k);
      const slot = rows[0]?.slot ?? null;
      const dbNowMs = Number(rows[0]?.db_now_ms);
      if (!Number.isFinite(dbNowMs)) throw new Error('console_rate_reserve answered no time');
      if (slot !== null) return { slot: String(slot), waitMs: 0, dbNowMs };
      return { slot: null, waitMs: Math.max(1, Math.ceil(Number(rows[0]?.wait_ms ?? 1))), dbNowMs };
    },
    async stamp(slot, key, untilMs) {
      await sql`
        with stamped as (
          update console_rate_slots set stamped = true, until_ms = ${untilMs}::double precision
          where id = ${slot}::bigint
          returning id
        )
        insert into console_rate_slots (key, stamped, until_ms)
        select ${key}, true, ${untilMs}::double precision
        where not exists (select 1 from stamped)`.execute(k);
    },
    async release(slot) {
      await sql`delete from console_rate_slots where id = ${slot}::bigint`.execute(k);
    },
    async prune() {
      const res = await sql`
        delete from console_rate_slots where until_ms <= extract(epoch from clock_timestamp()) * 1000`.execute(
        k,
      );
      return Number(res.numAffectedRows ?? 0);
    },
  };
}
