import { appStatsResponseSchema, historyPageSchema } from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, obj, startHarness } from './support/harness';
import { errorCode, userWithRole } from './support/users';

describe('GET /api/environments/:id/app-stats', () => {
  let h: Harness;
  let cookie: string;
  beforeAll(async () => {
    h = await startHarness();
    cookie = await h.signIn();
  });
  afterAll(async () => {
    await h.stop();
  });

  const appInfoCalls = async (environmentId: string) =>
    historyPageSchema.parse(
      (await h.call('GET', `/api/requests?environmentId=${environmentId}&command=getappinfo`, { cookie }))
        .json,
    ).items;

  it('answers 30 days of the sandbox app, oldest first, through a recorded call, then from its cache', async () => {
    const res = await h.call('GET', '/api/environments/sandbox/app-stats', { cookie });
    expect(res.status).toBe(200);
    const stats = appStatsResponseSchema.parse(res.json);
    expect(stats.cached).toBe(false);
    expect(stats.days).toHaveLength(30);
    const dates = stats.days.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    const day = stats.days[0];
    expect(day?.activeUsers).toBeGreaterThan(0);
    expect(day?.callbackSuccessRatio).toBeGreaterThan(0.8);
    expect(day?.callbackSuccessRatio).toBeLessThanOrEqual(1);
    const calls = await appInfoCalls('sandbox');
    expect(calls.map((c) => [c.id, c.operator, c.outcome])).toEqual([[stats.historyId, 'admin', 'ok']]);
    expect(stats.requestId).toBe(calls[0]?.requestId);

    const again = appStatsResponseSchema.parse(
      (await h.call('GET', '/api/environments/sandbox/app-stats', { cookie })).json,
    );
    expect(again).toEqual({ ...stats, cached: true });
    expect(await appInfoCalls('sandbox')).toHaveLength(1);
  });

  it('calls Tencent again when someone presses Refresh', async () => {
    const res = await h.call('GET', '/api/environments/sandbox/app-stats?refresh=1', { cookie });
    expect(appStatsResponseSchema.parse(res.json).cached).toBe(false);
    expect(await appInfoCalls('sandbox')).toHaveLength(2);
  });

  it('is readable by a viewer, whose name the call is recorded under', async () => {
    const viewer = await userWithRole(h, cookie, 'wall-screen', 'viewer');
    const res = await h.call('GET', '/api/environments/sandbox/app-stats?refresh=1', {
      cookie: viewer.cookie,
    });
    expect(res.status).toBe(200);
    expect((await appInfoCalls('sandbox'))[0]?.operator).toBe('wall-screen');
  });

  it('answers 502 upstream/failed, with the code and the history entry, when Tencent answers an error', async () => {
    h.upstream.mode = 'fail';
    try {
      const res = await h.call('GET', '/api/environments/fake/app-stats', { cookie });
      expect(res.status).toBe(502);
      expect(errorCode(res.json)).toBe('upstream/failed');
      const details = obj(obj(obj(res.json).error).details);
      expect(details.errorCode).toBe(70107);
      expect((await appInfoCalls('fake')).map((c) => c.id)).toContain(details.historyId);
    } finally {
      h.upstream.mode = 'ok';
    }
  });

  it('answers 502 upstream/bad-response when the answer has no Result list', async () => {
    const res = await h.call('GET', '/api/environments/fake/app-stats', { cookie });
    expect(res.status).toBe(502);
    expect(errorCode(res.json)).toBe('upstream/bad-response');
  });

  it('answers 502 upstream/unreachable when nothing listens', async () => {
    const res = await h.call('GET', '/api/environments/refused/app-stats', { cookie });
    expect(res.status).toBe(502);
    expect(errorCode(res.json)).toBe('upstream/unreachable');
  });

  it.each([
    ['an unknown environment', '/api/environments/nowhere/app-stats', 404, 'environment/unknown'],
    [
      'a refresh that is not 0 or 1',
      '/api/environments/sandbox/app-stats?refresh=yes',
      400,
      'request/invalid',
    ],
  ])('answers %s with %i', async (_name, route, status, code) => {
    const res = await h.call('GET', route, { cookie });
    expect(res.status).toBe(status);
    expect(errorCode(res.json)).toBe(code);
  });

  it('never answers anonymously', async () => {
    const res = await h.call('GET', '/api/environments/sandbox/app-stats');
    expect(res.status).toBe(401);
  });
});
