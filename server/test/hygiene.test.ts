import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness';
import { errorCode } from './support/users';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startHarness({ env: { TRUST_PROXY: 'true' } });
  admin = await h.signIn();
});
afterAll(async () => {
  await h.stop();
});

describe('answers about people and calls', () => {
  it.each([
    ['GET', '/api/session'],
    ['GET', '/api/users'],
    ['GET', '/api/tokens'],
    ['GET', '/api/requests'],
    ['GET', '/api/audit'],
    ['GET', '/api/requests/nope'],
    ['POST', '/api/requests'],
  ])('%s %s carries Cache-Control: no-store', async (method, route) => {
    const res = await h.call(method, route, {
      cookie: admin,
      ...(method === 'POST'
        ? {
            json: {
              environmentId: 'fake',
              service: 'openconfigsvr',
              command: 'getappinfo',
              body: {},
            },
          }
        : {}),
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('the sign-in answer and its refusal carry it too', async () => {
    const wrong = await h.call('POST', '/api/session', { json: { username: 'nobody', password: 'x' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('cache-control')).toBe('no-store');
  });
});

describe('usernames', () => {
  it('are unique regardless of letter case: 409 user/exists', async () => {
    const first = await h.call('POST', '/api/users', {
      cookie: admin,
      json: { username: 'Marta', password: 'marta-password-1', role: 'viewer' },
    });
    expect(first.status).toBe(201);
    for (const username of ['marta', 'MARTA', 'ADMIN']) {
      const res = await h.call('POST', '/api/users', {
        cookie: admin,
        json: { username, password: 'other-password-1', role: 'admin' },
      });
      expect(res.status, username).toBe(409);
      expect(errorCode(res.json)).toBe('user/exists');
    }
  });
});

describe('API token names', () => {
  it.each([
    ['a newline', 'scraper\nadmin'],
    ['a NUL', 'scraper\u0000'],
    ['an escape sequence', 'scraper\u001b[31m'],
    ['a right-to-left override', 'scraper\u202Etxt.exe'],
  ])('refuse %s with 400 request/invalid', async (_what, name) => {
    const res = await h.call('POST', '/api/tokens', { cookie: admin, json: { name } });
    expect(res.status).toBe(400);
    expect(errorCode(res.json)).toBe('request/invalid');
  });

  it('accept letters of any script, spaces and punctuation', async () => {
    const res = await h.call('POST', '/api/tokens', {
      cookie: admin,
      json: { name: 'Grafana · 监控 (read-only)' },
    });
    expect(res.status).toBe(201);
  });
});

describe('TRUST_PROXY=true', () => {
  it('is warned about at start, naming what to set instead', () => {
    expect(h.logs.join('')).toContain('TRUST_PROXY=true believes every X-Forwarded-For hop');
  });
});
