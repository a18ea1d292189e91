import {
  apiTokenSchema,
  createTokenResponseSchema,
  tokensResponseSchema,
  userSchema,
  usersResponseSchema,
} from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, obj, startHarness } from './support/harness';
import { bearer, errorCode, tokenFor, userWithRole } from './support/users';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn();
});
afterAll(async () => {
  await h.stop();
});

const accountCheck = {
  environmentId: 'fake',
  service: 'im_open_login_svc',
  command: 'account_check',
  body: { CheckItem: [{ UserID: 'a' }] },
};

describe('users API', () => {
  it('creates a user (201, no password in the answer), lists it, and refuses a duplicate with 409 user/exists', async () => {
    const created = await h.call('POST', '/api/users', {
      cookie: admin,
      json: { username: 'amy', password: 'amy-password-1', role: 'operator' },
    });
    expect(created.status).toBe(201);
    expect(userSchema.strict().parse(created.json)).toMatchObject({
      username: 'amy',
      role: 'operator',
      disabled: false,
    });
    expect(created.text).not.toContain('amy-password-1');
    const list = usersResponseSchema.parse((await h.call('GET', '/api/users', { cookie: admin })).json);
    expect(list.users.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'amy']));
    const again = await h.call('POST', '/api/users', {
      cookie: admin,
      json: { username: 'amy', password: 'other-password', role: 'viewer' },
    });
    expect(again.status).toBe(409);
    expect(errorCode(again.json)).toBe('user/exists');
  });

  it('answers 400 request/invalid for a short password or a bad role, and 404 user/not-found', async () => {
    for (const json of [
      { username: 'ben', password: 'short', role: 'viewer' },
      { username: 'ben', password: 'long-enough-password', role: 'root' },
      { username: 'has space', password: 'long-enough-password', role: 'viewer' },
    ]) {
      const res = await h.call('POST', '/api/users', { cookie: admin, json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(errorCode(res.json)).toBe('request/invalid');
    }
    const missing = await h.call('PATCH', '/api/users/nobody', { cookie: admin, json: { role: 'viewer' } });
    expect(missing.status).toBe(404);
    expect(errorCode(missing.json)).toBe('user/not-found');
    const empty = await h.call('PATCH', '/api/users/admin', { cookie: admin, json: {} });
    expect(empty.status).toBe(400);
  });

  it('changes a role, which takes effect on the next request of a live session', async () => {
    const carl = await userWithRole(h, admin, 'carl', 'viewer');
    const write = { ...accountCheck, command: 'account_import', body: { UserID: 'x' } };
    expect((await h.call('POST', '/api/requests', { cookie: carl.cookie, json: write })).status).toBe(403);
    const patched = await h.call('PATCH', '/api/users/carl', { cookie: admin, json: { role: 'operator' } });
    expect(obj(patched.json).role).toBe('operator');
    expect((await h.call('POST', '/api/requests', { cookie: carl.cookie, json: write })).status).toBe(201);
  });

  it('cuts a disabled user off at once: live session 401, token 401, sign-in 403 auth/disabled', async () => {
    const dan = await userWithRole(h, admin, 'dan', 'operator');
    const { token } = await tokenFor(h, dan.cookie);
    expect((await h.call('GET', '/api/session', { headers: bearer(token) })).status).toBe(200);
    const disabled = await h.call('PATCH', '/api/users/dan', { cookie: admin, json: { disabled: true } });
    expect(obj(disabled.json).disabled).toBe(true);
    expect((await h.call('GET', '/api/session', { cookie: dan.cookie })).status).toBe(401);
    expect((await h.call('POST', '/api/requests', { cookie: dan.cookie, json: accountCheck })).status).toBe(
      401,
    );
    expect((await h.call('GET', '/api/session', { headers: bearer(token) })).status).toBe(401);
    const signIn = await h.call('POST', '/api/session', {
      json: { username: 'dan', password: dan.password },
    });
    expect(signIn.status).toBe(403);
    expect(errorCode(signIn.json)).toBe('auth/disabled');
    // Enabled again, the token works again; the session was ended for good.
    await h.call('PATCH', '/api/users/dan', { cookie: admin, json: { disabled: false } });
    expect((await h.call('GET', '/api/session', { headers: bearer(token) })).status).toBe(200);
    expect((await h.call('GET', '/api/session', { cookie: dan.cookie })).status).toBe(401);
  });

  it('resets a password: the old one stops working and the user’s sessions end', async () => {
    const eve = await userWithRole(h, admin, 'eve', 'viewer');
    const res = await h.call('PATCH', '/api/users/eve', {
      cookie: admin,
      json: { password: 'brand-new-password' },
    });
    expect(res.status).toBe(200);
    expect((await h.call('GET', '/api/session', { cookie: eve.cookie })).status).toBe(401);
    expect(
      (await h.call('POST', '/api/session', { json: { username: 'eve', password: eve.password } })).status,
    ).toBe(401);
    await h.signIn('eve', 'brand-new-password');
  });

  it('does not let an admin disable or demote themselves (400 user/self-lockout)', async () => {
    for (const json of [{ disabled: true }, { role: 'operator' }]) {
      const res = await h.call('PATCH', '/api/users/admin', { cookie: admin, json });
      expect(res.status).toBe(400);
      expect(errorCode(res.json)).toBe('user/self-lockout');
    }
    expect((await h.call('GET', '/api/session', { cookie: admin })).status).toBe(200);
  });
});

