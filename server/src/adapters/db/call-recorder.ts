import type { HistoryEntry } from '@console/shared/api';
import { CompiledQuery } from 'kysely';
import { type AuditEvent, auditRow } from './audit-repository';
import { DuplicateError, isUniqueViolation } from './errors';
import { historyRow } from './history-repository';
import type { Database } from './open';

/** The store side of one upstream call: its history entry and the audit row that names it. */
export interface CallRecorder {
  /**
   * Both rows in one transaction: when this resolves, both are committed; when it throws, neither is.
   * Calls made while others are pending share one transaction (group commit, decision 018); each
   * caller still learns only its own outcome.
   */
  record(entry: HistoryEntry, audit: AuditEvent): Promise<void>;
}

export interface CallRecorderOptions {
  /** Most records one transaction writes; the rest wait for the next. Default 256. */
  maxBatch?: number;
}

type Row = Record<string, unknown>;

/**
 * Kysely rebuilds and recompiles an insert's operation tree on every call although, for one set of
 * columns, the SQL text never changes. This compiles it once per column set and binds each row's
 * values in column order — checked against Kysely's own parameters the first time, falling back to
 * Kysely's compilation for any shape where they differ.
 */
function insertCompiler<T extends Row>(compile: (row: T) => CompiledQuery) {
  const sqlByColumns = new Map<string, string>();
  return (row: T): CompiledQuery => {
    const columns = Object.keys(row).join(',');
    const values = Object.values(row);
    const known = sqlByColumns.get(columns);
    if (known !== undefined) return CompiledQuery.raw(known, values);
    const compiled = compile(row);
    const inOrder =
      compiled.parameters.length === values.length && compiled.parameters.every((p, i) => p === values[i]);
    if (inOrder) sqlByColumns.set(columns, compiled.sql);
    return compiled;
  };
}

interface Pending {
  id: string;
  history: CompiledQuery;
  audit: CompiledQuery;
  resolve(): void;
  reject(err: unknown): void;
}

export function createCallRecorder(db: Database, options: CallRecorderOptions = {}): CallRecorder {
  const maxBatch = options.maxBatch ?? 256;
  const historyInsert = insertCompiler((row: ReturnType<typeof historyRow>) =>
    db.kysely.insertInto('history').values(row).compile(),
  );
  const auditInsert = insertCompiler((row: ReturnType<typeof auditRow>) =>
    db.kysely.insertInto('audit_log').values(row).compile(),
  );

  const queue: Pending[] = [];
  /** A flush is scheduled or a batch is being written; new records then only join the queue. */
  let busy = false;

  async function write(batch: readonly Pending[]): Promise<void> {
    await db.kysely.transaction().execute(async (trx) => {
      for (const p of batch) {
        await trx.executeQuery(p.history);
        await trx.executeQuery(p.audit);
      }
    });
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

  return {
    record(entry, audit) {
      return new Promise<void>((resolve, reject) => {
        queue.push({
          id: entry.id,
          history: historyInsert(historyRow(entry)),
          audit: auditInsert(auditRow(audit)),
          resolve,
          reject,
        });
        if (busy) return;
        busy = true;
        // After this turn's I/O callbacks, so the other requests answered in it join the same commit.
        setImmediate(() => void flush());
      });
    },
  };
}
