import { type Kysely, type Migration, sql } from 'kysely';
import { latencyColumns, MINUTE_MS } from '../rollup-shape';

/**
 * The rollup fold (decision 056). The send path writes the minutes at and after a watermark to
 * `stats_recent` only, one row per minute and every key of the four rollup tables (one upsert, one
 * hot leaf per group commit); a periodic fold moves the minutes the watermark passes to the four
 * tables at all four resolutions.
 *
 * Every call written before this migration went to the four tables at all four resolutions, so the
 * watermark starts at the next minute boundary: nothing below it is folded again, and a call of the
 * current minute that completes after the migration is below it, so it is written as before.
 */
export function migration0013StatsRollupFold(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`create table if not exists stats_rollup_state (
        id integer primary key,
        folded_to text not null
      )`.execute(db);
      const next = new Date((Math.floor(Date.now() / MINUTE_MS) + 1) * MINUTE_MS).toISOString();
      await sql`insert into stats_rollup_state (id, folded_to) values (1, ${next})`.execute(db);
      const histogram = sql.join(latencyColumns.map((c) => sql`${sql.ref(c)} integer not null default 0`));
      // SQLite: the row lives in its key's b-tree (as migration 0012 made the four tables).
      const withoutRowid = dialect === 'sqlite' ? sql` without rowid` : sql``;
      await sql`create table if not exists stats_recent (
        bucket text not null,
        environment_id text not null,
        service text not null,
        command text not null,
        operator text not null,
        outcome text not null,
        error_code integer not null,
        calls integer not null,
        ${histogram},
        constraint stats_recent_pk primary key
          (bucket, environment_id, service, command, operator, outcome, error_code)
      )${withoutRowid}`.execute(db);
    },
  };
}
