import type { HistoryEntry } from '@console/shared/api';
import { CompiledQuery, type SqlBool, sql } from 'kysely';
import type { Database } from './open';
import { ReaderUnavailableError } from './reader';
import {
  bucketOf,
  latencyBucket,
  latencyColumns,
  type Resolution,
  type RollupOutcome,
  resolutionMs,
  resolutions,
  rollupOutcomes,
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

/** A rollup table: its key columns and the counts an upsert adds. */
interface RollupTable {
  name: 'stats_series' | 'stats_commands' | 'stats_error_codes' | 'stats_operators';
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

const upserts = {
  sqlite: new Map(Object.values(rollupTables).map((t) => [t.name, upsertSql(t, 'sqlite')])),
  postgres: new Map(Object.values(rollupTables).map((t) => [t.name, upsertSql(t, 'postgres')])),
};

type RollupRow = (string | number)[];

/**
 * The statements that add a batch of calls to the rollups: at most one upsert per table, whatever the
 * batch's size, each carrying one row per distinct key (calls of a batch that share a bucket,
 * environment and command add up in memory first). The recorder runs them in the transaction that
 * writes the batch's history rows (decision 032). Rows are sorted by key, so two replicas writing
 * the same buckets on PostgreSQL lock them in the same order and never deadlock.
 */
export function rollupStatements(facts: readonly CallFact[], dialect: Database['dialect']): CompiledQuery[] {
  const rows = new Map<RollupTable['name'], Map<string, RollupRow>>(
    Object.values(rollupTables).map((t) => [t.name, new Map()]),
  );
  /** The batch's row of `key` in `table`, made with `counts` zero counts the first time; callers add to it. */
  const add = (table: RollupTable, key: RollupRow, counts: number): RollupRow => {
    const byKey = rows.get(table.name);
    const id = key.join('\u0000');
    let row = byKey?.get(id);
    if (row === undefined) {
      row = [...key, ...Array(counts).fill(0)];
      byKey?.set(id, row);
    }
    return row;
  };
  for (const f of facts) {
    for (const res of resolutions) {
      const bucket = bucketOf(f.at, res);
      const head = [res, bucket, f.environmentId];
      const s = add(rollupTables.series, [...head, f.outcome], rollupTables.series.counts.length);
      const callsAt = rollupTables.series.key.length;
      s[callsAt] = Number(s[callsAt]) + 1;
      if (f.durationMs !== null && f.outcome !== 'limited') {
        const i = callsAt + 1 + latencyBucket(f.durationMs);
        s[i] = Number(s[i]) + 1;
      }
      const bump = (table: RollupTable, key: RollupRow) => {
        const row = add(table, key, 1);
        row[table.key.length] = Number(row[table.key.length]) + 1;
      };
      bump(rollupTables.commands, [...head, f.service, f.command, f.outcome]);
      bump(rollupTables.operators, [...head, f.operator, f.outcome]);
      if (f.outcome === 'fail' && f.errorCode !== null) bump(rollupTables.errorCodes, [...head, f.errorCode]);
    }
  }
  const out: CompiledQuery[] = [];
  for (const [name, byKey] of rows) {
    if (byKey.size === 0) continue;
    const sorted = [...byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
    out.push(CompiledQuery.raw(upserts[dialect].get(name) ?? '', [JSON.stringify(sorted)]));
  }
  return out;
}

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

/** What a dashboard answer reads: one series and three top lists over the same range. */
export interface StatsReadQuery {
  environmentId?: string | undefined;
  /** The series: segments whose buckets are no wider than a point, so each bucket lies in one point. */
  series: { segments: readonly Segment[] };
  /** The top lists: the range's segments at any resolution. */
  tops: readonly Segment[];
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
  /** Retention: drops each resolution's rows of buckets that start before `before`'s bucket. */
  prune(before: Date): Promise<number>;
}

const num = (v: unknown): number => Number(v ?? 0);
type Row = Record<string, unknown>;

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

  function queriesOf(q: StatsReadQuery) {
    const env = q.environmentId;
    return {
      // One arm per segment, grouped by bucket alone: rows come in the key's order, (res, bucket, …),
      // so each arm sums as it walks the index, with no sort of the rows it reads (decision 050).
      series: q.series.segments
        .map((s) =>
          kysely
            .selectFrom('stats_series')
            .where(inSegments([s], env))
            .select((eb) => [
              'bucket',
              ...rollupOutcomes.map((o) =>
                eb.fn
                  .sum<number>(eb.case().when('outcome', '=', o).then(eb.ref('calls')).else(0).end())
                  .as(o),
              ),
              ...latencyColumns.map((c) => eb.fn.sum<number>(c as 'h0').as(c)),
            ])
            .groupBy('bucket'),
        )
        .reduce((all, arm) => all.unionAll(arm)),
      commands: kysely
        .selectFrom('stats_commands')
        .where(inSegments(q.tops, env))
        .select((eb) => ['service', 'command', 'outcome', eb.fn.sum<number>('calls').as('calls')])
        .groupBy(['service', 'command', 'outcome']),
      errorCodes: kysely
        .selectFrom('stats_error_codes')
        .where(inSegments(q.tops, env))
        .select((eb) => ['error_code', eb.fn.sum<number>('calls').as('calls')])
        .groupBy('error_code'),
      operators: kysely
        .selectFrom('stats_operators')
        .where(inSegments(q.tops, env))
        .select((eb) => ['operator', 'outcome', eb.fn.sum<number>('calls').as('calls')])
        .groupBy(['operator', 'outcome']),
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
      const queries = queriesOf(query);
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
  };
}
