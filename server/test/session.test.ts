import { createHash, randomBytes } from 'node:crypto';
import { errorBodySchema, sessionResponseSchema } from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '../src/adapters/db';
import { hashPassword } from '../src/services/passwords';
import { ADMIN_PASSWORD, type Harness, startHarness } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

/** Sets up users and tokens straight in the store, as the admin routes of issue 7 will. */
async function withStore<T>(fn: (repos: ReturnType<typeof createRepositories>) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: h.dataDir, databaseUrl: h.databaseUrl });
  try {
    return await fn(createRepositories(db));
  } finally {
    await db.close();
  }
}

const codeOf = (json: unknown) => errorBodySchema.parse(json).error.code;

describe('sign-in', () => {
  it('answers 401 auth/unauthenticated on every /api route without a session', async () => {
    for (const [method, route] of [
      ['GET', '/api/session'],
      ['DELETE', '/api/session'],
      ['GET', '/api/catalog'],
      ['GET', '/api/error-codes'],
      ['GET', '/api/environments'],
      ['GET', '/api/requests'],
      ['POST', '/api/requests'],
      ['GET', '/api/requests/export'],
      ['GET', '/api/requests/01ABC'],
      ['POST', '/api/requests/01ABC/replay'],
      ['POST', '/api/session/password'],
      ['GET', '/api/no-such-route'],
    ] as const) {
      const res = await h.call(method, route);
      expect(res.status, `${method} ${route}`).toBe(401);
      expect(codeOf(res.json)).toBe('auth/unauthenticated');
    }
  });

  it('answers 404 route/not-found for an unknown /api route once signed in', async () => {
    const cookie = await h.signIn();
    const res = await h.call('GET', '/api/no-such-route', { cookie });
    expect(res.status).toBe(404);
    expect(codeOf(res.json)).toBe('route/not-found');
  });

  it('keeps /healthz open', async () => {
    const res = await h.call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
  });

  it('refuses a wrong password and an unknown user with 401 auth/invalid-credentials', async () => {
    const wrong = await h.call('POST', '/api/session', { json: { username: 'admin', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(codeOf(wrong.json)).toBe('auth/invalid-credentials');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const unknown = await h.call('POST', '/api/session', { json: { username: 'ghost', password: 'nope' } });
    expect(unknown.status).toBe(401);
    expect(codeOf(unknown.json)).toBe('auth/invalid-credentials');
  });

  it('answers 400 request/invalid for a sign-in without a password', async () => {
    const res = await h.call('POST', '/api/session', { json: { username: 'admin' } });
    expect(res.status).toBe(400);
    expect(codeOf(res.json)).toBe('request/invalid');
  });

  it('signs the bootstrap admin in with an HttpOnly SameSite=Strict cookie, then out', async () => {
    const res = await h.call('POST', '/api/session', {
      json: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(sessionResponseSchema.parse(res.json)).toEqual({
      user: { username: 'admin', role: 'admin' },
      via: 'session',
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^console_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const cookie = setCookie.split(';')[0] ?? '';

    const me = await h.call('GET', '/api/session', { cookie });
    expect(me.status).toBe(200);
    expect(sessionResponseSchema.parse(me.json).user.username).toBe('admin');

    const out = await h.call('DELETE', '/api/session', { cookie });
    expect(out.status).toBe(204);
    const after = await h.call('GET', '/api/session', { cookie });
    expect(after.status).toBe(401);
  });

  it('marks the cookie Secure when a trusted proxy says the request was HTTPS', async () => {
    const proxied = await startHarness({ env: { TRUST_PROXY: 'loopback' } });
    try {
      const res = await proxied.call('POST', '/api/session', {
        json: { username: 'admin', password: ADMIN_PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    } finally {
      await proxied.stop();
    }
  });

  it('stores only a hash of the session id', async () => {
    const cookie = await h.signIn();
    const raw = cookie.split('=')[1] ?? '';
    const sessions = await withStore(async (repos) => ({
      byRaw: await repos.sessions.get(raw),
      byHash: await repos.sessions.get(createHash('sha256').update(raw).digest('hex')),
    }));
    expect(sessions.byRaw).toBeUndefined();
    expect(sessions.byHash?.username).toBe('admin');
  });

  it('stops a disabled user at once, then refuses their sign-in', async () => {
    await withStore(async (repos) => {
      await repos.users.create({
        username: 'dora',
        passwordHash: await hashPassword('dora-password'),
        role: 'viewer',
      });
    });
    const cookie = await h.signIn('dora', 'dora-password');
    expect((await h.call('GET', '/api/catalog', { cookie })).status).toBe(200);
    await withStore((repos) => repos.users.update('dora', { disabled: true }));
    const res = await h.call('GET', '/api/catalog', { cookie });
    expect(res.status).toBe(401);
    const again = await h.call('POST', '/api/session', {
      json: { username: 'dora', password: 'dora-password' },
    });
    expect(again.status).toBe(403);
    expect(codeOf(again.json)).toBe('auth/disabled');
  });

  it('changes the password, ends the other sessions and keeps the caller signed in', async () => {
    await withStore(async (repos) => {
      await repos.users.create({
        username: 'pat',
        passwordHash: await hashPassword('old-password'),
        role: 'operator',
      });
    });
    const first = await h.signIn('pat', 'old-password');
    const second = await h.signIn('pat', 'old-password');
    const wrong = await h.call('POST', '/api/session/password', {
      cookie: first,
      json: { currentPassword: 'bad', newPassword: 'new-password' },
    });
    expect(wrong.status).toBe(401);
    const res = await h.call('POST', '/api/session/password', {
      cookie: first,
      json: { currentPassword: 'old-password', newPassword: 'new-password' },
    });
    expect(res.status).toBe(204);
    const renewed = res.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect((await h.call('GET', '/api/session', { cookie: renewed })).status).toBe(200);
    expect((await h.call('GET', '/api/session', { cookie: second })).status).toBe(401);
    expect(
      (await h.call('POST', '/api/session', { json: { username: 'pat', password: 'old-password' } })).status,
    ).toBe(401);
    await h.signIn('pat', 'new-password');
  });
});

describe('Authorization: Bearer', () => {
  it('accepts a valid token and refuses revoked, expired and unknown ones', async () => {
    const tokens = {
      good: randomBytes(24).toString('base64url'),
      revoked: randomBytes(24).toString('base64url'),
    };
    const expired = randomBytes(24).toString('base64url');
    const hash = (t: string) => createHash('sha256').update(t).digest('hex');
    await withStore(async (repos) => {
      await repos.tokens.create({
        id: 't1',
        name: 'ci',
        owner: 'admin',
        tokenHash: hash(tokens.good),
        expiresAt: null,
      });
      await repos.tokens.create({
        id: 't2',
        name: 'old',
        owner: 'admin',
        tokenHash: hash(tokens.revoked),
        expiresAt: null,
      });
      await repos.tokens.revoke('t2');
      await repos.tokens.create({
        id: 't3',
        name: 'gone',
        owner: 'admin',
        tokenHash: hash(expired),
        expiresAt: new Date(Date.now() - 1000),
      });
    });
    const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
    const ok = await h.call('GET', '/api/session', bearer(tokens.good));
    expect(ok.status).toBe(200);
    expect(sessionResponseSchema.parse(ok.json)).toEqual({
      user: { username: 'admin', role: 'admin' },
      via: 'token',
    });
    for (const t of [tokens.revoked, expired, 'not-a-token']) {
      const res = await h.call('GET', '/api/catalog', bearer(t));
      expect(res.status).toBe(401);
      expect(codeOf(res.json)).toBe('auth/unauthenticated');
    }
  });
});
