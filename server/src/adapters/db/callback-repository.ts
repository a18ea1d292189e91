import {
  type CallbackEntry,
  type CallbackFilter,
  type CallbackForward,
  type CallbackPage,
  type CallbackQuery,
  callbackEntrySchema,
} from '@console/shared/api';
import type { Expression, ExpressionBuilder, Selectable, SqlBool } from 'kysely';
import { type CursorKey, decodeCursor, encodeCursor } from './cursor';
import type { Database } from './open';
import { purgeOldest } from './purge';
import type { CallbacksTable, DB } from './schema';
import { toStoredTime } from './time';

export interface CallbackRepository {
  insert(entry: CallbackEntry): Promise<void>;
  get(id: string): Promise<CallbackEntry | undefined>;
  /** Newest first (receivedAt desc, id desc), keyset cursor like the history. */
  list(query: CallbackQuery): Promise<CallbackPage>;
  /** Appends a delivery to the entry's forwards; answers the updated entry (undefined when it is gone). */
  addForward(id: string, forward: CallbackForward): Promise<CallbackEntry | undefined>;
  /** Counts per command and verdict in `[from, to)`, optionally of one environment. */
  countByCommand(filter: CallbackFilter): Promise<{ command: string; verdict: string; n: number }[]>;
  /** Bodies and times of accepted callbacks of one command in the range, newest first, at most `limit`. */
  bodiesOf(
    filter: CallbackFilter & { command: string },
    limit: number,
  ): Promise<{ receivedAt: string; body: unknown }[]>;
  /** Retention: entries older than `olderThan` and beyond the newest `keepLatest`; answers how many. */
  purge(opts: { olderThan?: Date; keepLatest?: number }): Promise<number>;
}

export function callbackRow(entry: CallbackEntry): Selectable<CallbacksTable> {
  return {
    id: entry.id,
    received_at: toStoredTime(entry.receivedAt),
    environment_id: entry.environmentId,
    command: entry.command,
    verdict: entry.verdict,
    reason: entry.reason,
    decided_by: entry.decidedBy,
    query: JSON.stringify(entry.query),
    body: entry.body === null || entry.body === undefined ? null : JSON.stringify(entry.body),
    http_status: entry.httpStatus,
    answer: JSON.stringify(entry.answer),
    duration_ms: entry.durationMs,
    client_address: entry.clientAddress,
    forwards: JSON.stringify(entry.forwards),
  };
}

function callbackEntry(row: Selectable<CallbacksTable>): CallbackEntry {
  return callbackEntrySchema.parse({
    id: row.id,
    receivedAt: row.received_at,
    environmentId: row.environment_id,
    command: row.command,
    verdict: row.verdict,
    reason: row.reason,
    decidedBy: row.decided_by,
    query: JSON.parse(row.query),
    body: row.body === null ? null : JSON.parse(row.body),
    httpStatus: row.http_status,
    answer: JSON.parse(row.answer),
    durationMs: row.duration_ms,
    clientAddress: row.client_address,
    forwards: JSON.parse(row.forwards),
  });
}

/** `from` inclusive, `to` exclusive, as for history. */
function callbackWhere(
  eb: ExpressionBuilder<DB, 'callbacks'>,
  filter: CallbackFilter,
  after?: CursorKey,
): Expression<SqlBool> {
  const conds: Expression<SqlBool>[] = [];
  if (filter.environmentId !== undefined) conds.push(eb('environment_id', '=', filter.environmentId));
  if (filter.command !== undefined) conds.push(eb('command', '=', filter.command));
  if (filter.verdict !== undefined) conds.push(eb('verdict', '=', filter.verdict));
  if (filter.from !== undefined) conds.push(eb('received_at', '>=', toStoredTime(filter.from)));
  if (filter.to !== undefined) conds.push(eb('received_at', '<', toStoredTime(filter.to)));
  if (after !== undefined) {
    conds.push(eb(eb.refTuple('received_at', 'id'), '<', eb.tuple(after.at, after.id)));
  }
  return eb.and(conds);
}

export function createCallbackRepository(db: Database): CallbackRepository {
  const { kysely } = db;

  async function get(id: string) {
    const row = await kysely.selectFrom('callbacks').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : callbackEntry(row);
  }

  /** Oldest first, in batches (`purge.ts`). */

  return {
    async insert(entry) {
      await kysely.insertInto('callbacks').values(callbackRow(entry)).execute();
    },

    get,

    async list(query) {
      const { limit, cursor, ...filter } = query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const rows = await kysely
        .selectFrom('callbacks')
        .selectAll()
        .where((eb) => callbackWhere(eb, filter, after))
        .orderBy('received_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const more = rows.length > limit;
      const items = (more ? rows.slice(0, limit) : rows).map(callbackEntry);
      const last = items.at(-1);
      return {
        items,
        nextCursor: more && last !== undefined ? encodeCursor({ at: last.receivedAt, id: last.id }) : null,
      };
    },

    async countByCommand(filter) {
      const rows = await kysely
        .selectFrom('callbacks')
        .select(['command', 'verdict', (eb) => eb.fn.countAll<number>().as('n')])
        .where((eb) => callbackWhere(eb, filter))
        .groupBy(['command', 'verdict'])
        .execute();
      return rows.map((r) => ({ command: r.command, verdict: r.verdict, n: Number(r.n) }));
    },

    async bodiesOf(filter, limit) {
      const rows = await kysely
        .selectFrom('callbacks')
        .select(['received_at', 'body'])
        .where((eb) => callbackWhere(eb, { ...filter, verdict: 'accepted' }))
        .orderBy('received_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        receivedAt: r.received_at,
        body: r.body === null ? null : JSON.parse(r.body),
      }));
    },

    async addForward(id, forward) {
      // Read and write in one transaction: two deliveries finishing together must both be kept.
      // SQLite runs one write transaction at a time; PostgreSQL (read committed) needs the row lock,
      // else both read the same list and the second write drops the first's forward.
      return kysely.transaction().execute(async (trx) => {
        const read = trx.selectFrom('callbacks').select('forwards').where('id', '=', id);
        const row = await (db.dialect === 'postgres' ? read.forUpdate() : read).executeTakeFirst();
        if (row === undefined) return undefined;
        const forwards: unknown = JSON.parse(row.forwards);
        const list = Array.isArray(forwards) ? [...forwards, forward] : [forward];
        await trx
          .updateTable('callbacks')
          .set({ forwards: JSON.stringify(list) })
          .where('id', '=', id)
          .execute();
        const updated = await trx.selectFrom('callbacks').selectAll().where('id', '=', id).executeTakeFirst();
        return updated === undefined ? undefined : callbackEntry(updated);
      });
    },

    purge(options) {
      return purgeOldest(kysely, { table: 'callbacks', time: 'received_at' }, options);
    },
  };
}
