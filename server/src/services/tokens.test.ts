import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../adapters/db';
import { openTempDatabase } from '../adapters/db/testing';
import { AppError } from '../core/errors';
import { hashToken, TOKEN_PREFIX, TokenService } from './tokens';

let store: Awaited<ReturnType<typeof openTempDatabase>>;
let repos: Repositories;
let tokens: TokenService;
const alice = { username: 'alice', role: 'operator' as const, via: 'session' };
const bob = { username: 'bob', role: 'operator' as const, via: 'session' };
const admin = { username: 'admin', role: 'admin' as const, via: 'session' };

beforeEach(async () => {
  store = await openTempDatabase();
  repos = createRepositories(store.db);
  tokens = new TokenService(repos, () => Date.parse('2026-01-01T00:00:00Z'));
  for (const u of [alice, bob, admin]) {
    await repos.users.create({ username: u.username, passwordHash: 'x', role: u.role });
  }
});
afterEach(async () => {
  await store.cleanup();
});

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe('TokenService', () => {
  it('answers a prefixed random token once and stores only its SHA-256', async () => {
    const created = await tokens.create(alice, { name: 'ci', expiresInDays: 30 });
    expect(created.token).toMatch(new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`));
    expect(created.expiresAt).toBe('2026-01-31T00:00:00.000Z');
    const stored = await repos.tokens.get(created.id);
    expect(stored?.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token);
    const listed = await tokens.list(alice);
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect((await tokens.create(alice, { name: 'other' })).token).not.toBe(created.token);
  });

  it('lets the owner and an admin revoke, and hides other people’s tokens', async () => {
    const a = await tokens.create(alice, { name: 'a' });
    const b = await tokens.create(alice, { name: 'b' });
    expect(await codeOf(tokens.revoke(bob, a.id))).toBe('token/not-found');
    await tokens.revoke(alice, a.id);
    expect(await codeOf(tokens.revoke(alice, a.id))).toBe('token/not-found');
    await tokens.revoke(admin, b.id);
    expect(await tokens.list(alice)).toEqual([]);
    const audit = await repos.audit.list({ limit: 10, action: 'token.revoke' });
    expect(audit.items.map((e) => e.actor)).toEqual(['admin', 'alice']);
  });

  it('refuses to mint a token from a token', async () => {
    expect(await codeOf(tokens.create({ ...alice, via: 'token' }, { name: 'x' }))).toBe('auth/forbidden');
  });
});
