import { type Kysely, type Migration, sql } from 'kysely';
import { MINUTE_MS } from '../rollup-shape';

/**
 * The fold's watermark (decision 056): the send path writes a call's minute row only, and a periodic
 * fold adds the minutes below `folded_to` to the quarter-hour, hourly and daily rows. Every call
 * written before this migration was written at all four resolutions, so the watermark starts at the
 * next minute boundary: nothing below it is folded again, and a call of the current minute that
 * completes after the migration is below it, so it is written at all four at once, as before.
 */
export const migration0013StatsRollupFold: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('stats_rollup_state')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('folded_to', 'text', (c) => c.notNull())
      .execute();
    const next = new Date((Math.floor(Date.now() / MINUTE_MS) + 1) * MINUTE_MS).toISOString();
    await sql`insert into stats_rollup_state (id, folded_to) values (1, ${next})`.execute(db);
  },
};
