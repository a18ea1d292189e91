import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TEST_ADMIN, TEST_SDKAPPID } from './support/harness';
import { bearer, errorCode, tokenFor, userWithRole } from './support/users';

const accountCheck = (environmentId: string) => ({
  environmentId,
  service: 'im_open_login_svc',
  command: 'account_check',
  body: { CheckItem: [{ UserID: 'a' }] },
});

describe('GET /metrics', () => {
  let h: Harness;
  let cookie: string;
  let token: string;
  beforeAll(async () => {
    h = await startHarness({
      extraEnvironments: (url) => [
        {
          id: 'tight',
          label: 'One call a second',
          endpoint: url,
          // Its own app, so its limit is not shared with `fake` (the limiter counts per SDKAppID and upstream).
          sdkAppId: TEST_SDKAPPID + 1,
          adminIdentifier: TEST_ADMIN,
          secretKey: { env: 'TEST_SECRET_KEY' },
          rateLimits: { '*': 1 },
        },
      ],
    });
    cookie = await h.signIn();
    const viewer = await userWithRole(h, cookie, 'scraper', 'viewer');
    token = (await tokenFor(h, viewer.cookie, 'prometheus')).token;
    await h.call('POST', '/api/requests', { cookie, json: accountCheck('fake') });
    h.upstream.mode = 'fail';
    await h.call('POST', '/api/requests', { cookie, json: accountCheck('fake') });
    h.upstream.mode = 'ok';
    await h.call('POST', '/api/requests', { cookie, json: accountCheck('refused') });
    await h.call('POST', '/api/requests', { cookie, json: accountCheck('tight') });
    expect((await h.call('POST', '/api/requests', { cookie, json: accountCheck('tight') })).status).toBe(429);
    await h.call('POST', '/api/session', { json: { username: 'admin', password: 'not it' } });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers the Prometheus text format to an API token of any role', async () => {
    const res = await h.call('GET', '/metrics', { headers: bearer(token) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = res.text.split('\n');
    const has = (line: string) => expect(lines).toContain(line);
    has(
      'console_upstream_calls_total{environment="fake",command="im_open_login_svc/account_check",outcome="ok",error_code="0"} 1',
    );
    has(
      'console_upstream_calls_total{environment="fake",command="im_open_login_svc/account_check",outcome="fail",error_code="70107"} 1',
    );
    has(
      'console_upstream_calls_total{environment="refused",command="im_open_login_svc/account_check",outcome="error",error_code=""} 1',
    );
    has('console_upstream_duration_seconds_count{environment="fake"} 2');
    has('console_rate_limited_total{environment="tight",command="im_open_login_svc/account_check"} 1');
    has('console_sign_in_failures_total{reason="invalid-credentials"} 1');
    expect(lines).toContainEqual(expect.stringMatching(/^console_store_commit_seconds_count 4$/));
    expect(lines).toContainEqual(expect.stringMatching(/^process_cpu_user_seconds_total \d/));
    expect(lines).toContainEqual(expect.stringMatching(/^nodejs_eventloop_lag_p99_seconds /));
  });

  it('never shows the secret key or a UserSig', async () => {
    const res = await h.call('GET', '/metrics', { headers: bearer(token) });
    expect(res.text).not.toContain(h.secretKey);
    for (const sig of h.upstream.userSigs()) expect(res.text).not.toContain(sig);
  });

  it.each([
    ['anonymously', {}],
    ['with a session cookie only', undefined],
    ['with a token that does not exist', bearer('crc_not-a-real-token')],
  ])('answers 401 auth/unauthenticated %s', async (_name, headers) => {
    const res = await h.call('GET', '/metrics', headers === undefined ? { cookie } : { headers });
    expect(res.status).toBe(401);
    expect(errorCode(res.json)).toBe('auth/unauthenticated');
    expect(res.text).not.toContain('console_upstream_calls_total');
  });
});
