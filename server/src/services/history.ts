import { Readable, type Transform } from 'node:stream';
import type { ExportQuery, HistoryEntry, HistoryPage, HistoryQuery } from '@console/shared/api';
import { stringify } from 'csv-stringify';
import { InvalidCursorError, type Repositories } from '../adapters/db';
import { AppError } from '../core/errors';
import type { Principal } from './auth';

export const csvColumns = [
  'id',
  'createdAt',
  'operator',
  'environmentId',
  'service',
  'command',
  'outcome',
  'httpStatus',
  'durationMs',
  'actionStatus',
  'errorCode',
  'errorInfo',
  'requestId',
  'replayOf',
  'requestBody',
  'response',
] as const;

function csvRecord(e: HistoryEntry): Record<(typeof csvColumns)[number], string | number | null> {
  return {
    id: e.id,
    createdAt: e.createdAt,
    operator: e.operator,
    environmentId: e.environmentId,
    service: e.service,
    command: e.command,
    outcome: e.outcome,
    httpStatus: e.httpStatus,
    durationMs: e.durationMs,
    actionStatus: e.actionStatus,
    errorCode: e.errorCode,
    errorInfo: e.errorInfo,
    requestId: e.requestId,
    replayOf: e.replayOf,
    requestBody: JSON.stringify(e.requestBody),
    response: e.response === null ? null : JSON.stringify(e.response),
  };
}

export interface HistoryExport {
  contentType: string;
  fileName: string;
  /** Pull-based: entries are read from the store only as fast as the response drains. */
  source: Readable;
  /** The serializer between source and response, when the source does not yield text itself. */
  serializer: Transform | null;
}

export class HistoryService {
  constructor(private readonly repos: Repositories) {}

  async list(query: HistoryQuery): Promise<HistoryPage> {
    try {
      return await this.repos.history.list(query);
    } catch (err) {
      if (err instanceof InvalidCursorError) throw new AppError('request/invalid', 400, err.message);
      throw err;
    }
  }

  async get(id: string): Promise<HistoryEntry> {
    const entry = await this.repos.history.get(id);
    if (!entry) throw new AppError('history/not-found', 404, `no history entry "${id}"`);
    return entry;
  }

  async export(user: Principal, query: ExportQuery): Promise<HistoryExport> {
    const { format, ...filter } = query;
    await this.repos.audit.append({
      actor: user.username,
      action: 'request.export',
      target: null,
      details: { format, filter },
    });
    const entries = this.repos.history.stream(filter);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    if (format === 'csv') {
      return {
        contentType: 'text/csv; charset=utf-8',
        fileName: `history-${stamp}.csv`,
        source: Readable.from(mapAsync(entries, csvRecord)),
        // escape_formulas: a cell starting with = + - @ must not run as a formula in a spreadsheet.
        serializer: stringify({ header: true, columns: [...csvColumns], escape_formulas: true }),
      };
    }
    return {
      contentType: 'application/x-ndjson; charset=utf-8',
      fileName: `history-${stamp}.jsonl`,
      source: Readable.from(mapAsync(entries, (e) => `${JSON.stringify(e)}\n`)),
      serializer: null,
    };
  }
}

async function* mapAsync<T, U>(source: AsyncIterable<T>, fn: (t: T) => U): AsyncGenerator<U> {
  for await (const item of source) yield fn(item);
}
