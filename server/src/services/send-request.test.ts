import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../adapters/db';
import { openTempDatabase } from '../adapters/db/testing';
import { TencentClient } from '../adapters/tencent-client';
import { UserSigSigner } from '../adapters/usersig';
import { AppError } from '../core/errors';
import { guardCommands } from './authorize';
import { EnvironmentRegistry } from './environments';
import { CommandRateLimiter, WINDOW_MARGIN_MS, WINDOW_MS } from './rate-limiter';
import { SendRequestService } from './send-request';

const SPAN = WINDOW_MS + WINDOW_MARGIN_MS;
/** How long the pending row's commit takes, on the test's clock. */
const BEGIN_MS = 800;

let store: Awaited<ReturnType<typeof openTempDatabase>>;
let repos: Repositories;
let upstream: Server;
const clock = { now: 0 };
/** Per upstream arrival: how many history rows were pending then. */
const pendingAtArrival: number[] = [];
let failNextBegin = false;
let service: SendRequestService;
const user = { username: 'alice', role: 'admin' as const, via: 'session' as const };
const input = {
  environmentId: 'one-a-second',
  service: 'im_open_login_svc',
  command: 'account_check',
  body: { CheckItem: [{ UserID: 'a' }] },
};

beforeAll(async () => {
  store = await openTempDatabase();
  const real = createRepositories(store.db);
  repos = {
    ...real,
    calls: {
      ...real.calls,
      // The pending row's commit takes BEGIN_MS on the limiter's clock (a group commit under load).
      async begin(pending, bodyText) {
        if (failNextBegin) {
          failNextBegin = false;
          throw new Error('the store is unavailable');
        }
        await real.calls.begin(pending, bodyText);
        clock.now += BEGIN_MS;
      },
    },
  };
  upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      void sql<{ n: number }>`select count(*) as n from history where outcome = 'pending'`
        .execute(store.db.kysely)
        .then((r) => {
          pendingAtArrival.push(Number(r.rows[0]?.n));
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RequestId: 'Id-1' }));
        });
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const { port } = upstream.address() as AddressInfo;
  const environments = new EnvironmentRegistry(
    [
      {
        kind: 'upstream',
        id: 'one-a-second',
        label: 'One a second',
        region: null,
        baseUrl: `http://127.0.0.1:${port}`,
        sdkAppId: 1400000099,
        adminIdentifier: 'administrator',
        secretKey: 'a-test-secret-key',
        production: false,
        readOnly: false,
        confirmWrites: false,
        rateLimits: { '*': 1 },
      },
    ],
    null,
  );
  service = new SendRequestService({
    repos,
    environments,
    signer: new UserSigSigner(),
    client: new TencentClient(5000),
    authorize: guardCommands,
    limiter: new CommandRateLimiter(() => clock.now),
  });
});
afterAll(async () => {
  await new Promise((r) => upstream.close(r));
  await store.cleanup();
});

async function refusal(): Promise<number | null> {
  try {
    await service.send(user, input);
    return null;
  } catch (err) {
    if (err instanceof AppError && err.code === 'rate/limited') {
      const details = err.details as { retryAfterMs: number };
      return details.retryAfterMs;
    }
    throw err;
  }
}

describe('SendRequestService and the rate limit', () => {
  it('counts a call from when it goes out, after its pending row, not from its admission', async () => {
    clock.now = 10_000;
    const entry = await service.send(user, input);
    expect(entry.outcome).toBe('ok');
    // The upstream saw the call while its history row was already there as pending.
    expect(pendingAtArrival).toEqual([1]);
    // Admitted at 10 000, sent at 10 800: a window measured from the admission would be over at
    // 11 100, but the call reached the upstream at 10 800, so the next waits until 11 900.
    clock.now = 10_000 + SPAN + 100;
    expect(await refusal()).toBe(BEGIN_MS - 100);
    clock.now = 10_000 + BEGIN_MS + SPAN;
    expect((await service.send(user, input)).outcome).toBe('ok');
    expect(pendingAtArrival).toEqual([1, 1]);
  });

  it('holds the place from admission, so calls waiting for their pending row fill the limit too', async () => {
    clock.now = 50_000;
    // Two at once at 1/s: the second is refused while the first is still writing its pending row.
    const [first, second] = await Promise.allSettled([service.send(user, input), service.send(user, input)]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    expect(second.status === 'rejected' && second.reason instanceof AppError && second.reason.code).toBe(
      'rate/limited',
    );
  });

  it('gives the place back when the call never goes out', async () => {
    clock.now = 100_000;
    failNextBegin = true;
    const arrivals = pendingAtArrival.length;
    await expect(service.send(user, input)).rejects.toThrow(/unavailable/);
    expect(pendingAtArrival).toHaveLength(arrivals);
    // Same instant: the failed call holds no place, so this one is admitted.
    expect((await service.send(user, input)).outcome).toBe('ok');
  });
});
