import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  callbackEntrySchema,
  createTokenResponseSchema,
  type Run,
  runSchema,
  statsResponseSchema,
} from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenCacheTtlMs } from '../src/adapters/db/token-cache';
import { childConsoles } from './support/child-console';
import { signedCallbackQuery } from './support/console-process';
import { type FakeUpstream, startFakeUpstream } from './support/fake-upstream';
import { openSse } from './support/sse';
import { startUpstreamProcess, type UpstreamProcess } from './support/upstream-process';

/**
 * Two console processes on one PostgreSQL behave as one console (issue 17, decision 039). Runs in
 * the `postgres` test project only.
 */
const { dataDir, secretKey, boot, signIn, cleanUp, isPostgres } = childConsoles({
  prefix: 'console-replicas-',
  password: 'replicas-password',
  listenTimeoutMs: 60_000,
});
const SDKAPPID = 1400000003;
/** Low enough that even a loaded 2-core machine offers more than twice it in the burst. */
const LIMIT = 10;
const CALLBACK_TOKEN = 'replicas-callback-token-7d1e';
let upstream: FakeUpstream;
/** Times arrivals on an event loop of its own (the test's is busy with the burst's clients). */
let timed: UpstreamProcess;
let environmentsFile: string;
let a: { child: ChildProcess; url: string };
let b: { child: ChildProcess; url: string };

beforeAll(async () => {
  expect(isPostgres).toBe(true);
  upstream = await startFakeUpstream({ sdkAppId: SDKAPPID, identifier: 'administrator', secretKey });
  timed = await startUpstreamProcess('ok');
  environmentsFile = path.join(dataDir, 'environments.json');
  writeFileSync(
    environmentsFile,
    JSON.stringify({
      environments: [
        {
          id: 'gateway',
          label: 'Gateway',
          endpoint: upstream.url,
          sdkAppId: SDKAPPID,
          adminIdentifier: 'administrator',
          secretKey: { env: 'CRASH_SECRET_KEY' },
          rateLimits: { 'im_open_login_svc/account_check': LIMIT, 'im_open_login_svc/account_import': 20 },
          callback: { token: { env: 'CB_TOKEN' } },
        },
        {
          id: 'timed',
          label: 'Arrivals timed apart',
          endpoint: timed.url,
          sdkAppId: SDKAPPID,
          adminIdentifier: 'administrator',
          secretKey: { env: 'CRASH_SECRET_KEY' },
          rateLimits: { 'im_open_login_svc/account_check': LIMIT },
        },
      ],
    }),
  );
  // Both start at once on an empty database: one migrates, the other waits for it. A run's events
  // stream reads the store again only when a change is announced (its fallback read is out of reach).
  const env = { CB_TOKEN: CALLBACK_TOKEN, RUN_EVENTS_RECHECK_MS: '600000' };
  [a, b] = await Promise.all([boot(environmentsFile, env), boot(environmentsFile, env)]);
}, 120_000);

afterAll(async () => {
  await cleanUp(async () => {
    await upstream?.close();
    await timed?.stop();
  });
});

const json = (cookie: string, body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie },
  body: JSON.stringify(body),
});

