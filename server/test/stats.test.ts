import { statsResponseSchema } from '@console/shared/api';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '../src/adapters/db';
import { type Harness, startHarness, TEST_ADMIN, TEST_SDKAPPID } from './support/harness';
import { bearer, errorCode, tokenFor, userWithRole } from './support/users';

const accountCheck = (environmentId: string) => ({
  environmentId,
  service: 'im_open_login_svc',
  command: 'account_check',
  body: { CheckItem: [{ UserID: 'a' }] },
});

describe('GET /api/stats', () => {
  let h: Harness;
  let cookie: string;
  let started: string;
  beforeAll(async () => {
    h = await startHarness({
      extraEnvironments: (url) => [
        {
          id: 'tight',
          label: 'Two calls a second',
          endpoint: url,
          // Its own app, so its limit is not shared with `fake` (the limiter counts per SDKAppID and upstream).
          sdkAppId: TEST_SDKAPPID + 1,
          adminIdentifier: TEST_ADMIN,
          secretKey: { env: 'TEST_SECRET_KEY' },
          rateLimits: { '*': 2 },
        },
      ],
    });
    cookie = await h.signIn();
    started = new Date(Date.now() - 60_000).toISOString();
    // On `fake`: 3 OK, 2 FAIL 70107; on `refused`: 1 transport error; on `tight`: 2 admitted, 2 refused.
    for (let i = 0; i < 3; i++) await h.call('POST', '/api/requests', { cookie, json: accountCheck('fake') });
    h.upstream.mode = 'fail';
    for (let i = 0; i < 2; i++) await h.call('POST', '/api/requests', { cookie, json: accountCheck('fake') });
    h.upstream.mode = 'ok';
    await h.call('POST', '/api/requests', { cookie, json: accountCheck('refused') });
    const tight = await Promise.all(
      Array.from({ length: 4 }, () =>
        h.call('POST', '/api/requests', { cookie, json: accountCheck('tight') }),
      ),
    );
    expect(tight.map((r) => r.status).sort()).toEqual([201, 201, 429, 429]);
  });
  afterAll(async () => {
    await h.stop();
  });

  const range = () =>
    `from=${encodeURIComponent(started)}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`;

  it('counts the calls of one environment by outcome, with top codes, commands and operators', async () => {
    const res = await h.call('GET', `/api/stats?environmentId=fake&${range()}`, { cookie });
    expect(res.status).toBe(200);
    const stats = statsResponseSchema.parse(res.json);
    expect(stats.totals).toMatchObject({ calls: 5, ok: 3, fail: 2, error: 0, limited: 0 });
    expect(stats.totals.p50Ms).not.toBeNull();
    expect(stats.topErrorCodes).toEqual([{ code: 70107, count: 2, meaning: expect.stringMatching(/.+/) }]);
    expect(stats.topCommands).toEqual([
      { service: 'im_open_login_svc', command: 'account_check', calls: 5, fail: 2, error: 0, limited: 0 },
    ]);
    expect(stats.topOperators).toEqual([
      { operator: 'admin', token: null, calls: 5, fail: 2, error: 0, limited: 0 },
    ]);
    expect(stats.series.reduce((a, p) => a + p.ok, 0)).toBe(3);
  });

  it('counts transport errors, and refusals of the console’s own limiter that have no history row', async () => {
    const all = statsResponseSchema.parse((await h.call('GET', `/api/stats?${range()}`, { cookie })).json);
    expect(all.totals).toMatchObject({ calls: 8, ok: 5, fail: 2, error: 1, limited: 2 });
    const tight = statsResponseSchema.parse(
      (await h.call('GET', `/api/stats?environmentId=tight&${range()}`, { cookie })).json,
    );
    expect(tight.totals).toMatchObject({ calls: 2, limited: 2 });
    const history = await h.call('GET', '/api/requests?environmentId=tight', { cookie });
    expect((history.json as { items: unknown[] }).items).toHaveLength(2);
  });

  it('answers the counted range widened to whole minutes, and defaults to the last hour', async () => {
    // Offsets are honoured: 18:14:10+08:00 is 10:14:10 UTC.
    const offset = statsResponseSchema.parse(
      (await h.call('GET', '/api/stats?from=2026-11-26T10:00:30Z&to=2026-11-26T18:14:10%2B08:00', { cookie }))
        .json,
    );
    expect(offset.to).toBe('2026-11-26T10:15:00.000Z');
    const fixed = statsResponseSchema.parse(
      (await h.call('GET', '/api/stats?from=2026-11-26T10:00:30Z&to=2026-11-26T10:14:10Z', { cookie })).json,
    );
    expect([fixed.from, fixed.to, fixed.stepMs, fixed.series.length]).toEqual([
      '2026-11-26T10:00:00.000Z',
      '2026-11-26T10:15:00.000Z',
      60_000,
      15,
    ]);
    const dflt = statsResponseSchema.parse((await h.call('GET', '/api/stats', { cookie })).json);
    expect(Date.parse(dflt.to) - Date.parse(dflt.from)).toBe(3_600_000);
    expect(dflt.totals.calls).toBe(8);
  });

  it('is readable by a viewer and by an API token, never anonymously', async () => {
    const viewer = await userWithRole(h, cookie, 'vera', 'viewer');
    expect((await h.call('GET', '/api/stats', { cookie: viewer.cookie })).status).toBe(200);
    const { token } = await tokenFor(h, viewer.cookie);
    expect((await h.call('GET', '/api/stats', { headers: bearer(token) })).status).toBe(200);
    const anonymous = await h.call('GET', '/api/stats');
    expect(anonymous.status).toBe(401);
    expect(errorCode(anonymous.json)).toBe('auth/unauthenticated');
  });

  it.each([
    ['a time that is not ISO', 'from=yesterday'],
    ['a time without an offset', 'from=2026-11-26T10:00:00'],
    ['from after to', 'from=2026-11-26T11:00:00Z&to=2026-11-26T10:00:00Z'],
    ['a range over 400 days', 'from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
    ['an empty environment id', 'environmentId='],
  ])('answers 400 request/invalid for %s', async (_name, query) => {
    const res = await h.call('GET', `/api/stats?${query}`, { cookie });
    expect(res.status).toBe(400);
    expect(errorCode(res.json)).toBe('request/invalid');
  });

  // Last: it adds calls the tests above do not count.
  it('lists calls made with an API token under the token, apart from its owner’s own calls', async () => {
    const ci = await tokenFor(h, cookie, 'ci-deploy');
    for (let i = 0; i < 3; i++) {
      const res = await h.call('POST', '/api/requests', {
        headers: bearer(ci.token),
        json: accountCheck('fake'),
      });
      expect(res.status).toBe(201);
    }
    h.upstream.mode = 'fail';
    await h.call('POST', '/api/requests', { headers: bearer(ci.token), json: accountCheck('fake') });
    h.upstream.mode = 'ok';
    const stats = statsResponseSchema.parse(
      (await h.call('GET', `/api/stats?environmentId=fake&${range()}`, { cookie })).json,
    );
    expect(stats.totals.calls).toBe(9);
    expect(stats.topOperators).toEqual([
      { operator: 'admin', token: null, calls: 5, fail: 2, error: 0, limited: 0 },
      { operator: 'admin', token: { id: ci.id, name: 'ci-deploy' }, calls: 4, fail: 1, error: 0, limited: 0 },
    ]);
    // A revoked token keeps its name on the dashboard.
    expect((await h.call('DELETE', `/api/tokens/${ci.id}`, { cookie })).status).toBeLessThan(300);
    const after = statsResponseSchema.parse(
      (await h.call('GET', `/api/stats?environmentId=fake&${range()}`, { cookie })).json,
    );
    expect(after.topOperators[1]?.token).toEqual({ id: ci.id, name: 'ci-deploy' });
  });
});

describe('the rollup fold in the server', () => {
  it('moves the calls of past minutes to the four rollup tables while it runs (decision 056)', async () => {
    const h = await startHarness({ serverOptions: { rollupFoldIntervalMs: 50 } });
    const db = await openDatabase({ dataDir: h.dataDir, databaseUrl: h.databaseUrl });
    try {
      const at = new Date(Date.now() - 3_600_000).toISOString();
      // A refusal of an hour ago, added behind the server's back: it waits in stats_recent.
      await createRepositories(db).stats.add([
        {
          at,
          environmentId: 'fake',
          service: 'im_open_login_svc',
          command: 'account_check',
          operator: 'admin',
          outcome: 'limited',
          errorCode: null,
          durationMs: null,
        },
      ]);
      const tiers = async () => {
        const { rows } = await sql<{ res: string; n: number }>`select res, sum(calls) as n from stats_series
          group by res union all select 'recent', coalesce(sum(calls), 0) from stats_recent order by res`.execute(
          db.kysely,
        );
        return rows.map((r) => [r.res, Number(r.n)]);
      };
      for (let i = 0; i < 100 && (await tiers()).length < 5; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await tiers()).toEqual([
        ['d', 1],
        ['h', 1],
        ['m', 1],
        ['q', 1],
        ['recent', 0],
      ]);
      const cookie = await h.signIn();
      const res = await h.call(
        'GET',
        `/api/stats?from=${encodeURIComponent(new Date(Date.parse(at) - 60_000).toISOString())}`,
        { cookie },
      );
      expect(statsResponseSchema.parse(res.json).totals.limited).toBe(1);
    } finally {
      await db.close();
      await h.stop();
    }
  });
});
