import type { HistoryEntry } from '@console/shared/api';
import { CompiledQuery } from 'kysely';
import { type AuditEvent, auditRow } from './audit-repository';
import { DuplicateError, isUniqueViolation } from './errors';
import { historyResultRow, historyRow } from './history-repository';
import { drainHistoryText } from './history-text-index';
import type { Database } from './open';
import { type CallFact, callFactOf, rollupStatements } from './stats-repository';
import { toStoredTime } from './time';

/** What a recovered call's history entry says about it; its `failure` field. */
export const interruptedFailure = {
  code: 'call/interrupted',
  message:
    'The console stopped while this call was in flight, so no answer was recorded. It may or may not ' +
    'have reached Tencent and been carried out: check its effect before sending it again.',
} as const;

/** What a call's history entry says about its result: what `complete` fills in. */
export type CallResult = Pick<
  HistoryEntry,
  | 'httpStatus'
  | 'durationMs'
  | 'outcome'
  | 'actionStatus'
  | 'errorCode'
  | 'errorInfo'
  | 'requestId'
  | 'response'
  | 'errorDoc'
  | 'failure'
>;

/** The result of a call that `begin` records: none yet. */
export const pendingResult: Readonly<CallResult> = {
  httpStatus: null,
  durationMs: null,
  outcome: 'pending',
  actionStatus: null,
  errorCode: null,
  errorInfo: null,
  requestId: null,
  response: null,
  errorDoc: null,
  failure: null,
};

/** An entry as `begin` records it (tests and benchmarks; the send path builds it as a literal). */
export const pendingOf = (entry: HistoryEntry): HistoryEntry => ({ ...entry, ...pendingResult });

/** The store side of one upstream call: its history entry and the audit row that names it. */
export interface CallRecorder {
  /**
   * Writes the call's history row as `pending`, before it is sent: a crash then leaves it in the
   * history (as `unknown` after `recoverInterrupted`), never missing. `bodyText` is the JSON text
   * sent upstream, stored as is rather than made a second time.
   */
  begin(pending: HistoryEntry, bodyText: string): Promise<void>;
  /**
   * Completes a begun call with its result and appends its audit row, in one transaction with the
   * call's share of the dashboard's rollups: when this resolves, all are committed; when it throws,
   * none is. `rollupOperator` is who the rollups count the call under when not `entry.operator`
   * (an API token's key, `tokenOperatorKey`).
   */
  complete(entry: HistoryEntry, audit: AuditEvent | null, rollupOperator?: string): Promise<void>;
  /**
   * A finished call in one go (both rows, one transaction): imports, tests and benchmarks.
   * `rollupOperator` as for `complete`.
   */
  record(entry: HistoryEntry, audit: AuditEvent, rollupOperator?: string): Promise<void>;
  /**
   * Pending calls left by a process that died become `unknown`, each with an audit row saying so.
   * `startedBefore` limits it to calls begun before then (all pending calls when absent). Answers how many.
   */
  recoverInterrupted(opts?: { startedBefore?: Date }): Promise<number>;
}

export interface CallRecorderOptions {
  /** Most records one transaction writes; the rest wait for the next. Default 256. */
  maxBatch?: number;
  /**
   * Whether calls count in the dashboard's rollups (decision 032). Always on in the console; off
   * only for the benchmark's baseline of what the send path cost before the rollups.
   */
  rollups?: boolean;
  /**
   * SQLite's search index (decision 043): answered calls wait in its queue (where the q search scans
   * them) until this many have been written or the oldest has waited `searchIndexDelayMs`, then are
   * indexed together in the commit that passes either mark. Defaults 256 and 1000 ms; 1 indexes each
   * commit's answers in that commit.
   */
  searchIndexBatch?: number;
  searchIndexDelayMs?: number;
}

type Row = Record<string, unknown>;

/**
 * Kysely rebuilds and recompiles a statement's operation tree on every call although, for one set of
 * columns, the SQL text never changes. This compiles it once per column set and binds each row's
 * values in order — checked against Kysely's own parameters the first time, falling back to
 * Kysely's compilation for any shape where they differ.
 */
function cachedCompiler<T extends Row>(
  compile: (row: T) => CompiledQuery,
  extra: (row: T) => unknown[] = () => [],
) {
  const sqlByColumns = new Map<string, string>();
  return (row: T): CompiledQuery => {
    const columns = Object.keys(row).join(',');
    const values = [...Object.values(row), ...extra(row)];
    const known = sqlByColumns.get(columns);
    if (known !== undefined) return CompiledQuery.raw(known, values);
    const compiled = compile(row);
    const inOrder =
      compiled.parameters.length === values.length && compiled.parameters.every((p, i) => p === values[i]);
    if (inOrder) sqlByColumns.set(columns, compiled.sql);
    return compiled;
  };
}

