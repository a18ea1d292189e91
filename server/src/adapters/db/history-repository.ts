import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  type HistoryEntry,
  type HistoryFilter,
  type HistoryPage,
  type HistoryQuery,
  historyEntrySchema,
} from '@console/shared/api';
import type { Compilable, Kysely, Selectable } from 'kysely';
import { type CursorKey, decodeCursor, encodeCursor } from './cursor';
import { DuplicateError, isUniqueViolation } from './errors';
import { historyWhere } from './history-filter';
import { drainHistoryText, settleHistoryTextWatermark } from './history-text-index';
import type { Database } from './open';
import { purgeOldest } from './purge';
import { ReaderUnavailableError } from './reader';
import type { DB, HistoryTable } from './schema';
import { toStoredTime } from './time';

export interface HistoryRepository {
  insert(entry: HistoryEntry): Promise<void>;
  get(id: string): Promise<HistoryEntry | undefined>;
  /** Newest first (createdAt desc, id desc); keyset cursor, stable under concurrent inserts. */
  list(query: HistoryQuery): Promise<HistoryPage>;
  /** Same filters, newest first, read in batches with keyset paging so memory stays flat. */
  stream(filter: HistoryFilter, batchSize?: number): AsyncIterable<HistoryEntry>;
  count(filter?: HistoryFilter): Promise<number>;
  /** Retention: deletes entries older than `olderThan` and/or beyond the newest `keepLatest`; returns how many. */
  purge(opts: { olderThan?: Date; keepLatest?: number }): Promise<number>;
}

const jsonOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/**
 * The stored row of an entry. `bodyText`, when given, is the request body's JSON text as it was sent
 * upstream: made once per call, not a second time here. Every column named in one literal, as
 * `historyResultRow` (a spread grew the object column by column on every call: decision 060).
 */
export function historyRow(entry: HistoryEntry, bodyText?: string): Selectable<HistoryTable> {
  const r = historyResultRow(entry);
  return {
    id: entry.id,
    created_at: toStoredTime(entry.createdAt),
    operator: entry.operator,
    environment_id: entry.environmentId,
    region: entry.region,
    service: entry.service,
    command: entry.command,
    request_body: bodyText ?? JSON.stringify(entry.requestBody),
    url: r.url,
    http_status: r.http_status,
    duration_ms: r.duration_ms,
    outcome: r.outcome,
    action_status: r.action_status,
    error_code: r.error_code,
    error_info: r.error_info,
    request_id: r.request_id,
    response: r.response,
    error_doc: r.error_doc,
    failure: r.failure,
    replay_of: entry.replayOf,
    source: entry.source === 'explorer' ? 'explorer' : null,
  };
}

/** The columns a call's result fills in, what completing a pending row updates, and (last) its id. */
export function historyResultRow(entry: HistoryEntry) {
  return {
    url: entry.url,
    http_status: entry.httpStatus,
    duration_ms: entry.durationMs,
    outcome: entry.outcome,
    action_status: entry.actionStatus,
    error_code: entry.errorCode,
    error_info: entry.errorInfo,
    request_id: entry.requestId,
    response: jsonOrNull(entry.response),
    error_doc: jsonOrNull(entry.errorDoc),
    failure: jsonOrNull(entry.failure),
    id: entry.id,
  };
}

function historyEntry(row: Selectable<HistoryTable>): HistoryEntry {
  return historyEntrySchema.parse({
    id: row.id,
    createdAt: row.created_at,
    operator: row.operator,
    environmentId: row.environment_id,
    region: row.region,
    service: row.service,
    command: row.command,
    requestBody: parseJson(row.request_body),
    url: row.url,
    httpStatus: row.http_status,
    // PostgreSQL's double precision arrives as a number; the guard keeps a driver change from leaking strings.
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    outcome: row.outcome,
    actionStatus: row.action_status,
    errorCode: row.error_code,
    errorInfo: row.error_info,
    requestId: row.request_id,
    response: parseJson(row.response),
    errorDoc: parseJson(row.error_doc),
    failure: parseJson(row.failure),
    replayOf: row.replay_of,
    source: row.source === 'explorer' ? 'explorer' : 'console',
  });
}

const defaultBatchSize = 500;

/** The one query behind list and stream; exported so a test can check its plan uses an index. */
export function historyPageQuery(
  kysely: Kysely<DB>,
  filter: HistoryFilter,
  limit: number,
  after: CursorKey | undefined,
  dialect: Database['dialect'],
  searchIndex = true,
) {
  return kysely
    .selectFrom('history')
    .selectAll()
    .where((eb) => historyWhere(eb, filter, after, dialect, searchIndex))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
}

export function createHistoryRepository(db: Database): HistoryRepository {
  const { kysely } = db;

  /**
   * A `q` filter scans (a LIKE over bodies and answers cannot use an index), for up to seconds on a
   * large history. On SQLite, whose driver is synchronous, that would stall every request of every
   * operator, so such a query runs on the reader's thread; other filters are index walks and stay here.
   */
  async function rowsOf<R>(query: Compilable<R> & { execute(): Promise<R[]> }, filter: HistoryFilter) {
    const reader = db.reader;
    if (filter.q === undefined || reader === undefined) return query.execute();
    const compiled = query.compile();
    try {
      return (await reader.all(compiled.sql, compiled.parameters)) as R[];
    } catch (err) {
      if (err instanceof ReaderUnavailableError) return query.execute();
      throw err;
    }
  }

  async function readPage(filter: HistoryFilter, limit: number, after: CursorKey | undefined) {
    const rows = await rowsOf(historyPageQuery(kysely, filter, limit + 1, after, db.dialect), filter);
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(historyEntry);
    const last = items.at(-1);
    const next = more && last !== undefined ? { at: last.createdAt, id: last.id } : undefined;
    return { items, next };
  }

  /** Oldest first, in batches (`purge.ts`). */

  return {
    async insert(entry) {
      try {
        await kysely.transaction().execute(async (trx) => {
          await trx.insertInto('history').values(historyRow(entry)).execute();
          if (db.dialect === 'sqlite') await drainHistoryText(trx);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new DuplicateError(`history entry ${entry.id} already exists`);
        throw err;
      }
    },

    async get(id) {
      const row = await kysely.selectFrom('history').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : historyEntry(row);
    },

    async list(query) {
      const { limit, cursor, ...filter } = query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const { items, next } = await readPage(filter, limit, after);
      return { items, nextCursor: next === undefined ? null : encodeCursor(next) };
    },

    async *stream(filter, batchSize = defaultBatchSize) {
      let after: CursorKey | undefined;
      do {
        const page = await readPage(filter, batchSize, after);
        yield* page.items;
        after = page.next;
        // A turn of the event loop per page: a fast reader of an export would otherwise keep the
        // stream pulling pages through microtasks alone, and no other request would get in.
        if (after !== undefined) await nextTurn();
      } while (after !== undefined);
    },

    async count(filter = {}) {
      const query = kysely
        .selectFrom('history')
        .select((eb) => eb.fn.countAll().as('n'))
        .where((eb) => historyWhere(eb, filter, undefined, db.dialect));
      const [row] = await rowsOf(query, filter);
      return Number(row?.n ?? 0);
    },

    async purge(options) {
      const deleted = await purgeOldest(kysely, { table: 'history', time: 'created_at' }, options);
      if (deleted > 0 && db.dialect === 'sqlite') await settleHistoryTextWatermark(kysely);
      return deleted;
    },
  };
}
