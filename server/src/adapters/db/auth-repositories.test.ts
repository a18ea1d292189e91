import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, DuplicateError, newId, type Repositories } from './index';
import { openDatabase } from './open';
import { openTempDatabase } from './testing';
import { tokenCacheTtlMs } from './token-cache';
import { createTokenRepository } from './token-repository';
import { createUserRepository } from './user-repository';

let store: Awaited<ReturnType<typeof openTempDatabase>>;
let repos: Repositories;

beforeEach(async () => {
  store = await openTempDatabase();
  repos = createRepositories(store.db);
});
afterEach(async () => {
  await store.cleanup();
});

const hour = 3600_000;

describe('user repository', () => {
  it('creates a user that is enabled and can be read back', async () => {
    const created = await repos.users.create({
      username: 'alice',
      passwordHash: 'scrypt$1',
      role: 'operator',
    });
    expect(created).toMatchObject({
      username: 'alice',
      passwordHash: 'scrypt$1',
      role: 'operator',
      disabled: false,
    });
    expect(created.createdAt).toBe(created.updatedAt);
    expect(await repos.users.get('alice')).toEqual(created);
  });

  it('throws DuplicateError for an existing username', async () => {
    await repos.users.create({ username: 'alice', passwordHash: 'h', role: 'viewer' });
    await expect(
      repos.users.create({ username: 'alice', passwordHash: 'h2', role: 'admin' }),
    ).rejects.toBeInstanceOf(DuplicateError);
    expect((await repos.users.get('alice'))?.role).toBe('viewer');
  });

  it('lists users by name and counts them', async () => {
    await repos.users.create({ username: 'carol', passwordHash: 'h', role: 'viewer' });
    await repos.users.create({ username: 'admin', passwordHash: 'h', role: 'admin' });
    expect((await repos.users.list()).map((u) => u.username)).toEqual(['admin', 'carol']);
    expect(await repos.users.count()).toBe(2);
  });

  it('changes role, disabled and password hash, and only what the patch names', async () => {
    await repos.users.create({ username: 'bob', passwordHash: 'old', role: 'viewer' });
    const disabled = await repos.users.update('bob', { disabled: true });
    expect(disabled).toMatchObject({ role: 'viewer', disabled: true, passwordHash: 'old' });
    const changed = await repos.users.update('bob', { role: 'admin', passwordHash: 'new', disabled: false });
    expect(changed).toMatchObject({ role: 'admin', disabled: false, passwordHash: 'new' });
    expect(await repos.users.get('bob')).toEqual(changed);
  });

  it('keeps one enabled admin when the last two are demoted or disabled at the same moment', async () => {
    // On PostgreSQL under read committed each update alone would see the other admin remain.
    for (let round = 0; round < 15; round += 1) {
      const [a, b] = [`a${round}`, `b${round}`];
      await repos.users.create({ username: a, passwordHash: 'h', role: 'admin' });
      await repos.users.create({ username: b, passwordHash: 'h', role: 'admin' });
      const results = await Promise.allSettled([
        repos.users.update(a, round % 2 === 0 ? { role: 'viewer' } : { disabled: true }),
        repos.users.update(b, { role: 'operator' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const admins = (await repos.users.list()).filter((u) => u.role === 'admin' && !u.disabled);
      expect(admins).toHaveLength(1);
      await store.db.kysely.deleteFrom('users').where('username', 'in', [a, b]).execute();
    }
  });

  it('answers undefined when updating an unknown user', async () => {
    expect(await repos.users.update('nobody', { role: 'admin' })).toBeUndefined();
    expect(await repos.users.count()).toBe(0);
  });
});

describe('session repository', () => {
  beforeEach(async () => {
    await repos.users.create({ username: 'alice', passwordHash: 'h', role: 'operator' });
    await repos.users.create({ username: 'bob', passwordHash: 'h', role: 'viewer' });
  });

  it('stores a session under the hash of its id', async () => {
    const expiresAt = new Date(Date.now() + hour);
    await repos.sessions.create({ idHash: 'hash-1', username: 'alice', expiresAt });
    const s = await repos.sessions.get('hash-1');
    expect(s).toMatchObject({ idHash: 'hash-1', username: 'alice', expiresAt: expiresAt.toISOString() });
    expect(s?.lastSeenAt).toBe(s?.createdAt);
    expect(await repos.sessions.get('hash-2')).toBeUndefined();
  });

  it('refuses a session for a user that does not exist', async () => {
    await expect(
      repos.sessions.create({ idHash: 'h', username: 'ghost', expiresAt: new Date(Date.now() + hour) }),
    ).rejects.toThrow();
  });

  it('extends a session when touched', async () => {
    await repos.sessions.create({ idHash: 'h', username: 'alice', expiresAt: new Date(Date.now() + hour) });
    const later = new Date(Date.now() + 5 * hour);
    await repos.sessions.touch('h', later);
    expect((await repos.sessions.get('h'))?.expiresAt).toBe(later.toISOString());
  });

  it('deletes expired sessions only', async () => {
    const now = new Date('2026-11-26T12:00:00.000Z');
    await repos.sessions.create({ idHash: 'old', username: 'alice', expiresAt: new Date(now.getTime() - 1) });
    await repos.sessions.create({ idHash: 'edge', username: 'alice', expiresAt: now });
    await repos.sessions.create({ idHash: 'live', username: 'bob', expiresAt: new Date(now.getTime() + 1) });
    expect(await repos.sessions.deleteExpired(now)).toBe(2);
    expect(await repos.sessions.get('old')).toBeUndefined();
    expect(await repos.sessions.get('edge')).toBeUndefined();
    expect(await repos.sessions.get('live')).toBeDefined();
  });

  it('signs out one session or every session of a user', async () => {
    const expiresAt = new Date(Date.now() + hour);
    await repos.sessions.create({ idHash: 'a1', username: 'alice', expiresAt });
    await repos.sessions.create({ idHash: 'a2', username: 'alice', expiresAt });
    await repos.sessions.create({ idHash: 'b1', username: 'bob', expiresAt });
    await repos.sessions.delete('b1');
    expect(await repos.sessions.get('b1')).toBeUndefined();
    expect(await repos.sessions.deleteForUser('alice')).toBe(2);
    expect(await repos.sessions.get('a1')).toBeUndefined();
  });
});

describe('token repository', () => {
  beforeEach(async () => {
    await repos.users.create({ username: 'alice', passwordHash: 'h', role: 'operator' });
    await repos.users.create({ username: 'bob', passwordHash: 'h', role: 'viewer' });
  });

  it('creates a token and finds it by hash and by id', async () => {
    const expiresAt = new Date('2027-01-01T00:00:00.000Z');
    const t = await repos.tokens.create({
      id: newId(),
      name: 'ci',
      owner: 'alice',
      tokenHash: 'th1',
      expiresAt,
    });
    expect(t).toMatchObject({
      name: 'ci',
      owner: 'alice',
      expiresAt: expiresAt.toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(await repos.tokens.findByHash('th1')).toEqual(t);
    expect(await repos.tokens.get(t.id)).toEqual(t);
    expect(await repos.tokens.findByHash('nope')).toBeUndefined();
  });

  it("reads a token with its owner's current role and state in one lookup", async () => {
    const t = await repos.tokens.create({
      id: newId(),
      name: 'ci',
      owner: 'alice',
      tokenHash: 'th2',
      expiresAt: null,
    });
    expect(await repos.tokens.findByHashWithOwner('th2')).toEqual({
      token: t,
      owner: { username: 'alice', role: 'operator', disabled: false },
    });
    await repos.users.update('alice', { disabled: true, role: 'viewer' });
    expect((await repos.tokens.findByHashWithOwner('th2'))?.owner).toEqual({
      username: 'alice',
      role: 'viewer',
      disabled: true,
    });
    expect(await repos.tokens.findByHashWithOwner('nope')).toBeUndefined();
  });

  it('throws DuplicateError for a token hash that exists', async () => {
    await repos.tokens.create({ id: newId(), name: 'a', owner: 'alice', tokenHash: 'same', expiresAt: null });
    await expect(
      repos.tokens.create({ id: newId(), name: 'b', owner: 'bob', tokenHash: 'same', expiresAt: null }),
    ).rejects.toBeInstanceOf(DuplicateError);
  });

  it("lists an owner's tokens that are not revoked, oldest first", async () => {
    const a = await repos.tokens.create({
      id: newId(),
      name: 'a',
      owner: 'alice',
      tokenHash: '1',
      expiresAt: null,
    });
    const b = await repos.tokens.create({
      id: newId(),
      name: 'b',
      owner: 'alice',
      tokenHash: '2',
      expiresAt: null,
    });
    await repos.tokens.create({ id: newId(), name: 'c', owner: 'bob', tokenHash: '3', expiresAt: null });
    expect((await repos.tokens.listByOwner('alice')).map((t) => t.id)).toEqual([a.id, b.id]);
    expect(await repos.tokens.revoke(a.id)).toBe(true);
    expect((await repos.tokens.listByOwner('alice')).map((t) => t.id)).toEqual([b.id]);
  });

  it('revokes once and keeps the revoked token readable', async () => {
    const t = await repos.tokens.create({
      id: newId(),
      name: 'a',
      owner: 'alice',
      tokenHash: 'x',
      expiresAt: null,
    });
    expect(await repos.tokens.revoke(t.id)).toBe(true);
    expect(await repos.tokens.revoke(t.id)).toBe(false);
    expect(await repos.tokens.revoke('unknown')).toBe(false);
    expect((await repos.tokens.findByHash('x'))?.revokedAt).not.toBeNull();
  });

  it('records when a token was last used', async () => {
    const t = await repos.tokens.create({
      id: newId(),
      name: 'a',
      owner: 'alice',
      tokenHash: 'x',
      expiresAt: null,
    });
    const at = new Date('2026-11-26T11:22:33.444Z');
    await repos.tokens.markUsed(t.id, at);
    expect((await repos.tokens.get(t.id))?.lastUsedAt).toBe(at.toISOString());
  });

  describe('the verified-token cache (decision 040)', () => {
    async function aliceToken(hash: string) {
      return repos.tokens.create({
        id: newId(),
        name: 'ci',
        owner: 'alice',
        tokenHash: hash,
        expiresAt: null,
      });
    }

    it('answers a second lookup without reading the database', async () => {
      await aliceToken('c1');
      let clock = 1_000_000;
      const tokens = createTokenRepository(store.db, { now: () => clock });
      expect((await tokens.findByHashWithOwner('c1'))?.owner.role).toBe('operator');
      // Changed behind the repositories' back, as another process would: the kept answer stands …
      await store.db.kysely
        .updateTable('users')
        .set({ role: 'viewer' })
        .where('username', '=', 'alice')
        .execute();
      clock += tokenCacheTtlMs - 1;
      expect((await tokens.findByHashWithOwner('c1'))?.owner.role).toBe('operator');
      // … until its second is up.
      clock += 1;
      expect((await tokens.findByHashWithOwner('c1'))?.owner.role).toBe('viewer');
    });

    it('sees a revocation, a disabled owner and a role change on the very next lookup', async () => {
      const t = await aliceToken('c2');
      expect((await repos.tokens.findByHashWithOwner('c2'))?.token.revokedAt).toBeNull();
      await repos.users.update('alice', { role: 'viewer' });
      expect((await repos.tokens.findByHashWithOwner('c2'))?.owner.role).toBe('viewer');
      // Through another repository object on the same database, as a different service holds one.
      await createUserRepository(store.db).update('alice', { disabled: true });
      expect((await repos.tokens.findByHashWithOwner('c2'))?.owner.disabled).toBe(true);
      await createTokenRepository(store.db).revoke(t.id);
      expect((await repos.tokens.findByHashWithOwner('c2'))?.token.revokedAt).not.toBeNull();
    });

    it('does not keep a read that a write overtook', async () => {
      await aliceToken('c3');
      const lookup = repos.tokens.findByHashWithOwner('c3');
      const revoke = repos.users.update('alice', { disabled: true });
      const [seen] = await Promise.all([lookup, revoke]);
      // Whichever the lookup saw, the next one must see the write.
      expect(seen).toBeDefined();
      expect((await repos.tokens.findByHashWithOwner('c3'))?.owner.disabled).toBe(true);
    });

    it('keeps the last-used time it wrote, and nothing of a token it does not know', async () => {
      const t = await aliceToken('c4');
      await repos.tokens.findByHashWithOwner('c4');
      const at = new Date('2026-11-30T10:00:00.000Z');
      await repos.tokens.markUsed(t.id, at);
      expect((await repos.tokens.findByHashWithOwner('c4'))?.token.lastUsedAt).toBe(at.toISOString());
      expect(await repos.tokens.findByHashWithOwner('unknown')).toBeUndefined();
      await aliceToken('unknown');
      expect((await repos.tokens.findByHashWithOwner('unknown'))?.owner.username).toBe('alice');
    });

    it('is one per database: another open database has its own', async () => {
      await aliceToken('c5');
      await repos.tokens.findByHashWithOwner('c5');
      const other = await openDatabase({ dataDir: store.dataDir });
      try {
        await createUserRepository(other).update('alice', { role: 'viewer' });
      } finally {
        await other.close();
      }
      // The write went through another handle (another process, in effect): this one keeps its answer.
      expect((await repos.tokens.findByHashWithOwner('c5'))?.owner.role).toBe('operator');
    });
  });
});