describe('API tokens', () => {
  it('creates a crc_ token shown once, acts with the owner’s role, and never lists the token', async () => {
    const fay = await userWithRole(h, admin, 'fay', 'viewer');
    const res = await h.call('POST', '/api/tokens', {
      cookie: fay.cookie,
      json: { name: 'nightly', expiresInDays: 7 },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = createTokenResponseSchema.parse(res.json);
    expect(created.token).toMatch(/^crc_[A-Za-z0-9_-]{43}$/);
    expect(created.owner).toBe('fay');
    expect(Date.parse(created.expiresAt ?? '') - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const session = await h.call('GET', '/api/session', { headers: bearer(created.token) });
    expect(obj(session.json)).toEqual({ user: { username: 'fay', role: 'viewer' }, via: 'token' });
    expect(
      (await h.call('POST', '/api/requests', { headers: bearer(created.token), json: accountCheck })).status,
    ).toBe(201);
    const write = { ...accountCheck, command: 'account_import', body: { UserID: 'x' } };
    expect(
      (await h.call('POST', '/api/requests', { headers: bearer(created.token), json: write })).status,
    ).toBe(403);

    const listed = await h.call('GET', '/api/tokens', { cookie: fay.cookie });
    const tokens = tokensResponseSchema.parse(listed.json).tokens;
    expect(tokens).toHaveLength(1);
    expect(apiTokenSchema.strict().parse(tokens[0])).toMatchObject({ id: created.id, name: 'nightly' });
    expect(tokens[0]?.lastUsedAt).not.toBeNull();
    expect(listed.text).not.toContain(created.token);
    expect((await h.call('GET', '/api/tokens', { headers: bearer(created.token) })).text).not.toContain(
      created.token,
    );
    // Nor in the log, although every request above carried it.
    expect(h.logs.join('')).not.toContain(created.token.slice(4));
  });

  it('revokes a token (204), after which it answers 401; revoking again answers 404 token/not-found', async () => {
    const gus = await userWithRole(h, admin, 'gus', 'operator');
    const { id, token } = await tokenFor(h, gus.cookie);
    // Used first, so the verified token is kept in the cache (decision 040) when it is revoked.
    expect((await h.call('GET', '/api/session', { headers: bearer(token) })).status).toBe(200);
    expect((await h.call('DELETE', `/api/tokens/${id}`, { cookie: gus.cookie })).status).toBe(204);
    const after = await h.call('GET', '/api/session', { headers: bearer(token) });
    expect(after.status).toBe(401);
    expect(errorCode(after.json)).toBe('auth/unauthenticated');
    const again = await h.call('DELETE', `/api/tokens/${id}`, { cookie: gus.cookie });
    expect(again.status).toBe(404);
    expect(errorCode(again.json)).toBe('token/not-found');
    expect(
      tokensResponseSchema.parse((await h.call('GET', '/api/tokens', { cookie: gus.cookie })).json).tokens,
    ).toEqual([]);
  });

  it('hides other people’s tokens from a non-admin but lets an admin revoke them', async () => {
    const hal = await userWithRole(h, admin, 'hal', 'operator');
    const ida = await userWithRole(h, admin, 'ida', 'operator');
    const { id, token } = await tokenFor(h, hal.cookie);
    expect((await h.call('DELETE', `/api/tokens/${id}`, { cookie: ida.cookie })).status).toBe(404);
    expect((await h.call('GET', '/api/session', { headers: bearer(token) })).status).toBe(200);
    expect((await h.call('DELETE', `/api/tokens/${id}`, { cookie: admin })).status).toBe(204);
    expect((await h.call('GET', '/api/session', { headers: bearer(token) })).status).toBe(401);
  });

  it('refuses an unknown or malformed bearer token with 401, and a token minting another with 403', async () => {
    for (const value of ['crc_nope', 'not-even-a-prefix']) {
      const res = await h.call('GET', '/api/requests', { headers: bearer(value) });
      expect(res.status).toBe(401);
    }
    const { token } = await tokenFor(h, admin);
    const minted = await h.call('POST', '/api/tokens', { headers: bearer(token), json: { name: 'child' } });
    expect(minted.status).toBe(403);
    expect(errorCode(minted.json)).toBe('auth/forbidden');
  });

  it('answers 400 request/invalid for a token without a name', async () => {
    const res = await h.call('POST', '/api/tokens', { cookie: admin, json: { expiresInDays: 0 } });
    expect(res.status).toBe(400);
    expect(errorCode(res.json)).toBe('request/invalid');
  });
});

describe('API tokens with a narrower role', () => {
  it('a viewer token of an admin reads but neither writes nor manages users', async () => {
    const res = await h.call('POST', '/api/tokens', {
      cookie: admin,
      json: { name: 'grafana scraper', role: 'viewer', expiresInDays: 30 },
    });
    expect(res.status).toBe(201);
    const created = createTokenResponseSchema.parse(res.json);
    expect(created.role).toBe('viewer');
    const listed = tokensResponseSchema.parse((await h.call('GET', '/api/tokens', { cookie: admin })).json);
    expect(listed.tokens.find((t) => t.id === created.id)?.role).toBe('viewer');

    const auth = bearer(created.token);
    expect(obj((await h.call('GET', '/api/session', { headers: auth })).json).user).toEqual({
      username: 'admin',
      role: 'viewer',
    });
    expect((await h.call('POST', '/api/requests', { headers: auth, json: accountCheck })).status).toBe(201);
    const write = { ...accountCheck, command: 'account_import', body: { UserID: 'x' } };
    const refused = await h.call('POST', '/api/requests', { headers: auth, json: write });
    expect(refused.status).toBe(403);
    expect(errorCode(refused.json)).toBe('auth/forbidden');
    expect((await h.call('GET', '/api/users', { headers: auth })).status).toBe(403);
    expect((await h.call('GET', '/api/audit', { headers: auth })).status).toBe(403);
  });

  it('refuses a token role above the owner’s, and follows an owner demoted below the token', async () => {
    const olga = await userWithRole(h, admin, 'olga', 'operator');
    const tooHigh = await h.call('POST', '/api/tokens', {
      cookie: olga.cookie,
      json: { name: 'x', role: 'admin' },
    });
    expect(tooHigh.status).toBe(403);
    expect(errorCode(tooHigh.json)).toBe('auth/forbidden');

    const res = await h.call('POST', '/api/tokens', {
      cookie: olga.cookie,
      json: { name: 'ci', role: 'operator' },
    });
    const { token } = createTokenResponseSchema.parse(res.json);
    await h.call('PATCH', '/api/users/olga', { cookie: admin, json: { role: 'viewer' } });
    expect(obj((await h.call('GET', '/api/session', { headers: bearer(token) })).json).user).toEqual({
      username: 'olga',
      role: 'viewer',
    });
  });
});
