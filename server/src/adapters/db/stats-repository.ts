import type { HistoryEntry } from '@console/shared/api';
import { CompiledQuery, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from './open';
import { ReaderUnavailableError } from './reader';
import {
  bucketOf,
  latencyBucket,
  latencyColumns,
  MINUTE_MS,
  type Resolution,
  type RollupOutcome,
  resolutionMs,
  resolutions,
  rollupOutcomes,
} from './rollup-shape';
import type { DB } from './schema';
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

/** A rollup table: its key columns and the counts an upsert adds. */
interface RollupTable {
  name: 'stats_series' | 'stats_commands' | 'stats_error_codes' | 'stats_operators' | 'stats_recent';
  key: readonly string[];
  counts: readonly string[];
}

const rollupTables = {
  series: {
    name: 'stats_series',
    key: ['res', 'bucket', 'environment_id', 'outcome'],
    counts: ['calls', ...latencyColumns],
  },
  commands: {
    name: 'stats_commands',
    key: ['res', 'bucket', 'environment_id', 'service', 'command', 'outcome'],
    counts: ['calls'],
  },
  errorCodes: {
    name: 'stats_error_codes',
    key: ['res', 'bucket', 'environment_id', 'error_code'],
    counts: ['calls'],
  },
  operators: {
    name: 'stats_operators',
    key: ['res', 'bucket', 'environment_id', 'operator', 'outcome'],
    counts: ['calls'],
  },
} as const satisfies Record<string, RollupTable>;

/**
 * The calls the fold has not yet moved to the four tables (decision 056): one row per minute and
 * every key of those tables at once, so a group commit upserts one row per key in one table (one
 * hot leaf) instead of rows at four resolutions in four tables (sixteen). `error_code` is -1 unless
 * the call failed with a code (a key column cannot be null on PostgreSQL).
 */
const recentTable = {
  name: 'stats_recent',
  key: ['bucket', 'environment_id', 'service', 'command', 'operator', 'outcome', 'error_code'],
  counts: ['calls', ...latencyColumns],
} as const satisfies RollupTable;

/** `stats_recent.error_code` of a call without one. */
export const NO_ERROR_CODE = -1;

const integerColumns = new Set(['error_code', 'calls', ...latencyColumns]);

/**
 * One upsert per table for all of a batch's rows: they travel as one JSON array of arrays (column
 * order), so the SQL text is the same whatever the batch's size and the statement cache holds one
 * per table (decision 051). Duplicate keys never reach one statement (PostgreSQL refuses to update a
 * row twice in one): the caller sums them first.
 */
function upsertSql(table: RollupTable, dialect: Database['dialect']): string {
  const columns = [...table.key, ...table.counts];
  const values = columns.map((c, i) =>
    dialect === 'sqlite'
      ? `value ->> ${i}`
      : integerColumns.has(c)
        ? `(value ->> ${i})::integer`
        : `value ->> ${i}`,
  );
  // SQLite needs the `where true` to tell the upsert's `on conflict` from a join's `on`.
  const from = dialect === 'sqlite' ? 'json_each(?) where true' : 'json_array_elements($1::json)';
  const set = table.counts.map((c) => `${c} = ${table.name}.${c} + excluded.${c}`).join(', ');
  return `insert into ${table.name} (${columns.join(', ')}) select ${values.join(', ')} from ${from} on conflict (${table.key.join(', ')}) do update set ${set}`;
}

/** The same upsert for one row, its values bound as parameters (SQLite, small batches). */
function upsertRowSql(table: RollupTable): string {
  const columns = [...table.key, ...table.counts];
  const set = table.counts.map((c) => `${c} = ${table.name}.${c} + excluded.${c}`).join(', ');
  return `insert into ${table.name} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) on conflict (${table.key.join(', ')}) do update set ${set}`;
}

const allTables: readonly RollupTable[] = [...Object.values(rollupTables), recentTable];
const upserts = {
  sqlite: new Map(allTables.map((t) => [t.name, upsertSql(t, 'sqlite')])),
  postgres: new Map(allTables.map((t) => [t.name, upsertSql(t, 'postgres')])),
};
const rowUpserts = new Map(allTables.map((t) => [t.name, upsertRowSql(t)]));

/**
 * Up to this many rows a SQLite upsert binds each row's values instead of reading a JSON array: a
 * group commit's few `stats_recent` rows then cost no JSON parsing (`value ->> i` parses the row
 * once per column). There are no round trips to save on SQLite; PostgreSQL always takes the array.
 */
const rowsBoundOneByOne = 8;

type RollupRow = (string | number)[];

/**
 * Rows to add to the rollups, summed per key in memory: what one group commit's calls add, or what
 * one fold adds. `statements` then gives one upsert per table, whatever the number of rows, each
 * carrying one row per distinct key (on SQLite, up to `rowsBoundOneByOne` rows, one upsert per row).
 * Rows are sorted by key, so two replicas writing the same buckets on PostgreSQL lock them in the
 * same order and never deadlock.
 */
class RollupRows {
  /** Per table, made on its first row: a group commit's rows go to `stats_recent` alone. */
  private readonly rows = new Map<RollupTable['name'], Map<string, RollupRow>>();

  /** Adds `counts` (the table's count columns, in order) to the row of `key` (its key columns). */
  add(table: RollupTable, key: RollupRow, counts: readonly number[]): void {
    let byKey = this.rows.get(table.name);
    if (byKey === undefined) {
      byKey = new Map();
      this.rows.set(table.name, byKey);
    }
    const id = key.join('\u0000');
    const row = byKey.get(id);
    if (row === undefined) {
      byKey.set(id, key.concat(counts));
      return;
    }
    const at = table.key.length;
    for (let i = 0; i < counts.length; i++) row[at + i] = Number(row[at + i]) + (counts[i] ?? 0);
  }

  statements(dialect: Database['dialect']): CompiledQuery[] {
    const out: CompiledQuery[] = [];
    // Tables in one fixed order, and rows by key within each (no deadlock between replicas).
    for (const { name } of allTables) {
      const byKey = this.rows.get(name);
      if (byKey === undefined) continue;
      const sorted =
        byKey.size === 1
          ? [...byKey.values()]
          : [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
      if (dialect === 'sqlite' && sorted.length <= rowsBoundOneByOne) {
        for (const row of sorted) out.push(CompiledQuery.raw(rowUpserts.get(name) ?? '', row));
        continue;
      }
      out.push(CompiledQuery.raw(upserts[dialect].get(name) ?? '', [JSON.stringify(sorted)]));
    }
    return out;
  }
}

/** Calls that share a minute and every key: one call, or a `stats_recent` row. */
interface CallsAlike {
  environmentId: string;
  service: string;
  command: string;
  operator: string;
  outcome: string;
  /** NO_ERROR_CODE unless they failed with a code. */
  errorCode: number;
  /** `calls` and the latency histogram, `stats_recent`'s counts in order. */
  counts: readonly number[];
}

/** Adds calls alike of minute `minute` to the four tables at every resolution. */
function addAtEveryResolution(rows: RollupRows, minute: string, c: CallsAlike): void {
  const calls = [c.counts[0] ?? 0];
  for (const res of resolutions) {
    const head = [res, res === 'm' ? minute : bucketOf(minute, res), c.environmentId];
    rows.add(rollupTables.series, [...head, c.outcome], c.counts);
    rows.add(rollupTables.commands, [...head, c.service, c.command, c.outcome], calls);
    rows.add(rollupTables.operators, [...head, c.operator, c.outcome], calls);
    if (c.errorCode !== NO_ERROR_CODE) rows.add(rollupTables.errorCodes, [...head, c.errorCode], calls);
  }
}

/**
 * The statements that add a batch of calls to the rollups: one upsert into `stats_recent`, one row
 * per minute and key, whatever the batch (decision 056); the fold moves them to the four tables
 * later. The recorder runs it in the transaction that writes the batch's history rows (decision 032).
 */
export function rollupStatements(facts: readonly CallFact[], dialect: Database['dialect']): CompiledQuery[] {
  const rows = new RollupRows();
  for (const f of facts) {
    const counts = new Array<number>(1 + latencyColumns.length).fill(0);
    counts[0] = 1;
    if (f.durationMs !== null && f.outcome !== 'limited') counts[1 + latencyBucket(f.durationMs)] = 1;
    const errorCode = f.outcome === 'fail' && f.errorCode !== null ? f.errorCode : NO_ERROR_CODE;
    rows.add(
      recentTable,
      [bucketOf(f.at, 'm'), f.environmentId, f.service, f.command, f.operator, f.outcome, errorCode],
      counts,
    );
  }
  return rows.statements(dialect);
}

/** How far behind the clock the fold stays: the minutes still being written stay in `stats_recent`. */
export const FOLD_LAG_MS = 2 * MINUTE_MS;

/** A part of a time range read at one resolution: `[from, to)` as stored times. */
export interface Segment {
  res: Resolution;
  from: string;
  to: string;
}

/**
 * Splits a minute-aligned range `[fromMs, toMs)` into runs of whole buckets, coarsest first: the
 * whole days inside it, then on each side the whole hours up to them, the whole quarter hours up to
 * those and the minutes left over. At most 7 segments and 14 + 3 + 23 + days + 23 + 3 + 14 buckets
 * per key. `coarsest` caps the resolution (a series point narrower than a day needs no daily rows).
 */
export function segmentsOf(fromMs: number, toMs: number, coarsest: Resolution = 'd'): Segment[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const split = (from: number, to: number, tiers: readonly Resolution[]): Segment[] => {
    if (!(from < to)) return [];
    for (let i = tiers.length - 1; i >= 0; i--) {
      const res = tiers[i] as Resolution;
      const width = resolutionMs[res];
      const a = Math.ceil(from / width) * width;
      const b = Math.floor(to / width) * width;
      if (a < b) {
        const finer = tiers.slice(0, i);
        return [...split(from, a, finer), { res, from: iso(a), to: iso(b) }, ...split(b, to, finer)];
      }
    }
    return [];
  };
  return split(fromMs, toMs, resolutions.slice(0, resolutions.indexOf(coarsest) + 1));
}

/** A bucket's calls by outcome and their latency histogram, summed over environments unless one is named. */
export interface SeriesRow extends Record<RollupOutcome, number> {
  bucket: string;
  hist: number[];
}

/** What a dashboard answer reads: one series and three top lists over the same minute-aligned range. */
export interface StatsReadQuery {
  environmentId?: string | undefined;
  fromMs: number;
  toMs: number;
  /**
   * The widest resolution the series reads: buckets no wider than a point, so each bucket lies in
   * one point. The top lists read any resolution.
   */
  seriesCoarsest: Resolution;
}

export interface StatsRead {
  series: SeriesRow[];
  commands: { service: string; command: string; outcome: string; calls: number }[];
  errorCodes: { code: number; calls: number }[];
  operators: { operator: string; outcome: string; calls: number }[];
}

export interface StatsRepository {
  /**
   * Adds facts outside the recorder: the limiter's refusals, which have no history row. Facts added
   * in the same turn of the event loop share one transaction; resolves after its commit.
   */
  add(facts: readonly CallFact[]): Promise<void>;
  /**
   * A dashboard answer's four reads, summed over environments unless one is named. On SQLite they go
   * to the reader's thread in one message and read one snapshot there (decision 050); on PostgreSQL
   * they run side by side on the pool.
   */
  read(query: StatsReadQuery): Promise<StatsRead>;
  /** The oldest history row's time, where retention by count cut the history. */
  oldestHistoryAt(): Promise<string | undefined>;
  /**
   * Retention: drops each resolution's rows of buckets that start before `before`'s bucket, after
   * folding the minutes before it (so no later fold adds to a bucket that is gone).
   */
  prune(before: Date): Promise<number>;
  /**
   * Moves the `stats_recent` rows of the minutes before `now` less `FOLD_LAG_MS` to the four
   * tables at all four resolutions, in one transaction (decision 056). Answers how many calls it
   * moved (none for rows another replica's fold moved first).
   */
  fold(opts?: { now?: number }): Promise<number>;
}

const num = (v: unknown): number => Number(v ?? 0);
type Row = Record<string, unknown>;

/**
 * A series row of a bucket: its calls by outcome and its latency histogram, summed. The same columns
 * from the four tables' `stats_series` and from `stats_recent`, whose keys are finer.
 */
function seriesColumns(e: ExpressionBuilder<DB, 'stats_series' | 'stats_recent'>) {
  return [
    'bucket' as const,
    ...rollupOutcomes.map((o) =>
      e.fn.sum<number>(e.case().when('outcome', '=', o).then(e.ref('calls')).else(0).end()).as(o),
    ),
    ...latencyColumns.map((c) => e.fn.sum<number>(c as 'h0').as(c)),
  ];
}

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

  /** Rows in any of the segments (one index range each), of one environment if named. */
  function inSegments(segments: readonly Segment[], environmentId: string | undefined) {
    const any = sql.join(
      segments.map((s) => sql`(res = ${s.res} and bucket >= ${s.from} and bucket < ${s.to})`),
      sql` or `,
    );
    return environmentId === undefined
      ? sql<SqlBool>`(${any})`
      : sql<SqlBool>`(${any}) and environment_id = ${environmentId}`;
  }

  function queriesOf(q: {
    environmentId?: string | undefined;
    series: readonly Segment[];
    tops: readonly Segment[];
    /** The range read from `stats_recent`, `[from, to)` as stored times. */
    recent: { from: string; to: string };
  }) {
    const env = q.environmentId;
    const recent = q.recent;
    /** `stats_recent`'s rows in the range, of one environment if named. */
    const recentRows = () => {
      const query = kysely
        .selectFrom('stats_recent')
        .where('bucket', '>=', recent.from)
        .where('bucket', '<', recent.to);
      return env === undefined ? query : query.where('environment_id', '=', env);
    };
    const seriesArms = q.series.map((s) =>
      kysely
        .selectFrom('stats_series')
        .where(inSegments([s], env))
        .select(seriesColumns)
        .groupBy('bucket'),
    );
    // Each read is one statement, so it sees the four tables and `stats_recent` in one snapshot:
    // a fold between them would move rows from one to the other. A key may come from both arms; the
    // caller sums rows alike (decision 056).
    return {
      // One arm per segment, grouped by bucket alone: rows come in the key's order, (res, bucket, …),
      // so each arm sums as it walks the index, with no sort of the rows it reads (decision 050).
      series: [...seriesArms, recentRows().select(seriesColumns).groupBy('bucket')].reduce((all, arm) =>
        all.unionAll(arm),
      ),
      commands: kysely
        .selectFrom('stats_commands')
        .where(inSegments(q.tops, env))
        .select((eb) => ['service', 'command', 'outcome', eb.fn.sum<number>('calls').as('calls')])
        .groupBy(['service', 'command', 'outcome'])
        .unionAll(
          recentRows()
            .select((eb) => ['service', 'command', 'outcome', eb.fn.sum<number>('calls').as('calls')])
            .groupBy(['service', 'command', 'outcome']),
        ),
      errorCodes: kysely
        .selectFrom('stats_error_codes')
        .where(inSegments(q.tops, env))
        .select((eb) => ['error_code', eb.fn.sum<number>('calls').as('calls')])
        .groupBy('error_code')
        .unionAll(
          recentRows()
            .where('error_code', '<>', NO_ERROR_CODE)
            .select((eb) => ['error_code', eb.fn.sum<number>('calls').as('calls')])
            .groupBy('error_code'),
        ),
      operators: kysely
        .selectFrom('stats_operators')
        .where(inSegments(q.tops, env))
        .select((eb) => ['operator', 'outcome', eb.fn.sum<number>('calls').as('calls')])
        .groupBy(['operator', 'outcome'])
        .unionAll(
          recentRows()
            .select((eb) => ['operator', 'outcome', eb.fn.sum<number>('calls').as('calls')])
            .groupBy(['operator', 'outcome']),
        ),
    };
  }

  function parse(rows: { series: Row[]; commands: Row[]; errorCodes: Row[]; operators: Row[] }): StatsRead {
    return {
      series: rows.series.map((r) => ({
        bucket: String(r.bucket),
        ok: num(r.ok),
        fail: num(r.fail),
        error: num(r.error),
        limited: num(r.limited),
        hist: latencyColumns.map((c) => num(r[c])),
      })),
      commands: rows.commands.map((r) => ({
        service: String(r.service),
        command: String(r.command),
        outcome: String(r.outcome),
        calls: num(r.calls),
      })),
      errorCodes: rows.errorCodes.map((r) => ({ code: num(r.error_code), calls: num(r.calls) })),
      operators: rows.operators.map((r) => ({
        operator: String(r.operator),
        outcome: String(r.outcome),
        calls: num(r.calls),
      })),
    };
  }

  /**
   * Moves the `stats_recent` rows before `beforeMs` to the four tables at all four resolutions, in
   * one transaction; answers how many calls they counted. The delete takes the rows it returns: on
   * PostgreSQL a second fold at the same time waits for the first and finds them gone, and a batch
   * adding to a row being moved waits too, then inserts a new row (or the fold moves the row with
   * the batch's calls in it). So each call is moved once (decision 056).
   */
  async function foldBefore(beforeMs: number): Promise<number> {
    const before = new Date(beforeMs).toISOString();
    return kysely.transaction().execute(async (trx) => {
      const moved = await trx
        .deleteFrom('stats_recent')
        .where('bucket', '<', before)
        .returningAll()
        .execute();
      if (moved.length === 0) return 0;
      const rows = new RollupRows();
      let calls = 0;
      for (const r of moved) {
        const counts = recentTable.counts.map((c) => num((r as Record<string, unknown>)[c]));
        calls += counts[0] ?? 0;
        addAtEveryResolution(rows, String(r.bucket), {
          environmentId: r.environment_id,
          service: r.service,
          command: r.command,
          operator: r.operator,
          outcome: r.outcome,
          errorCode: num(r.error_code),
          counts,
        });
      }
      for (const q of rows.statements(db.dialect)) await trx.executeQuery(q);
      return calls;
    });
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

    async read(query) {
      // The four tables count the calls the fold has moved, `stats_recent` the others: each read
      // sums both in one statement, so it counts every call once whatever the fold moved
      // (decision 056).
      const queries = queriesOf({
        environmentId: query.environmentId,
        series: segmentsOf(query.fromMs, query.toMs, query.seriesCoarsest),
        tops: segmentsOf(query.fromMs, query.toMs),
        recent: { from: new Date(query.fromMs).toISOString(), to: new Date(query.toMs).toISOString() },
      });
      const reader = db.reader;
      if (reader !== undefined) {
        const compiled = [queries.series, queries.commands, queries.errorCodes, queries.operators].map((q) =>
          q.compile(),
        );
        try {
          const [series = [], commands = [], errorCodes = [], operators = []] = (await reader.batch(
            compiled.map((c) => ({ sql: c.sql, parameters: c.parameters })),
          )) as Row[][];
          return parse({ series, commands, errorCodes, operators });
        } catch (err) {
          // The reader's thread is gone: read here instead, slower for others but never wrong.
          if (!(err instanceof ReaderUnavailableError)) throw err;
        }
      }
      const [series, commands, errorCodes, operators] = await Promise.all([
        queries.series.execute(),
        queries.commands.execute(),
        queries.errorCodes.execute(),
        queries.operators.execute(),
      ]);
      return parse({ series, commands, errorCodes, operators } as {
        series: Row[];
        commands: Row[];
        errorCodes: Row[];
        operators: Row[];
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
      // Fold the minutes before the cut first, so the buckets the cut keeps count them.
      await foldBefore(Math.floor(ms / MINUTE_MS) * MINUTE_MS);
      let deleted = 0;
      for (const table of Object.values(rollupTables)) {
        for (const res of resolutions) {
          const width = resolutionMs[res];
          const cut = new Date(Math.floor(ms / width) * width).toISOString();
          const r = await kysely
            .deleteFrom(table.name)
            .where('res', '=', res)
            .where('bucket', '<', cut)
            .executeTakeFirst();
          deleted += Number(r.numDeletedRows);
        }
      }
      return deleted;
    },

    fold(opts = {}) {
      const now = opts.now ?? Date.now();
      return foldBefore(Math.floor((now - FOLD_LAG_MS) / MINUTE_MS) * MINUTE_MS);
    },
  };
}
