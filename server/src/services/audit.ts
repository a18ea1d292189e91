import { Readable, type Transform } from 'node:stream';
import type { AuditEntry, AuditFilter, AuditPage, AuditQuery } from '@console/shared/api';
import { stringify } from 'csv-stringify';
import { InvalidCursorError, type Repositories } from '../adapters/db';
import { AppError } from '../core/errors';

export const auditCsvColumns = ['id', 'at', 'actor', 'action', 'target', 'details'] as const;

function csvRecord(e: AuditEntry): Record<(typeof auditCsvColumns)[number], string | null> {
  return {
    id: e.id,
    at: e.at,
    actor: e.actor,
    action: e.action,
    target: e.target,
    details: e.details === null ? null : JSON.stringify(e.details),
  };
}

export interface AuditExport {
  fileName: string;
  /** Pull-based: rows are read from the store only as fast as the response drains. */
  source: Readable;
  serializer: Transform;
}

export class AuditService {
  constructor(private readonly repos: Repositories) {}

  async list(query: AuditQuery): Promise<AuditPage> {
    try {
      return await this.repos.audit.list(query);
    } catch (err) {
      if (err instanceof InvalidCursorError) throw new AppError('request/invalid', 400, err.message);
      throw err;
    }
  }

  /** The export is itself audited, before the first row goes out. */
  async export(actor: { username: string }, filter: AuditFilter): Promise<AuditExport> {
    await this.repos.audit.append({
      actor: actor.username,
      action: 'audit.export',
      target: null,
      details: { filter },
    });
    const rows = this.repos.audit.stream(filter);
    async function* records() {
      for await (const e of rows) yield csvRecord(e);
    }
    return {
      fileName: `audit-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`,
      source: Readable.from(records()),
      // escape_formulas: a cell starting with = + - @ must not run as a formula in a spreadsheet.
      serializer: stringify({ header: true, columns: [...auditCsvColumns], escape_formulas: true }),
    };
  }
}
