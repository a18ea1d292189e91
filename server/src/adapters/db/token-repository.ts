import { type Role, roleSchema } from '@console/shared/api';
import type { Selectable } from 'kysely';
import { DuplicateError, isUniqueViolation } from './errors';
import type { Database } from './open';
import type { ApiTokensTable } from './schema';
import { toStoredTime } from './time';

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
  /** As `findByHash`, with the owner's current role and state; undefined when either is missing. */
  findByHashWithOwner(tokenHash: string): Promise<{ token: TokenRecord; owner: TokenOwner } | undefined>;
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

export function createTokenRepository(db: Database): TokenRepository {
  const { kysely } = db;
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
      // One query instead of two on every scripted call; nothing is cached, so a disabled owner or a
      // revoked token is refused on the next request.
      const row = await kysely
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.username', 'api_tokens.owner')
        .selectAll('api_tokens')
        .select(['users.role as owner_role', 'users.disabled as owner_disabled'])
        .where('api_tokens.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const { owner_role, owner_disabled, ...token } = row;
      return {
        token: tokenRecord(token),
        owner: {
          username: token.owner,
          role: roleSchema.parse(owner_role),
          disabled: Number(owner_disabled) !== 0,
        },
      };
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
      return Number(res.numUpdatedRows) > 0;
    },

    async markUsed(id, at) {
      await kysely
        .updateTable('api_tokens')
        .set({ last_used_at: toStoredTime(at) })
        .where('id', '=', id)
        .execute();
    },
  };
}
