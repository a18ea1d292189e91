import { type Kysely, type Migration, sql } from 'kysely';
import { latencyColumns } from '../rollup-shape';

/**
 * The rollup fold (decision 056): the send path adds each call to `stats_recent` only, one row per
 * minute and every key of the four rollup tables (one upsert, one hot leaf per group commit), and a
 * periodic fold moves its rows of past minutes to the four tables at all four resolutions. Every
 * call is counted in exactly one of the two places, so the rows already in the four tables stay
 * as they are.
 */
export function migration0013StatsRollupFold(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
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
