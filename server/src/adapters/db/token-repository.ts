import { type Role, roleSchema } from '@console/shared/api';
import type { Selectable } from 'kysely';
import { DuplicateError, isUniqueViolation } from './errors';
import type { Database } from './open';
import type { ApiTokensTable } from './schema';
import { toStoredTime } from './time';
import { tokenCacheOf } from './token-cache';

export interface TokenRecord {
  id: string;
  name: string;
  owner: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Narrower than the owner's role, or null for the owner's own. */
  role: Role | null;
}

/** What a bearer token's check needs of its owner, read in the same query as the token. */
export interface TokenOwner {
  username: string;
  role: Role;
  disabled: boolean;
}

/** `findByHash` and `get` answer revoked and expired tokens too; the caller checks `revokedAt`/`expiresAt`. */
export interface TokenRepository {
  create(t: {
    id: string;
    name: string;
    owner: string;
    tokenHash: string;
    expiresAt: Date | null;
    role?: Role | null;
  }): Promise<TokenRecord>;
  findByHash(tokenHash: string): Promise<TokenRecord | undefined>;
  /**
   * As `findByHash`, with the owner's current role and state; undefined when either is missing.
   * Kept for up to a second (decision 040): a write in this process is seen at once, another
   * process's within the second.
   */
  findByHashWithOwner(tokenHash: string): Promise<TokenWithOwner | undefined>;
  /** The owner's tokens that are not revoked, oldest first. */
  listByOwner(owner: string): Promise<TokenRecord[]>;
  get(id: string): Promise<TokenRecord | undefined>;
  /** False when there is no such token or it was already revoked. */
  revoke(id: string): Promise<boolean>;
  markUsed(id: string, at: Date): Promise<void>;
}

function tokenRecord(row: Selectable<ApiTokensTable>): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    role: row.role === null ? null : roleSchema.parse(row.role),
  };
}

export interface TokenWithOwner {
  token: TokenRecord;
  owner: TokenOwner;
}

export interface TokenRepositoryOptions {
  /** The clock of the verified-token cache; tests move it. */
  now?: () => number;
}

export function createTokenRepository(db: Database, options: TokenRepositoryOptions = {}): TokenRepository {
  const { kysely } = db;
  const cache = tokenCacheOf(db);
  const now = options.now ?? Date.now;
  return {
    async create({ id, name, owner, tokenHash, expiresAt, role = null }) {
      const row: Selectable<ApiTokensTable> = {
        id,
        name,
        owner,
        token_hash: tokenHash,
        created_at: toStoredTime(new Date()),
        expires_at: expiresAt === null ? null : toStoredTime(expiresAt),
        last_used_at: null,
        revoked_at: null,
        role,
      };
      try {
        await kysely.insertInto('api_tokens').values(row).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new DuplicateError('token already exists');
        throw err;
      }
      return tokenRecord(row);
    },

    async findByHash(tokenHash) {
      const row = await kysely
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row === undefined ? undefined : tokenRecord(row);
    },

    async findByHashWithOwner(tokenHash) {
      const kept = cache.get(tokenHash, now());
      if (kept !== undefined) return kept;
      const readAt = cache.generation();
      // One query instead of two.
      const row = await kysely
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.username', 'api_tokens.owner')
        .selectAll('api_tokens')
        .select(['users.role as owner_role', 'users.disabled as owner_disabled'])
        .where('api_tokens.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const { owner_role, owner_disabled, ...token } = row;
      const found: TokenWithOwner = {
        token: tokenRecord(token),
        owner: {
          username: token.owner,
          role: roleSchema.parse(owner_role),
          disabled: Number(owner_disabled) !== 0,
        },
      };
      cache.set(tokenHash, found, now(), readAt);
      return found;
    },

    async listByOwner(owner) {
      const rows = await kysely
        .selectFrom('api_tokens')
        .selectAll()
        .where('owner', '=', owner)
        .where('revoked_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(tokenRecord);
    },

    async get(id) {
      const row = await kysely.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : tokenRecord(row);
    },

    async revoke(id) {
      const res = await kysely
        .updateTable('api_tokens')
        .set({ revoked_at: toStoredTime(new Date()) })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      cache.clear();
      return Number(res.numUpdatedRows) > 0;
    },

    async markUsed(id, at) {
      await kysely
        .updateTable('api_tokens')
        .set({ last_used_at: toStoredTime(at) })
        .where('id', '=', id)
        .execute();
      const lastUsedAt = toStoredTime(at);
      cache.update(
        (kept) => kept.token.id === id,
        (kept) => ({ ...kept, token: { ...kept.token, lastUsedAt } }),
      );
    },
  };
}
