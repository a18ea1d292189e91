import { createHash, randomBytes } from 'node:crypto';
import type { ApiToken, CreateTokenRequest, CreateTokenResponse, Role } from '@console/shared/api';
import { roleRank } from '@console/shared/guard-rails';
import { newId, type Repositories, type TokenRecord } from '../adapters/db';
import { AppError } from '../core/errors';

/**
 * `crc_` + 32 random bytes in base64url (43 characters). The prefix lets secret scanners and people
 * recognise a leaked console token; the randomness makes a plain SHA-256 a safe way to store it (no
 * salt or slow hash is needed for 256 random bits, and lookup by hash stays one indexed read).
 */
export const TOKEN_PREFIX = 'crc_';
const DAY_MS = 24 * 60 * 60 * 1000;

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Must match how authentication hashes a presented bearer token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function publicToken(t: TokenRecord): ApiToken {
  return {
    id: t.id,
    name: t.name,
    owner: t.owner,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    role: t.role,
  };
}

/** A token acts with the narrower of its own role and its owner's current one. */
export function effectiveTokenRole(tokenRole: Role | null, ownerRole: Role): Role {
  return tokenRole !== null && roleRank[tokenRole] < roleRank[ownerRole] ? tokenRole : ownerRole;
}

export interface TokenCaller {
  username: string;
  role: Role;
  via: string;
}

export class TokenService {
  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
  ) {}

  /** The token itself is in this answer only; the store keeps its hash. */
  async create(caller: TokenCaller, input: CreateTokenRequest): Promise<CreateTokenResponse> {
    // A leaked token must not be able to mint a successor that outlives its revocation.
    if (caller.via === 'token') {
      throw new AppError(
        'auth/forbidden',
        403,
        'API tokens are created from a signed-in session, not with a token',
      );
    }
    if (input.role !== undefined && roleRank[input.role] > roleRank[caller.role]) {
      throw new AppError(
        'auth/forbidden',
        403,
        `a token cannot have more than its owner's role (${caller.role}), asked for ${input.role}`,
      );
    }
    const token = generateToken();
    const record = await this.repos.tokens.create({
      id: newId(),
      name: input.name,
      owner: caller.username,
      tokenHash: hashToken(token),
      expiresAt:
        input.expiresInDays === undefined ? null : new Date(this.now() + input.expiresInDays * DAY_MS),
      role: input.role ?? null,
    });
    await this.repos.audit.append({
      actor: caller.username,
      action: 'token.create',
      target: record.id,
      details: { name: record.name, expiresAt: record.expiresAt, role: record.role },
    });
    return { ...publicToken(record), token };
  }

  /** The caller's tokens that are not revoked (expired ones included, so they can be cleaned up). */
  async list(caller: TokenCaller): Promise<ApiToken[]> {
    return (await this.repos.tokens.listByOwner(caller.username)).map(publicToken);
  }

  /** Own tokens; an admin may revoke anyone's. Someone else's token answers 404, as if it did not exist. */
  async revoke(caller: TokenCaller, id: string): Promise<void> {
    const record = await this.repos.tokens.get(id);
    const visible = record !== undefined && (record.owner === caller.username || caller.role === 'admin');
    if (!record || !visible || record.revokedAt !== null || !(await this.repos.tokens.revoke(id))) {
      throw new AppError('token/not-found', 404, `no API token "${id}"`);
    }
    await this.repos.audit.append({
      actor: caller.username,
      action: 'token.revoke',
      target: id,
      details: { name: record.name, owner: record.owner },
    });
  }
}
