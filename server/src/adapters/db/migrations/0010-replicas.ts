import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

/**
 * Replicas on one PostgreSQL (issue 17, decision 039).
 * - `console_rate_slots`: the rate limit's places (decision 026's reserve / stamp / release), one row
 *   each, by the database's clock: a reserved place counts until `until_ms` (a long hold, in case its
 *   replica dies) or until it is deleted (released); a stamped one until a window after its stamp.
 *   `console_rate_reserve(key, limit, span_ms, hold_ms)` counts and reserves under the key's advisory
 *   lock in one round trip, so replicas share each command's budget exactly.
 * - `console_windows` / `console_window(key, limit, span_ms, mode)`: a sliding log per key (times in
 *   ms by the database's clock) that counts failed sign-ins across replicas.
 * - Runs gain a lease (`lease_owner`, `lease_until`) so one replica works a run at a time.
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
    // mode: 'peek' only answers the wait; 'add' records whatever the count. Answers 0, or the ms
    // until the count is under the limit.
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
      if p_mode = 'add' then
        update console_windows set times = kept || now_ms, touched_ms = now_ms where key = p_key;
        return 0;
      end if;
      update console_windows set times = kept, touched_ms = now_ms where key = p_key;
      if n < p_limit then return 0; end if;
      return greatest(1, kept[n - p_limit + 1] + p_span_ms - now_ms);
    end
    $fn$`.execute(db);
    await sql`create table if not exists console_rate_slots (
      id bigserial primary key,
      key text not null,
      stamped boolean not null default false,
      until_ms double precision not null
    )`.execute(db);
    await sql`create index if not exists console_rate_slots_key on console_rate_slots (key, until_ms)`.execute(
      db,
    );
    // Answers (slot, 0) with a reserved place, or (null, ms until one would be free), and the
    // database's time (replicas date their stamps by it, decision 039). Mirrors the
    // in-process log (services/rate-limiter.ts): stamped + reserved < limit admits; when reserved
    // places alone fill the limit, a place frees no sooner than a window after they are stamped.
    await sql`create or replace function console_rate_reserve(
      p_key text, p_limit integer, p_span_ms double precision, p_hold_ms double precision,
      out slot bigint, out wait_ms double precision, out db_now_ms double precision
    ) language plpgsql as $fn$
    declare
      now_ms double precision;
      n_stamped integer;
      n_reserved integer;
      must_leave integer;
    begin
      -- Two-key advisory locks do not meet the one-key locks of periodic jobs (advisory-lock.ts).
      perform pg_advisory_xact_lock(17, hashtext(p_key));
      -- Taken after the lock, so a replica that waited for it counts by the time it got it.
      now_ms := extract(epoch from clock_timestamp()) * 1000;
      db_now_ms := now_ms;
      delete from console_rate_slots where key = p_key and until_ms <= now_ms;
      select count(*) filter (where stamped), count(*) filter (where not stamped)
        into n_stamped, n_reserved from console_rate_slots where key = p_key;
      if n_stamped + n_reserved < p_limit then
        insert into console_rate_slots (key, stamped, until_ms) values (p_key, false, now_ms + p_hold_ms)
          returning id into slot;
        wait_ms := 0;
        return;
      end if;
      slot := null;
      must_leave := n_stamped + n_reserved - p_limit + 1;
      if must_leave > n_stamped then
        wait_ms := p_span_ms;
        return;
      end if;
      select greatest(1, s.until_ms - now_ms) into wait_ms from console_rate_slots s
        where s.key = p_key and s.stamped order by s.until_ms offset must_leave - 1 limit 1;
    end
    $fn$`.execute(db);
  },
};
