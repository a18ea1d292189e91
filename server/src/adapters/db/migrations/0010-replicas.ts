import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

/**
 * Replicas on one PostgreSQL (issue 17, decision 039). `console_windows` holds, per key, the times
 * (ms, by the database's clock) at which calls were admitted in the last window; the function
 * `console_window(key, limit, span_ms, mode)` reads, prunes and appends under the row's lock in one
 * round trip, so replicas share each command's budget exactly. The same sliding log counts failed
 * sign-ins. Runs gain a lease (`lease_owner`, `lease_until`) so one replica works a run at a time.
 * SQLite serves a single process: it gets the run columns only (its limiter stays in memory).
 */
export const migration0010Replicas: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('runs').addColumn('lease_owner', 'text').execute();
    await db.schema.alterTable('runs').addColumn('lease_until', 'text').execute();
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`create table if not exists console_windows (
      key text primary key,
      times double precision[] not null default '{}',
      touched_ms double precision not null
    )`.execute(db);
    // mode: 'take' admits (and records) when under the limit; 'peek' only answers the wait;
    // 'add' records whatever the count. Answers 0, or the ms until a call would be admitted.
    await sql`create or replace function console_window(
      p_key text, p_limit integer, p_span_ms double precision, p_mode text
    ) returns double precision language plpgsql as $fn$
    declare
      now_ms double precision := extract(epoch from clock_timestamp()) * 1000;
      kept double precision[];
      n integer;
    begin
      insert into console_windows (key, touched_ms) values (p_key, now_ms) on conflict (key) do nothing;
      perform 1 from console_windows where key = p_key for update;
      -- Taken after the lock, so a replica that waited for it counts by the time it got it.
      now_ms := extract(epoch from clock_timestamp()) * 1000;
      select coalesce(array_agg(t order by t), '{}') into kept
        from console_windows, unnest(times) as t
        where key = p_key and t > now_ms - p_span_ms;
      n := coalesce(cardinality(kept), 0);
      if p_mode = 'add' or (p_mode = 'take' and n < p_limit) then
        update console_windows set times = kept || now_ms, touched_ms = now_ms where key = p_key;
        return 0;
      end if;
      update console_windows set times = kept, touched_ms = now_ms where key = p_key;
      if n < p_limit then return 0; end if;
      return greatest(1, kept[n - p_limit + 1] + p_span_ms - now_ms);
    end
    $fn$`.execute(db);
  },
};
