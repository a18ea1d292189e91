import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Harness, startHarness } from './support/harness';
import { bearer, errorCode, tokenFor, userWithRole } from './support/users';

let h: Harness;
let admin: string;
let own: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn();
  own = h.url;
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

describe('security headers', () => {
  it('sends a Content-Security-Policy that lets bundled Monaco run and nothing else, on pages and the API', async () => {
    for (const route of ['/healthz', '/api/session', '/']) {
      const res = await h.call('GET', route);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, route).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("worker-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('CSRF defence', () => {
  it('refuses a state-changing request from a foreign Origin with 403 request/bad-origin, before anything happens', async () => {
    const before = h.upstream.calls.length;
    const res = await h.call('POST', '/api/requests', {
      cookie: admin,
      json: accountCheck,
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(errorCode(res.json)).toBe('request/bad-origin');
    expect(h.upstream.calls.length).toBe(before);
  });

  it('refuses a foreign Referer when there is no Origin, and a null Origin', async () => {
    const foreign: Record<string, string>[] = [{ referer: 'https://evil.example/page' }, { origin: 'null' }];
    for (const headers of foreign) {
      const res = await h.call('DELETE', '/api/session', { cookie: admin, headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(errorCode(res.json)).toBe('request/bad-origin');
    }
    expect((await h.call('GET', '/api/session', { cookie: admin })).status).toBe(200);
  });

  it('refuses a login from a foreign page too', async () => {
    const res = await h.call('POST', '/api/session', {
      json: { username: 'admin', password: ADMIN_PASSWORD },
      headers: { origin: 'http://evil.example' },
    });
    expect(res.status).toBe(403);
  });

  it('accepts the console’s own origin, reads from anywhere, and requests with no origin at all', async () => {
    const same = await h.call('POST', '/api/requests', {
      cookie: admin,
      json: accountCheck,
      headers: { origin: own },
    });
    expect(same.status).toBe(201);
    const viaReferer = await h.call('POST', '/api/requests', {
      cookie: admin,
      json: accountCheck,
      headers: { referer: `${own}/history?x=1` },
    });
    expect(viaReferer.status).toBe(201);
    const read = await h.call('GET', '/api/session', {
      cookie: admin,
      headers: { origin: 'https://evil.example' },
    });
    expect(read.status).toBe(200);
    expect((await h.call('POST', '/api/requests', { cookie: admin, json: accountCheck })).status).toBe(201);
  });

  it('exempts bearer-token requests, which a foreign page cannot make', async () => {
    const { token } = await tokenFor(h, admin);
    const res = await h.call('POST', '/api/requests', {
      json: accountCheck,
      headers: { ...bearer(token), origin: 'https://ci.example' },
    });
    expect(res.status).toBe(201);
  });
});

describe('POST /sandbox/reset', () => {
  it('needs a signed-in operator or admin: 401 anonymous, 403 viewer, 204 operator', async () => {
    const anonymous = await h.call('POST', '/sandbox/reset');
    expect(anonymous.status).toBe(401);
    expect(errorCode(anonymous.json)).toBe('auth/unauthenticated');
    const viewer = await userWithRole(h, admin, 'vera', 'viewer');
    const refused = await h.call('POST', '/sandbox/reset', { cookie: viewer.cookie });
    expect(refused.status).toBe(403);
    expect(errorCode(refused.json)).toBe('auth/forbidden');
    const operator = await userWithRole(h, admin, 'otto', 'operator');
    const foreign = await h.call('POST', '/sandbox/reset', {
      cookie: operator.cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const ok = await h.call('POST', '/sandbox/reset', { cookie: operator.cookie });
    expect(ok.status).toBeLessThan(300);
  });
});
