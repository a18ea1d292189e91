import type { Database } from './open';
import { toStoredTime } from './time';

export interface SessionRecord {
  idHash: string;
  username: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/**
 * `get` answers a session even past its expiry: the caller owns the clock and compares `expiresAt`;
 * `deleteExpired` is the periodic cleanup.
 */
export interface SessionRepository {
  create(s: { idHash: string; username: string; expiresAt: Date }): Promise<void>;
  get(idHash: string): Promise<SessionRecord | undefined>;
  touch(idHash: string, expiresAt: Date): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteForUser(username: string): Promise<number>;
  deleteExpired(now: Date): Promise<number>;
}

export function createSessionRepository(db: Database): SessionRepository {
  const { kysely } = db;
  return {
    async create({ idHash, username, expiresAt }) {
      const now = toStoredTime(new Date());
      await kysely
        .insertInto('sessions')
        .values({
          id_hash: idHash,
          username,
          created_at: now,
          expires_at: toStoredTime(expiresAt),
          last_seen_at: now,
        })
        .execute();
    },

    async get(idHash) {
      const row = await kysely
        .selectFrom('sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        idHash: row.id_hash,
        username: row.username,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        lastSeenAt: row.last_seen_at,
      };
    },

    async touch(idHash, expiresAt) {
      await kysely
        .updateTable('sessions')
        .set({ expires_at: toStoredTime(expiresAt), last_seen_at: toStoredTime(new Date()) })
        .where('id_hash', '=', idHash)
        .execute();
    },

    async delete(idHash) {
      await kysely.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },

    async deleteForUser(username) {
      const res = await kysely.deleteFrom('sessions').where('username', '=', username).executeTakeFirst();
      return Number(res.numDeletedRows);
    },

    async deleteExpired(now) {
      const res = await kysely
        .deleteFrom('sessions')
        .where('expires_at', '<=', toStoredTime(now))
        .executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}
