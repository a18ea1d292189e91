import type { HistoryFilter } from '@console/shared/api';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { CursorKey } from './cursor';
import { trigramQuery } from './history-text-index';
import type { DB } from './schema';
import { toStoredTime } from './time';

type HistoryEb = ExpressionBuilder<DB, 'history'>;

/** `%`, `_` and the escape character itself match literally inside a LIKE pattern. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * WHERE clause of every history read. `from` is inclusive and `to` exclusive (createdAt >= from and
 * createdAt < to), so consecutive windows never count a row twice. `q` is a case-insensitive
 * substring match (ASCII case folding) over command, request body, response text and RequestId; on
 * SQLite a trigram index narrows it first (decision 043: the index holds the first 16,384 characters of the body
 * and of the answer, so text only beyond them is not found there). SQLite's LIKE already folds ASCII case
 * (and its `lower()` folds nothing more), so there it is a plain LIKE, half the work of wrapping
 * both sides in `lower()`; PostgreSQL's LIKE is case-sensitive, so there it is `lower() like lower()`.
 */
export function historyWhere(
  eb: HistoryEb,
  filter: HistoryFilter,
  after: CursorKey | undefined,
  dialect: 'sqlite' | 'postgres',
  /** false leaves the trigram index out (the scan it replaced): benchmarks compare the two. */
  searchIndex = true,
): Expression<SqlBool> {
  const conds: Expression<SqlBool>[] = [];
  if (filter.requestId !== undefined) conds.push(eb('request_id', '=', filter.requestId));
  if (filter.requestIdPrefix !== undefined) {
    // Case-sensitive, like the IDs. On SQLite (binary collation) a range lets the request_id index
    // narrow it first; PostgreSQL's collation may order punctuation differently, so it only compares.
    const prefix = filter.requestIdPrefix;
    if (dialect === 'sqlite') {
      conds.push(eb('request_id', '>=', prefix));
      conds.push(eb('request_id', '<', `${prefix}\u{10FFFF}`));
    }
    conds.push(eb(eb.fn('substr', ['request_id', sql.lit(1), sql.lit(prefix.length)]), '=', prefix));
  }
  if (filter.errorCode !== undefined) conds.push(eb('error_code', '=', filter.errorCode));
  if (filter.environmentId !== undefined) conds.push(eb('environment_id', '=', filter.environmentId));
  if (filter.service !== undefined) conds.push(eb('service', '=', filter.service));
  if (filter.command !== undefined) conds.push(eb('command', '=', filter.command));
  if (filter.operator !== undefined) conds.push(eb('operator', '=', filter.operator));
  if (filter.outcome !== undefined) conds.push(eb('outcome', '=', filter.outcome));
  if (filter.replayOf !== undefined) conds.push(eb('replay_of', '=', filter.replayOf));
  if (filter.source === 'explorer') conds.push(eb('source', '=', 'explorer'));
  if (filter.source === 'console') conds.push(eb('source', 'is', null));
  if (filter.from !== undefined) conds.push(eb('created_at', '>=', toStoredTime(filter.from)));
  if (filter.to !== undefined) conds.push(eb('created_at', '<', toStoredTime(filter.to)));
  if (filter.q !== undefined) {
    const pattern = likeContains(filter.q);
    const matches = (column: 'command' | 'request_body' | 'response' | 'request_id') =>
      dialect === 'sqlite'
        ? sql<SqlBool>`${eb.ref(column)} like ${pattern} escape '\\'`
        : sql<SqlBool>`lower(${eb.ref(column)}) like lower(${pattern}) escape '\\'`;
    // On SQLite, a q of three characters or more is looked up in the trigram index (decisions 031,
    // 043), which narrows the rows to the few that hold its trigrams, plus the rows queued for it (the
    // calls in flight, and answered ones not indexed yet); the LIKE then checks those exactly (ASCII
    // case folding, as before). Shorter text has no trigram and is scanned.
    const trigrams = searchIndex && dialect === 'sqlite' ? trigramQuery(filter.q) : undefined;
    if (trigrams !== undefined) {
      conds.push(
        sql<SqlBool>`history.rowid in (select rowid from history_text where history_text match ${trigrams}
          union all select rowid from history_text_queue)`,
      );
    }
    conds.push(
      eb.or([matches('command'), matches('request_body'), matches('response'), matches('request_id')]),
    );
  }
  if (after !== undefined) {
    conds.push(eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after.at, after.id)));
  }
  return eb.and(conds);
}
