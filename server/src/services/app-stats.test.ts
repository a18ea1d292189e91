import type { HistoryEntry } from '@console/shared/api';
import { describe, expect, it } from 'vitest';
import { APP_STATS_TTL_MS, AppStatsService } from './app-stats';
import type { SendInput } from './send-request';

const HOUR = 3_600_000;
const user = { username: 'wall', role: 'viewer' as const, via: 'session' as const };

/** A send service that answers getappinfo with one day and counts the calls per environment. */
function fakeSend() {
  const calls: string[] = [];
  return {
    calls,
    async send(_user: unknown, input: SendInput): Promise<HistoryEntry> {
      calls.push(input.environmentId);
      await new Promise((r) => setImmediate(r));
      return {
        id: `H${calls.length}`,
        createdAt: new Date(0).toISOString(),
        operator: 'wall',
        environmentId: input.environmentId,
        region: null,
        service: input.service,
        command: input.command,
        requestBody: input.body,
        url: 'https://example.invalid/v4/openconfigsvr/getappinfo',
        httpStatus: 200,
        durationMs: 1,
        outcome: 'ok',
        actionStatus: 'OK',
        errorCode: 0,
        errorInfo: '',
        requestId: `Id-${calls.length}`,
        response: {
          ActionStatus: 'OK',
          ErrorCode: 0,
          Result: [{ Date: '20261129', ActiveUserNum: String(calls.length) }],
        },
        errorDoc: null,
        failure: null,
        replayOf: null,
      };
    },
  };
}

describe('AppStatsService cache', () => {
  it('calls Tencent at most once per environment per hour unless refreshed', async () => {
    expect(APP_STATS_TTL_MS).toBe(HOUR);
    const clock = { now: 1_000_000 };
    const send = fakeSend();
    const service = new AppStatsService(send, () => clock.now);

    const first = await service.get(user, 'prod', false);
    expect(first).toMatchObject({ cached: false, requestId: 'Id-1' });
    expect(first.days[0]).toMatchObject({ date: '2026-11-29', activeUsers: 1 });

    clock.now += HOUR - 1;
    expect(await service.get(user, 'prod', false)).toMatchObject({ cached: true, requestId: 'Id-1' });
    // Another environment has its own cache entry and its own call.
    expect(await service.get(user, 'qa', false)).toMatchObject({ cached: false, requestId: 'Id-2' });
    expect(send.calls).toEqual(['prod', 'qa']);

    // An hour after the fetch, the next read calls again; two readers at once make one call.
    clock.now += 1;
    const [a, b] = await Promise.all([service.get(user, 'prod', false), service.get(user, 'prod', false)]);
    expect([a.requestId, b.requestId]).toEqual(['Id-3', 'Id-3']);
    expect(send.calls).toEqual(['prod', 'qa', 'prod']);

    // Refresh calls at once, even with a fresh cache, and the new answer is what the cache keeps.
    clock.now += 60_000;
    expect(await service.get(user, 'prod', true)).toMatchObject({ cached: false, requestId: 'Id-4' });
    expect(await service.get(user, 'prod', false)).toMatchObject({ cached: true, requestId: 'Id-4' });
    expect(send.calls).toEqual(['prod', 'qa', 'prod', 'prod']);
  });
});
