import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  type AuditAction,
  type AuditEntry,
  type AuditFilter,
  type AuditPage,
  type AuditQuery,
  auditEntrySchema,
} from '@console/shared/api';
import type { Expression, ExpressionBuilder, Selectable, SqlBool } from 'kysely';
import { type CursorKey, decodeCursor, encodeCursor } from './cursor';
import { newId } from './ids';
import type { Database } from './open';
import { deleteInBatches } from './purge';
import type { AuditLogTable, DB } from './schema';
import { toStoredTime } from './time';

export interface AuditEvent {
  actor: string;
  action: AuditAction;
  target: string | null;
  details: Record<string, unknown> | null;
  at?: Date;
}

/** Append-only: no update, and rows leave only by retention (`purge`), oldest first. */
export interface AuditRepository {
  append(e: AuditEvent): Promise<AuditEntry>;
  /** Retention: deletes rows older than `olderThan`, in batches; answers how many. */
  purge(olderThan: Date): Promise<number>;
  /** Newest first (at desc, id desc), keyset cursor like history. */
  list(query: AuditQuery): Promise<AuditPage>;
  stream(filter: AuditFilter, batchSize?: number): AsyncIterable<AuditEntry>;
}

/** `from` inclusive, `to` exclusive, as for history. */
function auditWhere(
  eb: ExpressionBuilder<DB, 'audit_log'>,
  filter: AuditFilter,
  after?: CursorKey,
): Expression<SqlBool> {
  const conds: Expression<SqlBool>[] = [];
  if (filter.actor !== undefined) conds.push(eb('actor', '=', filter.actor));
  if (filter.action !== undefined) conds.push(eb('action', '=', filter.action));
  if (filter.from !== undefined) conds.push(eb('at', '>=', toStoredTime(filter.from)));
  if (filter.to !== undefined) conds.push(eb('at', '<', toStoredTime(filter.to)));
  if (after !== undefined) conds.push(eb(eb.refTuple('at', 'id'), '<', eb.tuple(after.at, after.id)));
  return eb.and(conds);
}

export function auditRow({ actor, action, target, details, at }: AuditEvent): Selectable<AuditLogTable> {
  const when = at ?? new Date();
  return {
    id: newId(when.getTime()),
    at: toStoredTime(when),
    actor,
    action,
    target,
    details: details === null ? null : JSON.stringify(details),
  };
}

function auditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return auditEntrySchema.parse({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    details: row.details === null ? null : JSON.parse(row.details),
  });
}

export function createAuditRepository(db: Database): AuditRepository {
  const { kysely } = db;

  async function readPage(filter: AuditFilter, limit: number, after: CursorKey | undefined) {
    const rows = await kysely
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) => auditWhere(eb, filter, after))
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(auditEntry);
    const last = items.at(-1);
    const next = more && last !== undefined ? { at: last.at, id: last.id } : undefined;
    return { items, next };
  }

  return {
    async append(event) {
      const row = auditRow(event);
      await kysely.insertInto('audit_log').values(row).execute();
      return auditEntry(row);
    },

    async purge(olderThan) {
      const before = toStoredTime(olderThan);
      return deleteInBatches((limit) =>
        kysely
          .deleteFrom('audit_log')
          .where('id', 'in', (qb) =>
            qb
              .selectFrom('audit_log')
              .select('id')
              .where('at', '<', before)
              .orderBy('at')
              .orderBy('id')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },

    async list(query) {
      const { limit, cursor, ...filter } = query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const { items, next } = await readPage(filter, limit, after);
      return { items, nextCursor: next === undefined ? null : encodeCursor(next) };
    },

    async *stream(filter, batchSize = 500) {
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
  };
}
