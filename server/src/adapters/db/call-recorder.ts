import type { HistoryEntry } from '@console/shared/api';
import { CompiledQuery } from 'kysely';
import { type AuditEvent, auditRow } from './audit-repository';
import { DuplicateError, isUniqueViolation } from './errors';
import { historyRow } from './history-repository';
import type { Database } from './open';

/** The store side of one upstream call: its history entry and the audit row that names it. */
export interface CallRecorder {
  /** Both rows in one transaction: when this resolves, both are committed; when it throws, neither is. */
  record(entry: HistoryEntry, audit: AuditEvent): Promise<void>;
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

export function createCallRecorder(db: Database): CallRecorder {
  const historyInsert = insertCompiler((row: ReturnType<typeof historyRow>) =>
    db.kysely.insertInto('history').values(row).compile(),
  );
  const auditInsert = insertCompiler((row: ReturnType<typeof auditRow>) =>
    db.kysely.insertInto('audit_log').values(row).compile(),
  );
  return {
    async record(entry, audit) {
      const history = historyInsert(historyRow(entry));
      const auditLine = auditInsert(auditRow(audit));
      try {
        // One commit instead of two: on SQLite each commit is a WAL append, most of a call's store time.
        await db.kysely.transaction().execute(async (trx) => {
          await trx.executeQuery(history);
          await trx.executeQuery(auditLine);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new DuplicateError(`history entry ${entry.id} already exists`);
        throw err;
      }
    },
  };
}
