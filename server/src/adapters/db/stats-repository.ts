import type { HistoryEntry } from '@console/shared/api';
import { CompiledQuery, sql } from 'kysely';
import type { Database } from './open';
import {
  bucketOf,
  HOUR_MS,
  latencyBucket,
  latencyColumns,
  MINUTE_MS,
  type Resolution,
  type RollupOutcome,
} from './rollup-shape';
import { toStoredTime } from './time';

/** What the rollups keep of one call: a history entry, or a refusal of the console's own limiter. */
export interface CallFact {
  /** Stored time (`toStoredTime`). */
  at: string;
  environmentId: string;
  service: string;
  command: string;
  operator: string;
  outcome: RollupOutcome;
  errorCode: number | null;
  durationMs: number | null;
}

/**
 * The rollups' operator of a call made with an API token: the token, not its owner, so the dashboard
 * lists tokens apart from people. `:` is not allowed in usernames, so the key cannot be a person's.
 */
export function tokenOperatorKey(tokenId: string): string {
  return `token:${tokenId}`;
}

/** The token id of a rollup operator key, or null for a person. */
export function tokenIdOfOperatorKey(key: string): string | null {
  return key.startsWith('token:') ? key.slice('token:'.length) : null;
}

/**
 * What the rollups count of a completed call; none for `pending` (counted when it completes) or
 * `unknown` (a crash left it undecided: it may or may not have reached Tencent).
 */
export function callFactOf(entry: HistoryEntry, operator = entry.operator): CallFact | undefined {
  const { outcome } = entry;
  if (outcome !== 'ok' && outcome !== 'fail' && outcome !== 'error') return undefined;
  return {
    at: toStoredTime(entry.createdAt),
    environmentId: entry.environmentId,
    service: entry.service,
    command: entry.command,
    operator,
    outcome,
    errorCode: entry.errorCode,
    durationMs: entry.durationMs,
  };
}

const resolutions: readonly Resolution[] = ['m', 'h'];
const histogramSet = latencyColumns.map((c) => `${c} = stats_series.${c} + excluded.${c}`).join(', ');
const seriesUpsert = `insert into stats_series (res, bucket, environment_id, outcome, calls, ${latencyColumns.join(', ')}) values (${Array(
  5 + latencyColumns.length,
)
  .fill('?')
  .join(
    ', ',
  )}) on conflict (res, bucket, environment_id, outcome) do update set calls = stats_series.calls + excluded.calls, ${histogramSet}`;
const commandsUpsert =
  'insert into stats_commands (res, bucket, environment_id, service, command, outcome, calls) values (?, ?, ?, ?, ?, ?, ?) on conflict (res, bucket, environment_id, service, command, outcome) do update set calls = stats_commands.calls + excluded.calls';
const errorCodesUpsert =
  'insert into stats_error_codes (res, bucket, environment_id, error_code, calls) values (?, ?, ?, ?, ?) on conflict (res, bucket, environment_id, error_code) do update set calls = stats_error_codes.calls + excluded.calls';
const operatorsUpsert =
  'insert into stats_operators (res, bucket, environment_id, operator, outcome, calls) values (?, ?, ?, ?, ?, ?) on conflict (res, bucket, environment_id, operator, outcome) do update set calls = stats_operators.calls + excluded.calls';

