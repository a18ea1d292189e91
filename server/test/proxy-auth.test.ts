import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, obj, startHarness } from './support/harness';
import { errorCode } from './support/users';

const proxyEnv = (trusted: string) => ({
  AUTH_PROXY_HEADER: 'X-Forwarded-User',
  AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
  AUTH_PROXY_ROLE_MAP: 'ops-admins:admin,ops:operator',
  AUTH_PROXY_TRUSTED: trusted,
});

describe('trusted-header sign-on from a trusted proxy address', () => {
  let h: Harness;
  beforeAll(async () => {
    // The test connects from 127.0.0.1, so it plays the proxy.
    h = await startHarness({ host: '127.0.0.1', env: proxyEnv('127.0.0.1/32') });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('signs in the named user, creating it on first sight as a viewer', async () => {
    const res = await h.call('GET', '/api/session', { headers: { 'x-forwarded-user': 'dora' } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ user: { username: 'dora', role: 'viewer' }, via: 'proxy' });
    const admin = await h.signIn();
    const users = await h.call('GET', '/api/users', { cookie: admin });
    expect(JSON.stringify(users.json)).toContain('"dora"');
  });

  it('maps the groups header to roles, the highest winning, and enforces that role', async () => {
    const headers = { 'x-forwarded-user': 'olaf', 'x-forwarded-groups': 'staff,ops' };
    expect(obj((await h.call('GET', '/api/session', { headers })).json).user).toEqual({
      username: 'olaf',
      role: 'operator',
    });
    const destructive = {
      environmentId: 'fake',
      service: 'im_open_login_svc',
      command: 'account_delete',
      body: { DeleteItem: [{ UserID: 'a' }] },
    };
    const refused = await h.call('POST', '/api/requests', { headers, json: destructive });
    expect(refused.status).toBe(403);
    const promoted = { ...headers, 'x-forwarded-groups': 'ops,ops-admins' };
    expect((await h.call('POST', '/api/requests', { headers: promoted, json: destructive })).status).toBe(
      201,
    );
    const history = await h.call('GET', '/api/requests?operator=olaf', { headers: promoted });
    expect(obj(history.json).items).toHaveLength(1);
  });

  it('refuses a disabled proxy user with 403 auth/disabled', async () => {
    const admin = await h.signIn();
    await h.call('GET', '/api/session', { headers: { 'x-forwarded-user': 'gone' } });
    await h.call('PATCH', '/api/users/gone', { cookie: admin, json: { disabled: true } });
    const res = await h.call('GET', '/api/session', { headers: { 'x-forwarded-user': 'gone' } });
    expect(res.status).toBe(403);
    expect(errorCode(res.json)).toBe('auth/disabled');
  });

  it('answers 401 for a username the console cannot use', async () => {
    const res = await h.call('GET', '/api/session', { headers: { 'x-forwarded-user': 'two words' } });
    expect(res.status).toBe(401);
  });

  it('leaves the role alone when the groups header is absent: the bootstrap admin stays admin', async () => {
    const res = await h.call('GET', '/api/session', { headers: { 'x-forwarded-user': 'admin' } });
    expect(obj(res.json).user).toEqual({ username: 'admin', role: 'admin' });
    const cookie = await h.signIn();
    const session = await h.call('GET', '/api/session', { cookie });
    expect(obj(session.json).user).toEqual({ username: 'admin', role: 'admin' });
    expect((await h.call('GET', '/api/users', { cookie })).status).toBe(200);
  });

  it('changes the role when the groups header is there, even empty, but never demotes the last admin', async () => {
    await h.call('GET', '/api/session', {
      headers: { 'x-forwarded-user': 'ivo', 'x-forwarded-groups': 'ops' },
    });
    const empty = await h.call('GET', '/api/session', {
      headers: { 'x-forwarded-user': 'ivo', 'x-forwarded-groups': '' },
    });
    expect(obj(empty.json).user).toEqual({ username: 'ivo', role: 'viewer' });

    // olaf (an earlier test) goes back to operator: admin is the only enabled admin. The proxy's groups
    // say viewer; the role stays.
    await h.call('GET', '/api/session', {
      headers: { 'x-forwarded-user': 'olaf', 'x-forwarded-groups': 'ops' },
    });
    const demoted = await h.call('GET', '/api/session', {
      headers: { 'x-forwarded-user': 'admin', 'x-forwarded-groups': 'staff' },
    });
    expect(obj(demoted.json).user).toEqual({ username: 'admin', role: 'admin' });

    // With a second admin, the proxy's groups win again.
    await h.call('GET', '/api/session', {
      headers: { 'x-forwarded-user': 'ada', 'x-forwarded-groups': 'ops-admins' },
    });
    const now = await h.call('GET', '/api/session', {
      headers: { 'x-forwarded-user': 'admin', 'x-forwarded-groups': 'ops' },
    });
    expect(obj(now.json).user).toEqual({ username: 'admin', role: 'operator' });
    const back = await h.call('GET', '/api/session', {
      headers: { 'x-forwarded-user': 'admin', 'x-forwarded-groups': 'ops-admins' },
    });
    expect(obj(back.json).user).toEqual({ username: 'admin', role: 'admin' });
  });

  it('never lets a proxy user sign in with a password', async () => {
    await h.call('GET', '/api/session', { headers: { 'x-forwarded-user': 'pia' } });
    for (const password of ['!no-password', 'pia-password']) {
      const res = await h.call('POST', '/api/session', { json: { username: 'pia', password } });
      expect(res.status).toBe(401);
    }
  });
});

describe('trusted-header sign-on from any other address', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ host: '127.0.0.1', env: proxyEnv('127.0.0.2/32') });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('ignores the header, even with X-Forwarded-For naming the proxy, and answers 401', async () => {
    const res = await h.call('GET', '/api/session', {
      headers: {
        'x-forwarded-user': 'admin',
        'x-forwarded-groups': 'ops-admins',
        'x-forwarded-for': '127.0.0.2',
      },
    });
    expect(res.status).toBe(401);
    expect(errorCode(res.json)).toBe('auth/unauthenticated');
    expect(h.logs.join('')).toContain('untrusted peer ignored');
  });

  it('still accepts a session cookie', async () => {
    const cookie = await h.signIn();
    const res = await h.call('GET', '/api/session', { cookie, headers: { 'x-forwarded-user': 'mallory' } });
    expect(obj(res.json)).toMatchObject({ user: { username: 'admin' }, via: 'session' });
  });
});