/**
 * One statement of a record. `unlessChanged`: run only when the statement before it changed no row
 * (a completion whose pending row is gone inserts the whole row instead); such a statement is made
 * only when it runs.
 */
type Step =
  | { query: CompiledQuery; unlessChanged?: never }
  | { query: () => CompiledQuery; unlessChanged: true };

const queryOf = (step: Step): CompiledQuery => (typeof step.query === 'function' ? step.query() : step.query);

/** Whether a step runs, given how many rows the step before it changed. */
const runsAfter = (step: Step, changed: number): boolean => step.unlessChanged !== true || changed === 0;

interface Pending {
  id: string;
  steps: readonly Step[];
  /** Writes a call's answer, which the search index then takes (or a drain of its queue, `'drain'`). */
  answers?: boolean | 'drain';
  /** What the dashboard's rollups count of this record, written in the same transaction. */
  fact: CallFact | undefined;
  resolve(): void;
  reject(err: unknown): void;
}

/** Rows of recovered calls updated per transaction. */
const recoverBatch = 500;

export function createCallRecorder(db: Database, options: CallRecorderOptions = {}): CallRecorder {
  const maxBatch = options.maxBatch ?? 256;
  const rollups = options.rollups ?? true;
  const historyInsert = cachedCompiler((row: ReturnType<typeof historyRow>) =>
    db.kysely.insertInto('history').values(row).compile(),
  );
  const auditInsert = cachedCompiler((row: ReturnType<typeof auditRow>) =>
    db.kysely.insertInto('audit_log').values(row).compile(),
  );
  type Result = ReturnType<typeof historyResultRow>;
  // A live process may complete a call that a sweep already called `unknown`: the answer is known now.
  const resultUpdate = cachedCompiler(
    ({ id, ...set }: Result) =>
      db.kysely
        .updateTable('history')
        .set(set)
        .where('id', '=', id)
        .where('outcome', 'in', ['pending', 'unknown'])
        .compile(),
    () => ['pending', 'unknown'],
  );
  // `id` last: the compiled statement binds the SET values, then the id, then the outcomes.
  const updateOf = (entry: HistoryEntry) => resultUpdate(historyResultRow(entry));

  const queue: Pending[] = [];
  /** A flush is scheduled or a batch is being written; new records then only join the queue. */
  let busy = false;

  const indexBatch = Math.max(1, options.searchIndexBatch ?? 256);
  const indexDelayMs = options.searchIndexDelayMs ?? 1000;
  /** Answers committed since the search index last took the queue, and when the first of them was. */
  let unindexed = 0;
  let unindexedSince = 0;
  let drainTimer: NodeJS.Timeout | undefined;

  /**
   * FTS5 writes a new index segment, and merges, at every commit that changes the index, whatever it
   * holds: indexing each commit's few answers cost 40–60 % more CPU per call (decision 043), indexing
   * hundreds at a time a few per cent. So the index takes its queue every `indexBatch` answers or
   * `indexDelayMs`, whichever comes first, and a timer sees to the last answers of a quiet spell.
   */
  function afterCommit(answers: number, drained: boolean) {
    if (drained) {
      unindexed = 0;
      clearTimeout(drainTimer);
      drainTimer = undefined;
      return;
    }
    if (answers === 0) return;
    if (unindexed === 0) unindexedSince = Date.now();
    unindexed += answers;
    if (drainTimer !== undefined) return;
    drainTimer = setTimeout(() => {
      drainTimer = undefined;
      // A drain that fails leaves the rows queued, where the q search still finds them; the next retries.
      enqueue('search-index', [], undefined, 'drain').catch(() => {});
    }, indexDelayMs);
    drainTimer.unref();
  }

  async function write(batch: readonly Pending[]): Promise<void> {
    const answers = batch.filter((p) => p.answers === true).length;
    const drain =
      db.dialect === 'sqlite' &&
      (batch.some((p) => p.answers === 'drain') ||
        unindexed + answers >= indexBatch ||
        (unindexed > 0 && Date.now() - unindexedSince >= indexDelayMs));
    // The dashboard's rollups commit with the rows they count (decision 032), in `stats_recent`
    // until the fold moves them (decision 056).
    const rollupQueries = rollups
      ? rollupStatements(
          batch.flatMap((p) => (p.fact === undefined ? [] : [p.fact])),
          db.dialect,
        )
      : [];
    const { sqliteWriter } = db;
    if (sqliteWriter !== undefined && !drain) {
      // SQLite, nothing for the search index: the statements run back to back, with no promise
      // between them (decision 062).
      await sqliteWriter.transaction((run) => {
        for (const p of batch) {
          let changed = 0;
          for (const step of p.steps) if (runsAfter(step, changed)) changed = run(queryOf(step));
        }
        for (const q of rollupQueries) run(q);
      });
    } else {
      await db.kysely.transaction().execute(async (trx) => {
        for (const p of batch) {
          let changed = 0;
          for (const step of p.steps) {
            if (!runsAfter(step, changed)) continue;
            changed = Number((await trx.executeQuery(queryOf(step))).numAffectedRows ?? 0n);
          }
        }
        // The answered calls enter the search index together, in one statement (decision 043).
        if (drain) await drainHistoryText(trx);
        for (const q of rollupQueries) await trx.executeQuery(q);
      });
    }
    if (db.dialect === 'sqlite') afterCommit(answers, drain);
  }

  /** One record in its own transaction, settling its caller's promise. */
  async function writeAlone(p: Pending): Promise<void> {
    try {
      await write([p]);
      p.resolve();
    } catch (err) {
      p.reject(isUniqueViolation(err) ? new DuplicateError(`history entry ${p.id} already exists`) : err);
    }
  }

  async function flush(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        if (batch.length === 1) {
          await writeAlone(batch[0]!);
          continue;
        }
        try {
          await write(batch);
        } catch {
          // The transaction was rolled back as a whole, so nothing of the batch is stored: write each
          // record alone, and only the ones that really fail reject.
          for (const p of batch) await writeAlone(p);
          continue;
        }
        for (const p of batch) p.resolve();
      }
    } finally {
      busy = false;
    }
  }

  function enqueue(
    id: string,
    steps: readonly Step[],
    fact?: CallFact,
    answers: Pending['answers'] = false,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      queue.push({ id, steps, fact, answers, resolve, reject });
      if (busy) return;
      busy = true;
      // After this turn's I/O callbacks, so the other requests answered in it join the same commit.
      setImmediate(() => void flush());
    });
  }

  /** One batch; answers how many pending rows it read and how many of them it recovered. */
  async function recoverSome(startedBefore: Date | undefined): Promise<{ read: number; recovered: number }> {
    let query = db.kysely
      .selectFrom('history')
      .select(['id', 'operator', 'environment_id', 'service', 'command', 'replay_of'])
      .where('outcome', '=', 'pending');
    if (startedBefore !== undefined) query = query.where('created_at', '<', toStoredTime(startedBefore));
    const rows = await query.orderBy('created_at').orderBy('id').limit(recoverBatch).execute();
    if (rows.length === 0) return { read: 0, recovered: 0 };
    let recovered = 0;
    const failure = JSON.stringify(interruptedFailure);
    await db.kysely.transaction().execute(async (trx) => {
      for (const row of rows) {
        const res = await trx
          .updateTable('history')
          .set({ outcome: 'unknown', failure })
          .where('id', '=', row.id)
          .where('outcome', '=', 'pending')
          .executeTakeFirst();
        // Completed meanwhile by its own (live) process: nothing to recover.
        if (Number(res.numUpdatedRows) === 0) continue;
        recovered += 1;
        await trx
          .insertInto('audit_log')
          .values(
            auditRow({
              actor: row.operator,
              action: row.replay_of === null ? 'request.send' : 'request.replay',
              target: row.id,
              details: {
                environmentId: row.environment_id,
                service: row.service,
                command: row.command,
                outcome: 'unknown',
                interrupted: true,
                ...(row.replay_of === null ? {} : { replayOf: row.replay_of }),
              },
            }),
          )
          .execute();
      }
      if (db.dialect === 'sqlite') await drainHistoryText(trx);
    });
    return { read: rows.length, recovered };
  }

  return {
    begin(pending, bodyText) {
      return enqueue(pending.id, [{ query: historyInsert(historyRow(pending, bodyText)) }]);
    },

    complete(entry, audit, rollupOperator) {
      const steps: Step[] = [
        { query: updateOf(entry) },
        // The pending row is gone (a retention purge by count, say): keep the call all the same.
        { query: () => historyInsert(historyRow(entry)), unlessChanged: true },
      ];
      // A run's rows are audited once for the whole run (run.start), not one row per call.
      if (audit !== null) steps.push({ query: auditInsert(auditRow(audit)) });
      return enqueue(entry.id, steps, callFactOf(entry, rollupOperator), true);
    },

    record(entry, audit, rollupOperator) {
      return enqueue(
        entry.id,
        [{ query: historyInsert(historyRow(entry)) }, { query: auditInsert(auditRow(audit)) }],
        callFactOf(entry, rollupOperator),
        true,
      );
    },

    async recoverInterrupted(opts = {}) {
      let total = 0;
      for (;;) {
        const { read, recovered } = await recoverSome(opts.startedBefore);
        total += recovered;
        if (read < recoverBatch) return total;
      }
    },
  };
}
