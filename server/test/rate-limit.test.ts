import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandRateLimiter } from '../src/services/rate-limiter';
import { type Harness, obj, startHarness, TEST_ADMIN, TEST_SDKAPPID } from './support/harness';
import { bearer, errorCode, tokenFor } from './support/users';

const accountCheck = (environmentId: string) => ({
  environmentId,
  service: 'im_open_login_svc',
  command: 'account_check',
  body: { CheckItem: [{ UserID: 'a' }] },
});

function burst(h: Harness, auth: Record<string, string>, n: number, environmentId = 'fake') {
  return Promise.all(
    Array.from({ length: n }, () =>
      h.call('POST', '/api/requests', { headers: auth, json: accountCheck(environmentId) }),
    ),
  );
}

describe('rate limits on the wall clock', () => {
  let h: Harness;
  let auth: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness({
      // A loaded 2-core machine must not turn admitted calls into timeouts.
      env: { UPSTREAM_TIMEOUT_MS: '5000' },
      extraEnvironments: (url) => [
        {
          id: 'raised',
          label: 'Raised limits',
          endpoint: url,
          // Another app: with the same SDKAppID it would share the limit of "fake".
          sdkAppId: TEST_SDKAPPID + 1,
          adminIdentifier: TEST_ADMIN,
          secretKey: { env: 'TEST_SECRET_KEY' },
          rateLimits: { 'im_open_login_svc/account_check': 3, '*': 5 },
        },
      ],
    });
    auth = bearer((await tokenFor(h, await h.signIn())).token);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('lets no more than 100 calls a second of a 100/s command reach the upstream in a burst of 300', async () => {
    const before = h.upstream.calls.length;
    const started = performance.now();
    const answers = await burst(h, auth, 300);
    const elapsedMs = performance.now() - started;
    const limited = answers.filter((a) => a.status === 429);
    const admitted = answers.filter((a) => a.status !== 429);
    expect(admitted.filter((a) => a.status !== 201).map((a) => a.text)).toEqual([]);
    const received = h.upstream.calls.length - before;
    expect(received).toBe(admitted.length);
    // 100 at once, then 100 more per further second the burst lasted (a slow machine stretches it).
    expect(received).toBeLessThanOrEqual(100 * (1 + Math.floor(elapsedMs / 1000)));
    for (const a of limited) {
      expect(errorCode(a.json)).toBe('rate/limited');
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });

  it('applies an environment’s overrides: the exact command first, then *', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await h.call('POST', '/api/requests', { headers: auth, json: accountCheck('raised') })).status,
      );
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const appInfo = { environmentId: 'raised', service: 'openconfigsvr', command: 'getappinfo', body: {} };
    const others: number[] = [];
    for (let i = 0; i < 7; i++) {
      others.push((await h.call('POST', '/api/requests', { headers: auth, json: appInfo })).status);
    }
    expect(others).toEqual([201, 201, 201, 201, 201, 429, 429]);
  });

  it('never makes the sandbox answer 60007 under sustained load, where a one-second token bucket would', async () => {
    // get_room_list is documented at 10/s, which the sandbox enforces per calendar second.
    const roomList = {
      environmentId: 'sandbox',
      service: 'live_engine_http_srv',
      command: 'get_room_list',
      body: { Next: '', Count: 20 },
    };
    const codes: number[] = [];
    let limited = 0;
    const started = performance.now();
    const until = started + 2300;
    const worker = async () => {
      while (performance.now() < until) {
        const res = await h.call('POST', '/api/requests', { headers: auth, json: roomList });
        if (res.status === 429) {
          limited += 1;
          // Keep pressing rather than wait for Retry-After: the client that ignores it is the case to survive.
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        expect(res.status).toBe(201);
        codes.push(Number(obj(res.json).errorCode));
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const elapsedMs = performance.now() - started;
    expect(limited).toBeGreaterThan(0);
    expect(codes.filter((c) => c === 60007)).toEqual([]);
    expect(codes.length).toBeGreaterThanOrEqual(20);
    expect(codes.length).toBeLessThanOrEqual(10 * (1 + Math.floor(elapsedMs / 1000)));
  });
});

describe('rate limits on a clock the test moves', () => {
  // How fast a loaded machine serves the burst must not decide the outcome, so time stands still
  // until the test moves it.
  const clock = { now: 0 };
  let h: Harness;
  let auth: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness({
      env: { UPSTREAM_TIMEOUT_MS: '5000' },
      serverOptions: { limiter: new CommandRateLimiter(() => clock.now) },
    });
    auth = bearer((await tokenFor(h, await h.signIn())).token);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers a burst of 300 calls of a 100/s command with 100 × 201 and 200 × 429 rate/limited with Retry-After', async () => {
    const before = h.upstream.calls.length;
    const answers = await burst(h, auth, 300);
    expect(answers.filter((a) => a.status !== 201 && a.status !== 429).map((a) => a.text)).toEqual([]);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(100);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(200);
    expect(h.upstream.calls.length - before).toBe(100);
    for (const a of limited) {
      expect(errorCode(a.json)).toBe('rate/limited');
      const details = obj(obj(obj(a.json).error).details);
      expect(details.limitPerSec).toBe(100);
      // Retry-After is whole seconds, rounded up from the exact wait.
      expect(Number(a.headers.get('retry-after'))).toBe(Math.ceil(Number(details.retryAfterMs) / 1000));
    }

    clock.now = 600;
    const stillFull = await h.call('POST', '/api/requests', { headers: auth, json: accountCheck('fake') });
    expect(stillFull.status).toBe(429);
    expect(stillFull.headers.get('retry-after')).toBe('1');

    clock.now = 1100;
    const next = await burst(h, auth, 150);
    expect(next.filter((a) => a.status === 201)).toHaveLength(100);
    expect(h.upstream.calls.length - before).toBe(200);
  });

  it('counts only calls that pass the other guard rails', async () => {
    clock.now = 10_000;
    const viewer = await h.call('POST', '/api/users', {
      cookie: await h.signIn(),
      json: { username: 'vic', password: 'vic-password-1', role: 'viewer' },
    });
    expect(viewer.status).toBe(201);
    const vic = await h.signIn('vic', 'vic-password-1');
    const write = { ...accountCheck('fake'), command: 'account_import', body: { UserID: 'x' } };
    for (let i = 0; i < 120; i++) {
      expect((await h.call('POST', '/api/requests', { cookie: vic, json: write })).status).toBe(403);
    }
    // account_import allows 200/s; the refused calls spent none of it.
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => h.call('POST', '/api/requests', { headers: auth, json: write })),
    );
    expect(answers.filter((a) => a.status !== 201).map((a) => a.text)).toEqual([]);
  });
});

describe('rate limits per app', () => {
  const clock = { now: 0 };
  let h: Harness;
  let auth: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness({
      env: { UPSTREAM_TIMEOUT_MS: '5000' },
      serverOptions: { limiter: new CommandRateLimiter(() => clock.now) },
      // The same app and upstream as "fake", under another name: Tencent counts both as one app.
      extraEnvironments: (url) => [
        {
          id: 'fake-twin',
          label: 'Fake upstream, read-only twin',
          endpoint: url,
          sdkAppId: TEST_SDKAPPID,
          adminIdentifier: TEST_ADMIN,
          secretKey: { env: 'TEST_SECRET_KEY' },
        },
      ],
    });
    auth = bearer((await tokenFor(h, await h.signIn())).token);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('lets 100 calls of a 100/s command through in all, however they are spread over two entries of one app', async () => {
    const before = h.upstream.calls.length;
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        h.call('POST', '/api/requests', {
          headers: auth,
          json: accountCheck(i % 2 === 0 ? 'fake' : 'fake-twin'),
        }),
      ),
    );
    expect(answers.filter((a) => a.status !== 201 && a.status !== 429).map((a) => a.text)).toEqual([]);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(100);
    expect(h.upstream.calls.length - before).toBe(100);
  });
});
