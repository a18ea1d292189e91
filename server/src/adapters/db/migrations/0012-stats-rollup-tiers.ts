import { type Kysely, type Migration, type RawBuilder, sql } from 'kysely';
import { latencyColumns } from '../rollup-shape';

/**
 * Quarter-hour and daily rollups beside the minute and hourly ones (decision 050), built here from
 * the rollups a store already has: quarter hours from its minute rows, days from its hourly rows (a
 * day is whole UTC hours, a quarter hour whole minutes), so they count exactly what those count.
 * Rows of either resolution already there are replaced, which makes the migration safe to run again.
 *
 * On SQLite the four tables are also rebuilt `without rowid`: a row then lives in its key's b-tree,
 * so a range read walks one b-tree instead of the key's index plus a table lookup per row, and an
 * upsert writes one b-tree instead of two.
 */
export function migration0012StatsRollupTiers(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const minute = sql`cast(substr(bucket, 15, 2) as integer) / 15 * 15`;
      const quarter =
        dialect === 'sqlite'
          ? sql`substr(bucket, 1, 14) || printf('%02d', ${minute}) || ':00.000Z'`
          : sql`substr(bucket, 1, 14) || lpad(cast(${minute} as text), 2, '0') || ':00.000Z'`;
      const day = sql`substr(bucket, 1, 10) || 'T00:00:00.000Z'`;
      const tables: { name: string; dimensions: string[]; counts: string[] }[] = [
        { name: 'stats_series', dimensions: ['outcome'], counts: ['calls', ...latencyColumns] },
        { name: 'stats_commands', dimensions: ['service', 'command', 'outcome'], counts: ['calls'] },
        { name: 'stats_error_codes', dimensions: ['error_code'], counts: ['calls'] },
        { name: 'stats_operators', dimensions: ['operator', 'outcome'], counts: ['calls'] },
      ];
      if (dialect === 'sqlite') {
        for (const t of tables)
          await withoutRowid(db, t.name, ['res', 'bucket', 'environment_id', ...t.dimensions]);
      }
      const tiers: [string, string, RawBuilder<unknown>][] = [
        ['q', 'm', quarter],
        ['d', 'h', day],
      ];
      for (const t of tables) {
        const keep = ['environment_id', ...t.dimensions];
        const columns = sql.join(['res', 'bucket', ...keep, ...t.counts].map((c) => sql.ref(c)));
        const sums = sql.join(t.counts.map((c) => sql`sum(${sql.ref(c)})`));
        const keys = sql.join(keep.map((c) => sql.ref(c)));
        for (const [res, from, bucket] of tiers) {
          await sql`delete from ${sql.table(t.name)} where res = ${sql.lit(res)}`.execute(db);
          await sql`insert into ${sql.table(t.name)} (${columns})
            select ${sql.lit(res)}, ${bucket}, ${keys}, ${sums}
            from ${sql.table(t.name)} where res = ${sql.lit(from)}
            group by ${bucket}, ${keys}`.execute(db);
        }
      }
    },
  };
}

const integerColumns = new Set(['error_code', 'calls', ...latencyColumns]);

/** Rebuilds a rollup table as `without rowid`, same columns, key and rows (SQLite only). */
async function withoutRowid(db: Kysely<unknown>, table: string, key: string[]): Promise<void> {
  const info = await sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`.execute(
    db,
  );
  const columns = info.rows.map((r) => r.name);
  const definitions = columns.map((c) =>
    integerColumns.has(c)
      ? sql`${sql.ref(c)} integer not null${c === 'calls' || c === 'error_code' ? sql`` : sql` default 0`}`
      : sql`${sql.ref(c)} text not null`,
  );
  const next = `${table}_next`;
  await sql`drop table if exists ${sql.table(next)}`.execute(db);
  await sql`create table ${sql.table(next)} (${sql.join(definitions)},
    constraint ${sql.ref(`${table}_pk`)} primary key (${sql.join(key.map((c) => sql.ref(c)))})) without rowid`.execute(
    db,
  );
  await sql`insert into ${sql.table(next)} select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}`.execute(
    db,
  );
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(next)} rename to ${sql.table(table)}`.execute(db);
}
