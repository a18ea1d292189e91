import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from './open';

/** A stable 64-bit key per lock name, as PostgreSQL's advisory locks take. */
export function advisoryKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}

/**
 * Runs `fn` only if no other replica holds the lock named `name` (PostgreSQL: a session advisory
 * lock on one pooled connection, released after `fn` or with the connection if the process dies);
 * answers whether it ran. SQLite is one process: `fn` always runs.
 */
export async function withAdvisoryLock(
  db: Database,
  name: string,
  fn: () => Promise<void>,
): Promise<boolean> {
  if (db.dialect !== 'postgres') {
    await fn();
    return true;
  }
  const key = advisoryKey(name);
  return db.kysely.connection().execute(async (conn) => {
    const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_lock(${key}::bigint) as got`.execute(
      conn,
    );
    if (rows[0]?.got !== true) return false;
    try {
      await fn();
      return true;
    } finally {
      await sql`select pg_advisory_unlock(${key}::bigint)`.execute(conn);
    }
  });
}