/** The placeholders above are SQLite's and PostgreSQL's alike only after numbering for PostgreSQL. */
function forDialect(text: string, dialect: Database['dialect']): string {
  if (dialect === 'sqlite') return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/**
 * The statements that add a batch of calls to the rollups, one upsert per distinct row: calls of a
 * batch that share a minute, environment and command cost one statement, not one each. The recorder
 * runs them in the transaction that writes the batch's history rows (decision 032).
 */
export function rollupStatements(facts: readonly CallFact[], dialect: Database['dialect']): CompiledQuery[] {
  const series = new Map<string, { key: unknown[]; calls: number; hist: number[] }>();
  const counts = new Map<string, { sql: string; key: unknown[]; calls: number }>();
  const count = (sql: string, key: unknown[]) => {
    const id = `${sql.length}\u0000${key.join('\u0000')}`;
    const row = counts.get(id);
    if (row) row.calls += 1;
    else counts.set(id, { sql, key, calls: 1 });
  };
  for (const f of facts) {
    for (const res of resolutions) {
      const bucket = bucketOf(f.at, res);
      const sKey = [res, bucket, f.environmentId, f.outcome];
      const sId = sKey.join('\u0000');
      let s = series.get(sId);
      if (!s) {
        s = { key: sKey, calls: 0, hist: latencyColumns.map(() => 0) };
        series.set(sId, s);
      }
      s.calls += 1;
      if (f.durationMs !== null && f.outcome !== 'limited') {
        const i = latencyBucket(f.durationMs);
        s.hist[i] = (s.hist[i] ?? 0) + 1;
      }
      count(commandsUpsert, [res, bucket, f.environmentId, f.service, f.command, f.outcome]);
      count(operatorsUpsert, [res, bucket, f.environmentId, f.operator, f.outcome]);
      if (f.outcome === 'fail' && f.errorCode !== null) {
        count(errorCodesUpsert, [res, bucket, f.environmentId, f.errorCode]);
      }
    }
  }
  const out: CompiledQuery[] = [];
  const seriesSql = forDialect(seriesUpsert, dialect);
  for (const s of series.values()) out.push(CompiledQuery.raw(seriesSql, [...s.key, s.calls, ...s.hist]));
  for (const c of counts.values())
    out.push(CompiledQuery.raw(forDialect(c.sql, dialect), [...c.key, c.calls]));
  return out;
}

/** A part of a time range read at one resolution: `[from, to)` as stored times. */
export interface Segment {
  res: Resolution;
  from: string;
  to: string;
}

/**
 * Splits a minute-aligned range into its whole UTC hours (hourly rows) and the minutes around them,
 * so a read touches O(hours + 120) rows per key instead of O(minutes).
 */
export function segmentsOf(fromMs: number, toMs: number, coarse = true): Segment[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const hourFrom = Math.ceil(fromMs / HOUR_MS) * HOUR_MS;
  const hourTo = Math.floor(toMs / HOUR_MS) * HOUR_MS;
  if (!coarse || hourFrom >= hourTo)
    return fromMs < toMs ? [{ res: 'm', from: iso(fromMs), to: iso(toMs) }] : [];
  const out: Segment[] = [];
  if (fromMs < hourFrom) out.push({ res: 'm', from: iso(fromMs), to: iso(hourFrom) });
  out.push({ res: 'h', from: iso(hourFrom), to: iso(hourTo) });
  if (hourTo < toMs) out.push({ res: 'm', from: iso(hourTo), to: iso(toMs) });
  return out;
}

export interface SeriesRow {
  bucket: string;
  outcome: string;
  calls: number;
  hist: number[];
}

export interface StatsRepository {
  /**
   * Adds facts outside the recorder: the limiter's refusals, which have no history row. Facts added
   * in the same turn of the event loop share one transaction; resolves after its commit.
   */
  add(facts: readonly CallFact[]): Promise<void>;
  /**
   * Per bucket and outcome, summed over environments unless one is named. With `stepMinutes` (a
   * divisor of 60 above 1), minute rows are summed into buckets of that width by the database, so a
   * 24 h series returns 96 × 3 rows rather than 1,440 × 3 with their histograms.
   */
  series(segments: readonly Segment[], environmentId?: string, stepMinutes?: number): Promise<SeriesRow[]>;
  commands(
    segments: readonly Segment[],
    environmentId?: string,
  ): Promise<{ service: string; command: string; outcome: string; calls: number }[]>;
  errorCodes(
    segments: readonly Segment[],
    environmentId?: string,
  ): Promise<{ code: number; calls: number }[]>;
  operators(
    segments: readonly Segment[],
    environmentId?: string,
  ): Promise<{ operator: string; outcome: string; calls: number }[]>;
  /** The oldest history row's time, where retention by count cut the history. */
  oldestHistoryAt(): Promise<string | undefined>;
  /** Retention: drops minute rows before `before`'s minute and hourly rows before its hour. */
  prune(before: Date): Promise<number>;
}

const num = (v: unknown): number => Number(v ?? 0);

export function createStatsRepository(db: Database): StatsRepository {
  const { kysely } = db;

  // A burst of refusals is one transaction, not one each: the same group commit as the recorder's.
  const queued: { facts: readonly CallFact[]; resolve(): void; reject(err: unknown): void }[] = [];
  let busy = false;
  async function flush(): Promise<void> {
    try {
      while (queued.length > 0) {
        const batch = queued.splice(0, queued.length);
        try {
          const statements = rollupStatements(
            batch.flatMap((b) => b.facts),
            db.dialect,
          );
          await kysely.transaction().execute(async (trx) => {
            for (const q of statements) await trx.executeQuery(q);
          });
          for (const b of batch) b.resolve();
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      busy = false;
    }
  }

  async function perSegment<T>(
    segments: readonly Segment[],
    read: (s: Segment) => Promise<T[]>,
  ): Promise<T[]> {
    const out: T[] = [];
    for (const s of segments) out.push(...(await read(s)));
    return out;
  }

  return {
    add(facts) {
      return new Promise<void>((resolve, reject) => {
        queued.push({ facts, resolve, reject });
        if (busy) return;
        busy = true;
        setImmediate(() => void flush());
      });
    },

    async series(segments, environmentId, stepMinutes) {
      const wide = stepMinutes !== undefined && stepMinutes > 1 && 60 % stepMinutes === 0;
      return perSegment(segments, async (s) => {
        if (wide && s.res === 'm') {
          // `YYYY-MM-DDTHH:` and the minute floored to the step, from the stored ISO text.
          const hour = sql<string>`substr(bucket, 1, 14)`;
          const minute = sql<number>`(cast(substr(bucket, 15, 2) as integer) / ${sql.lit(stepMinutes)}) * ${sql.lit(stepMinutes)}`;
          let q = kysely
            .selectFrom('stats_series')
            .select((eb) => [
              hour.as('hour'),
              minute.as('minute'),
              'outcome',
              eb.fn.sum<number>('calls').as('calls'),
              ...latencyColumns.map((c) => eb.fn.sum<number>(c as 'h0').as(c)),
            ])
            .where('res', '=', s.res)
            .where('bucket', '>=', s.from)
            .where('bucket', '<', s.to);
          if (environmentId !== undefined) q = q.where('environment_id', '=', environmentId);
          const rows = await q.groupBy([hour, minute, 'outcome']).execute();
          return rows.map((r) => {
            const row = r as Record<string, unknown>;
            return {
              bucket: `${String(row.hour)}${String(num(row.minute)).padStart(2, '0')}:00.000Z`,
              outcome: String(row.outcome),
              calls: num(row.calls),
              hist: latencyColumns.map((c) => num(row[c])),
            };
          });
        }
        let q = kysely
          .selectFrom('stats_series')
          .select((eb) => [
            'bucket',
            'outcome',
            eb.fn.sum<number>('calls').as('calls'),
            ...latencyColumns.map((c) => eb.fn.sum<number>(c as 'h0').as(c)),
          ])
          .where('res', '=', s.res)
          .where('bucket', '>=', s.from)
          .where('bucket', '<', s.to);
        if (environmentId !== undefined) q = q.where('environment_id', '=', environmentId);
        const rows = await q.groupBy(['bucket', 'outcome']).execute();
        return rows.map((r) => {
          const row = r as Record<string, unknown>;
          return {
            bucket: String(row.bucket),
            outcome: String(row.outcome),
            calls: num(row.calls),
            hist: latencyColumns.map((c) => num(row[c])),
          };
        });
      });
    },

    async commands(segments, environmentId) {
      return perSegment(segments, async (s) => {
        let q = kysely
          .selectFrom('stats_commands')
          .select((eb) => ['service', 'command', 'outcome', eb.fn.sum<number>('calls').as('calls')])
          .where('res', '=', s.res)
          .where('bucket', '>=', s.from)
          .where('bucket', '<', s.to);
        if (environmentId !== undefined) q = q.where('environment_id', '=', environmentId);
        const rows = await q.groupBy(['service', 'command', 'outcome']).execute();
        return rows.map((r) => ({ ...r, calls: num(r.calls) }));
      });
    },

    async errorCodes(segments, environmentId) {
      return perSegment(segments, async (s) => {
        let q = kysely
          .selectFrom('stats_error_codes')
          .select((eb) => ['error_code', eb.fn.sum<number>('calls').as('calls')])
          .where('res', '=', s.res)
          .where('bucket', '>=', s.from)
          .where('bucket', '<', s.to);
        if (environmentId !== undefined) q = q.where('environment_id', '=', environmentId);
        const rows = await q.groupBy('error_code').execute();
        return rows.map((r) => ({ code: num(r.error_code), calls: num(r.calls) }));
      });
    },

    async operators(segments, environmentId) {
      return perSegment(segments, async (s) => {
        let q = kysely
          .selectFrom('stats_operators')
          .select((eb) => ['operator', 'outcome', eb.fn.sum<number>('calls').as('calls')])
          .where('res', '=', s.res)
          .where('bucket', '>=', s.from)
          .where('bucket', '<', s.to);
        if (environmentId !== undefined) q = q.where('environment_id', '=', environmentId);
        const rows = await q.groupBy(['operator', 'outcome']).execute();
        return rows.map((r) => ({ ...r, calls: num(r.calls) }));
      });
    },

    async oldestHistoryAt() {
      const row = await kysely
        .selectFrom('history')
        .select('created_at')
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return row?.created_at;
    },

    async prune(before) {
      const ms = before.getTime();
      const cut: Record<Resolution, string> = {
        m: new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS).toISOString(),
        h: new Date(Math.floor(ms / HOUR_MS) * HOUR_MS).toISOString(),
      };
      let deleted = 0;
      for (const table of [
        'stats_series',
        'stats_commands',
        'stats_error_codes',
        'stats_operators',
      ] as const) {
        for (const res of resolutions) {
          const r = await kysely
            .deleteFrom(table)
            .where('res', '=', res)
            .where('bucket', '<', cut[res])
            .executeTakeFirst();
          deleted += Number(r.numDeletedRows);
        }
      }
      return deleted;
    },
  };
}
