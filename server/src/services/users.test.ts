import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../adapters/db';
import { openTempDatabase } from '../adapters/db/testing';
import { AppError } from '../core/errors';
import { verifyPassword } from './passwords';
import { UserService } from './users';

let store: Awaited<ReturnType<typeof openTempDatabase>>;
let repos: Repositories;
let users: UserService;
const admin = { username: 'admin' };

beforeEach(async () => {
  store = await openTempDatabase();
  repos = createRepositories(store.db);
  users = new UserService(repos);
  await repos.users.create({ username: 'admin', passwordHash: 'x', role: 'admin' });
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

describe('UserService', () => {
  it('creates a user with a hashed password and never answers the hash', async () => {
    const user = await users.create(admin, {
      username: 'alice',
      password: 'alice-password',
      role: 'operator',
    });
    expect(user).toMatchObject({ username: 'alice', role: 'operator', disabled: false });
    expect(JSON.stringify(user)).not.toContain('scrypt');
    const stored = await repos.users.get('alice');
    expect(await verifyPassword('alice-password', stored?.passwordHash ?? '')).toBe(true);
    expect(
      await codeOf(users.create(admin, { username: 'alice', password: 'another-one', role: 'viewer' })),
    ).toBe('user/exists');
  });

  it('ends the sessions of a user it disables and records user.disable', async () => {
    await users.create(admin, { username: 'bob', password: 'bob-password', role: 'viewer' });
    await repos.sessions.create({ idHash: 'h1', username: 'bob', expiresAt: new Date(Date.now() + 60_000) });
    const after = await users.update(admin, 'bob', { disabled: true });
    expect(after.disabled).toBe(true);
    expect(await repos.sessions.get('h1')).toBeUndefined();
    const audit = await repos.audit.list({ limit: 10, action: 'user.disable' });
    expect(audit.items[0]).toMatchObject({ actor: 'admin', target: 'bob', details: { sessionsEnded: 1 } });
  });

  it('records a role change as user.update with what changed', async () => {
    await users.create(admin, { username: 'carol', password: 'carol-password', role: 'viewer' });
    await users.update(admin, 'carol', { role: 'operator' });
    const audit = await repos.audit.list({ limit: 10, action: 'user.update' });
    expect(audit.items[0]?.details).toMatchObject({ role: { from: 'viewer', to: 'operator' } });
  });

  it('refuses to let an admin disable or demote themselves, and answers 404 for an unknown user', async () => {
    expect(await codeOf(users.update(admin, 'admin', { disabled: true }))).toBe('user/self-lockout');
    expect(await codeOf(users.update(admin, 'admin', { role: 'operator' }))).toBe('user/self-lockout');
    expect(await codeOf(users.update(admin, 'ghost', { role: 'operator' }))).toBe('user/not-found');
    expect((await repos.users.get('admin'))?.role).toBe('admin');
  });

  it('creates a proxy user on first sight and keeps its role in step with the proxy groups', async () => {
    const first = await users.signOnFromProxy('dora@example.com', undefined, 'viewer');
    expect(first.role).toBe('viewer');
    expect(await verifyPassword('', first.passwordHash)).toBe(false);
    expect((await users.signOnFromProxy('dora@example.com', undefined, 'viewer')).role).toBe('viewer');
    expect((await users.signOnFromProxy('dora@example.com', 'operator', 'viewer')).role).toBe('operator');
    const created = await repos.audit.list({ limit: 10, action: 'user.create' });
    expect(created.items[0]).toMatchObject({ actor: 'system', target: 'dora@example.com' });
  });

  it('answers 409 user/last-admin, changing nothing, to demoting or disabling the last enabled admin', async () => {
    const other = { username: 'someone-else' };
    expect(await codeOf(users.update(other, 'admin', { role: 'operator' }))).toBe('user/last-admin');
    expect(await codeOf(users.update(other, 'admin', { disabled: true }))).toBe('user/last-admin');
    expect(await repos.users.get('admin')).toMatchObject({ role: 'admin', disabled: false });

    // A disabled admin does not count as the other admin.
    await repos.users.create({ username: 'backup', passwordHash: 'x', role: 'admin' });
    await users.update(other, 'backup', { disabled: true });
    expect(await codeOf(users.update(other, 'admin', { role: 'viewer' }))).toBe('user/last-admin');

    await users.update(other, 'backup', { disabled: false });
    expect((await users.update(other, 'admin', { role: 'viewer' })).role).toBe('viewer');
    expect(await codeOf(users.update(other, 'backup', { disabled: true }))).toBe('user/last-admin');
  });

  it('keeps the last admin an admin when the proxy says otherwise', async () => {
    const user = await users.signOnFromProxy('admin', 'viewer', 'viewer');
    expect(user.role).toBe('admin');
  });
});