describe('two replicas on one PostgreSQL', () => {
  it('are ready, and a session made on one works on the other', async () => {
    for (const r of [a, b]) {
      const ready = await fetch(`${r.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok', database: 'postgres' });
    }
    const cookie = await signIn(a.url);
    const me = await fetch(`${b.url}/api/session`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: 'admin' } });
    // Signing out on the second ends the session on the first.
    expect((await fetch(`${b.url}/api/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    expect((await fetch(`${a.url}/api/session`, { headers: { cookie } })).status).toBe(401);
  });

  it('shares one limit: a 300-call burst spread over both reaches the upstream at most the limit in any second', async () => {
    const cookies = [await signIn(a.url), await signIn(b.url)];
    const before = (await timed.calls()).length;
    // 16 in flight at a time (8 per replica) offer well above the limit, so two limiters that did
    // not share their counts would let about twice the limit a second through.
    const answers: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = next++; i < 300; i = next++) {
          const res = await fetch(
            `${(i % 2 === 0 ? a : b).url}/api/requests`,
            json(cookies[i % 2] ?? '', {
              environmentId: 'timed',
              service: 'im_open_login_svc',
              command: 'account_check',
              body: { CheckItem: [{ UserID: `u${i}` }] },
            }),
          );
          await res.arrayBuffer();
          answers.push(res.status);
        }
      }),
    );
    const elapsedMs = performance.now() - started;
    const admitted = answers.filter((s) => s === 201).length;
    expect(answers.filter((s) => s !== 201 && s !== 429)).toEqual([]);
    const received = (await timed.calls()).slice(before);
    expect(received).toHaveLength(admitted);
    // The limit was reached: calls were refused.
    expect(admitted).toBeGreaterThanOrEqual(LIMIT);
    expect(answers.filter((s) => s === 429).length).toBeGreaterThan(0);
    // Where Tencent counts: no one-second window of arrivals at the upstream (one starts at some
    // arrival) holds more than the limit. The places are stamped right before each send in the one
    // PostgreSQL table (decision 026's contract, decision 039); two limiters that did not share
    // their counts would let about twice the limit through.
    const times = received.map((c) => c.at).sort((x, y) => x - y);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(LIMIT);
    expect(received.length).toBeLessThanOrEqual(LIMIT * (1 + Math.floor(elapsedMs / 1000)));
  }, 120_000);

  it('counts failed sign-ins across replicas', async () => {
    const attempt = (url: string) =>
      fetch(`${url}/api/session`, json('', { username: 'mallory', password: 'guess' }));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(i % 2 ? a.url : b.url)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // Five failures spread over both: the sixth try is refused on either replica.
    expect((await attempt(a.url)).status).toBe(429);
    expect((await attempt(b.url)).status).toBe(429);
  });

  it('shows calls made through one replica on the other’s dashboard', async () => {
    const cookie = await signIn(b.url);
    // The burst above went through both; each replica's dashboard counts all of it from the store.
    const stats = statsResponseSchema.parse(
      await (await fetch(`${b.url}/api/stats?environmentId=gateway`, { headers: { cookie } })).json(),
    );
    const fromA = await signIn(a.url);
    const before = stats.totals.calls;
    expect(
      (
        await fetch(
          `${a.url}/api/requests`,
          json(fromA, {
            environmentId: 'gateway',
            service: 'im_open_login_svc',
            command: 'account_import',
            body: { UserID: 'dashboard-check' },
          }),
        )
      ).status,
    ).toBe(201);
    let after = before;
    for (let i = 0; i < 50 && after === before; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const res = await fetch(`${b.url}/api/stats?environmentId=gateway`, { headers: { cookie } });
      after = statsResponseSchema.parse(await res.json()).totals.calls;
    }
    expect(after).toBe(before + 1);
  });

  it('refuses a token revoked on one replica on the other once its cache second is up (decision 040)', async () => {
    const cookie = await signIn(a.url);
    const created = createTokenResponseSchema.parse(
      await (await fetch(`${a.url}/api/tokens`, json(cookie, { name: 'replicated' }))).json(),
    );
    const onB = () =>
      fetch(`${b.url}/api/session`, { headers: { authorization: `Bearer ${created.token}` } });
    // Used on B first, so B keeps the verified token in its cache when A revokes it.
    expect((await onB()).status).toBe(200);
    const revoked = await fetch(`${a.url}/api/tokens/${created.id}`, {
      method: 'DELETE',
      headers: { cookie },
    });
    expect(revoked.status).toBe(204);
    // A forgets it at once; B's copy expires within the cache's second.
    expect(
      (await fetch(`${a.url}/api/session`, { headers: { authorization: `Bearer ${created.token}` } })).status,
    ).toBe(401);
    await new Promise((r) => setTimeout(r, tokenCacheTtlMs + 100));
    expect((await onB()).status).toBe(401);
  });

  it('streams a callback received by one replica live on the other (LISTEN/NOTIFY)', async () => {
    const stream = await openSse(`${b.url}/api/callbacks/stream?environmentId=gateway`, await signIn(b.url));
    expect(stream.status).toBe(200);
    const query = signedCallbackQuery({
      sdkAppId: SDKAPPID,
      command: 'Group.CallbackAfterMemberExit',
      token: CALLBACK_TOKEN,
    });
    const received = await fetch(`${a.url}/callbacks/gateway?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ CallbackCommand: 'Group.CallbackAfterMemberExit', GroupId: 'replicated' }),
    });
    expect(received.status).toBe(200);
    const event = await stream.next();
    stream.close();
    expect(event?.event).toBe('callback');
    const entry = callbackEntrySchema.parse(JSON.parse(event?.data ?? ''));
    expect(entry).toMatchObject({
      environmentId: 'gateway',
      command: 'Group.CallbackAfterMemberExit',
      verdict: 'accepted',
      body: { GroupId: 'replicated' },
    });
  });

  it('streams the progress of a run worked by one replica live on the other (LISTEN/NOTIFY)', async () => {
    upstream.delayMs = 100;
    const rows = 12;
    const started = await fetch(
      `${a.url}/api/runs`,
      json(await signIn(a.url), {
        environmentId: 'gateway',
        service: 'im_open_login_svc',
        command: 'account_import',
        template: '{"UserID":"{{user}}"}',
        csv: ['user', ...Array.from({ length: rows }, (_, i) => `live${i + 1}`)].join('\n'),
        ratePerSec: 5,
      }),
    );
    expect(started.status).toBe(201);
    const runId = runSchema.parse(await started.json()).id;
    const stream = await openSse(`${b.url}/api/runs/${runId}/events`, await signIn(b.url));
    expect(stream.status).toBe(200);
    const seen: Run[] = [];
    for (let e = await stream.next(); e !== undefined; e = await stream.next()) {
      seen.push(runSchema.parse(JSON.parse(e.data)));
    }
    upstream.delayMs = 0;
    // B reads the run only when A announces a change (or after 10 min): every state after the first
    // came over the bus, the last one the run's end.
    expect(['queued', 'running']).toContain(seen[0]?.status);
    expect(seen.at(-1)).toMatchObject({ status: 'done', done: rows, ok: rows });
    const progress = seen.map((r) => r.done);
    expect(new Set(progress).size).toBeGreaterThanOrEqual(3);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
  }, 60_000);

  it('finishes a run whose replica is killed on the other, without sending a row twice', async () => {
    upstream.delayMs = 300;
    const rows = 80;
    const csv = ['user', ...Array.from({ length: rows }, (_, i) => `row${i + 1}`)].join('\n');
    const started = await fetch(
      `${b.url}/api/runs`,
      json(await signIn(b.url), {
        environmentId: 'gateway',
        service: 'im_open_login_svc',
        command: 'account_import',
        template: '{"UserID":"{{user}}"}',
        csv,
        concurrency: 4,
      }),
    );
    expect(started.status).toBe(201);
    const runId = runSchema.parse(await started.json()).id;
    const importsSeen = () =>
      upstream.calls
        .map((c) => (JSON.parse(c.body) as { UserID?: unknown }).UserID)
        .filter((u): u is string => typeof u === 'string' && u.startsWith('row'));
    while (importsSeen().length < 15) await new Promise((r) => setTimeout(r, 20));
    const exited = new Promise((resolve) => b.child.once('exit', resolve));
    b.child.kill('SIGKILL');
    await exited;
    const killedAt = performance.now();
    const beforeTakeover = importsSeen().length;
    expect(beforeTakeover).toBeLessThan(rows);

    const cookie = await signIn(a.url);
    let run: Run | undefined;
    let resumedAfterMs: number | undefined;
    const deadline = performance.now() + 120_000;
    for (;;) {
      const res = await fetch(`${a.url}/api/runs/${runId}`, { headers: { cookie } });
      run = runSchema.parse(await res.json());
      if (resumedAfterMs === undefined && importsSeen().length > beforeTakeover) {
        resumedAfterMs = performance.now() - killedAt;
      }
      if (run.status !== 'running' || performance.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(run.status).toBe('done');
    // Taken over within 30 s of the kill (the lease is 15 s, renewed and looked for every 5 s).
    expect(resumedAfterMs).toBeLessThan(30_000);
    expect(run.unknown).toBeLessThanOrEqual(4);
    expect(run.ok + run.unknown).toBe(rows);
    const seen = importsSeen();
    expect(seen.length).toBe(new Set(seen).size);
  }, 180_000);
});
