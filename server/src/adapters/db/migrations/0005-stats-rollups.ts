import { type Kysely, type Migration, sql } from 'kysely';
import { latencyBoundsMs, latencyColumns } from '../rollup-shape';

/**
 * The dashboard's rollups (issue 13, decision 032): counts per resolution ('m' minute, 'h' hour),
 * bucket, environment and a dimension, written with each history row. The keys start with
 * (res, bucket) so a time range is one index range whatever the environment filter.
 * Existing history is rolled up here, in SQL, so a store that predates the dashboard shows its past.
 */
export const migration0005StatsRollups: Migration = {
  async up(db: Kysely<unknown>) {
    const series = db.schema
      .createTable('stats_series')
      .ifNotExists()
      .addColumn('res', 'text', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('environment_id', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('calls', 'integer', (c) => c.notNull());
    let withHistogram = series;
    for (const column of latencyColumns) {
      withHistogram = withHistogram.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
    }
    await withHistogram
      .addPrimaryKeyConstraint('stats_series_pk', ['res', 'bucket', 'environment_id', 'outcome'])
      .execute();

    await db.schema
      .createTable('stats_commands')
      .ifNotExists()
      .addColumn('res', 'text', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('environment_id', 'text', (c) => c.notNull())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('command', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('calls', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('stats_commands_pk', [
        'res',
        'bucket',
        'environment_id',
        'service',
        'command',
        'outcome',
      ])
      .execute();

    await db.schema
      .createTable('stats_error_codes')
      .ifNotExists()
      .addColumn('res', 'text', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('environment_id', 'text', (c) => c.notNull())
      .addColumn('error_code', 'integer', (c) => c.notNull())
      .addColumn('calls', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('stats_error_codes_pk', ['res', 'bucket', 'environment_id', 'error_code'])
      .execute();

    await db.schema
      .createTable('stats_operators')
      .ifNotExists()
      .addColumn('res', 'text', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('environment_id', 'text', (c) => c.notNull())
      .addColumn('operator', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('calls', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('stats_operators_pk', [
        'res',
        'bucket',
        'environment_id',
        'operator',
        'outcome',
      ])
      .execute();

    // Backfill. ISO times are fixed width, so a bucket is a prefix of created_at plus zeros (portable).
    const buckets = [
      ['m', sql`substr(created_at, 1, 16) || ':00.000Z'`],
      ['h', sql`substr(created_at, 1, 13) || ':00:00.000Z'`],
    ] as const;
    const histogram = latencyColumns.map((_, i) => {
      const upper = latencyBoundsMs[i];
      const lower = i === 0 ? undefined : latencyBoundsMs[i - 1];
      const cond =
        upper === undefined
          ? sql`duration_ms > ${sql.lit(lower)}`
          : lower === undefined
            ? sql`duration_ms <= ${sql.lit(upper)}`
            : sql`duration_ms > ${sql.lit(lower)} and duration_ms <= ${sql.lit(upper)}`;
      return sql`sum(case when ${cond} then 1 else 0 end)`;
    });
    const reached = sql`outcome in ('ok', 'fail', 'error')`;
    for (const [res, bucket] of buckets) {
      await sql`insert into stats_series (res, bucket, environment_id, outcome, calls, ${sql.join(
        latencyColumns.map((c) => sql.ref(c)),
      )})
        select ${sql.lit(res)}, ${bucket}, environment_id, outcome, count(*), ${sql.join(histogram)}
        from history where ${reached} group by 1, 2, 3, 4`.execute(db);
      await sql`insert into stats_commands (res, bucket, environment_id, service, command, outcome, calls)
        select ${sql.lit(res)}, ${bucket}, environment_id, service, command, outcome, count(*)
        from history where ${reached} group by 1, 2, 3, 4, 5, 6`.execute(db);
      await sql`insert into stats_error_codes (res, bucket, environment_id, error_code, calls)
        select ${sql.lit(res)}, ${bucket}, environment_id, error_code, count(*)
        from history where outcome = 'fail' and error_code is not null group by 1, 2, 3, 4`.execute(db);
      await sql`insert into stats_operators (res, bucket, environment_id, operator, outcome, calls)
        select ${sql.lit(res)}, ${bucket}, environment_id, operator, outcome, count(*)
        from history where ${reached} group by 1, 2, 3, 4, 5`.execute(db);
    }
  },
};
