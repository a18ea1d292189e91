import { auditPageSchema, type Run, runPreviewSchema, runSchema } from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, obj, startHarness, TEST_ADMIN, TEST_SDKAPPID } from './support/harness';
import { openSse } from './support/sse';
import { startUpstreamProcess, type UpstreamProcess } from './support/upstream-process';
import { errorCode, userWithRole } from './support/users';

let h: Harness;
/** Upstreams in processes of their own, for the tests that check when calls arrived (see there). */
let timed: UpstreamProcess;
let throttling: UpstreamProcess;
const TIMED_SDKAPPID = TEST_SDKAPPID + 9;
let admin: string;
let viewer: string;

const csvOf = (n: number, prefix: string) =>
  ['user,nick', ...Array.from({ length: n }, (_, i) => `${prefix}${i + 1},Nick ${i + 1}`)].join('\n');

const importTemplate = JSON.stringify({ UserID: '{{user}}', Nick: '{{nick}}' });

/** The UserIDs an upstream received for a prefix, in arrival order. */
const received = (prefix: string, calls: readonly { body: string }[] = h.upstream.calls) =>
  calls
    .map((c) => {
      try {
        return String(obj(JSON.parse(c.body)).UserID ?? '');
      } catch {
        return '';
      }
    })
    .filter((id) => id.startsWith(prefix));

async function start(json: unknown, cookie = admin): Promise<Run> {
  const res = await h.call('POST', '/api/runs', { cookie, json });
  if (res.status !== 201) throw new Error(`start: ${res.status} ${res.text}`);
  return runSchema.parse(res.json);
}

async function get(id: string): Promise<Run> {
  const res = await h.call('GET', `/api/runs/${id}`, { cookie: viewer });
  expect(res.status).toBe(200);
  return runSchema.parse(res.json);
}

async function until(id: string, done: (r: Run) => boolean, timeoutMs = 60_000): Promise<Run> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const run = await get(id);
    if (done(run)) return run;
    if (performance.now() > deadline)
      throw new Error(`run ${id} still ${run.status} (${run.done}/${run.total})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const finished = (r: Run) => r.status === 'done' || r.status === 'cancelled' || r.status === 'failed';

beforeAll(async () => {
  [timed, throttling] = await Promise.all([startUpstreamProcess('ok'), startUpstreamProcess('throttle')]);
  h = await startHarness({
    // The events stream is pushed on each change; its fallback read of the store is out of reach here.
    env: { UPSTREAM_TIMEOUT_MS: '5000', RUN_EVENTS_RECHECK_MS: '600000' },
    extraEnvironments: (url) => [
      {
        id: 'timed',
        label: 'Paced, arrivals timed apart',
        endpoint: timed.url,
        sdkAppId: TIMED_SDKAPPID,
        adminIdentifier: TEST_ADMIN,
        secretKey: { env: 'TEST_SECRET_KEY' },
        rateLimits: { 'im_open_login_svc/account_import': 10 },
      },
      {
        id: 'throttling',
        label: 'Answers 60007',
        endpoint: throttling.url,
        sdkAppId: TEST_SDKAPPID + 10,
        adminIdentifier: TEST_ADMIN,
        secretKey: { env: 'TEST_SECRET_KEY' },
      },
      {
        id: 'paced',
        label: 'Paced',
        endpoint: url,
        sdkAppId: TEST_SDKAPPID + 7,
        adminIdentifier: TEST_ADMIN,
        secretKey: { env: 'TEST_SECRET_KEY' },
        rateLimits: { 'im_open_login_svc/account_import': 10 },
      },
      {
        id: 'prod',
        label: 'Production',
        endpoint: url,
        sdkAppId: TEST_SDKAPPID + 8,
        adminIdentifier: TEST_ADMIN,
        secretKey: { env: 'TEST_SECRET_KEY' },
        production: true,
      },
    ],
  });
  admin = await h.signIn();
  viewer = (await userWithRole(h, admin, 'vera', 'viewer')).cookie;
});
afterAll(async () => {
  await h.stop();
  await Promise.all([timed.stop(), throttling.stop()]);
});

describe('runs over rows', () => {
  it('streams a run’s progress as each row finishes, pushed rather than polled, and ends the stream with the run', async () => {
    const run = await start({
      environmentId: 'paced',
      service: 'im_open_login_svc',
      command: 'account_import',
      template: importTemplate,
      csv: csvOf(8, 'stream'),
      ratePerSec: 4,
    });
    const stream = await openSse(`${h.url}/api/runs/${run.id}/events`, viewer);
    expect(stream.status).toBe(200);
    const seen: Run[] = [];
    for (let e = await stream.next(); e !== undefined; e = await stream.next()) {
      expect(e.event).toBe('run');
      seen.push(runSchema.parse(JSON.parse(e.data)));
    }
    // At 4 rows a second the run takes about 2 s; the store is read again only on a change here.
    expect(seen.at(-1)).toMatchObject({ status: 'done', done: 8, ok: 8 });
    expect(['queued', 'running']).toContain(seen[0]?.status);
    const progress = seen.map((r) => r.done);
    expect(new Set(progress).size).toBeGreaterThanOrEqual(3);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
  }, 60_000);

  it('previews columns, rendered bodies, render errors with their lines, and the count', async () => {
    const csv = 'user,count\nalice,3\nbob,many\n,4\ncarol,5';
    const res = await h.call('POST', '/api/runs/preview', {
      cookie: admin,
      json: {
        environmentId: 'fake',
        service: 'im_open_login_svc',
        command: 'account_import',
        template: '{"UserID":"{{user}}","Count":"{{count:number}}","Nick":"{{nickname}}"}',
        csv,
      },
    });
    expect(res.status).toBe(200);
    const preview = runPreviewSchema.parse(res.json);
    expect(preview.columns).toEqual(['user', 'count']);
    expect(preview.total).toBe(4);
    // Every row lacks "nickname"; "bob" also has a bad number, reported first for its row.
    expect(preview.errorCount).toBe(4);
    expect(preview.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(preview.errors[1]?.message).toMatch(/"count" is not a number/);
    expect(preview.errors[0]?.message).toMatch(/no column "nickname"/);

    const good = await h.call('POST', '/api/runs/preview', {
      cookie: viewer,
      json: {
        environmentId: 'fake',
        service: 'im_open_login_svc',
        command: 'account_import',
        template: '{"UserID":"{{user}}","Count":"{{count:number}}"}',
        format: 'jsonl',
        csv: '{"user":"a","count":1}\n\n{"user":"b","count":"2"}\n',
      },
    });
    const p2 = runPreviewSchema.parse(good.json);
    expect(p2.samples).toEqual([
      { row: 1, line: 1, body: { UserID: 'a', Count: 1 } },
      { row: 2, line: 3, body: { UserID: 'b', Count: 2 } },
    ]);
    expect(p2.errorCount).toBe(0);
  });

  it('refuses to start a run with rows that do not render, naming their lines', async () => {
    const res = await h.call('POST', '/api/runs', {
      cookie: admin,
      json: {
        environmentId: 'fake',
        service: 'im_open_login_svc',
        command: 'account_import',
        template: '{"UserID":"{{user}}","N":"{{n:number}}"}',
        csv: 'user,n\na,1\nb,x',
      },
    });
    expect(res.status).toBe(400);
    expect(errorCode(res.json)).toBe('run/render-errors');
    expect(res.text).toContain('line 3');
  });

  it('sends every row once at no more than the limit in any one-second window, single calls included, and records each call', async () => {
    // The upstream is a process of its own that times each arrival on its own event loop: in this
    // process, arrivals would be timed by the loop the console shares with the test, and bunch when a
    // loaded machine stalls it, so a window could hold more arrivals than the console sent in it.
    const run = await start({
      environmentId: 'timed',
      service: 'im_open_login_svc',
      command: 'account_import',
      template: importTemplate,
      csv: csvOf(35, 'pace'),
      concurrency: 4,
    });
    expect(run.total).toBe(35);
    expect(run.limitPerSec).toBe(10);
    // Single calls of the same command on the same app press on the same limit meanwhile.
    let single = 0;
    let singleLimited = 0;
    const pressing = (async () => {
      for (;;) {
        const current = await get(run.id);
        if (finished(current)) return;
        const res = await h.call('POST', '/api/requests', {
          cookie: admin,
          json: {
            environmentId: 'timed',
            service: 'im_open_login_svc',
            command: 'account_import',
            body: { UserID: `paceSingle${single}` },
          },
        });
        if (res.status === 201) single += 1;
        else if (res.status === 429) singleLimited += 1;
        else throw new Error(`single call: ${res.status} ${res.text}`);
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    const end = await until(run.id, finished);
    await pressing;
    expect(end).toMatchObject({ status: 'done', done: 35, ok: 35, fail: 0, unknown: 0 });
    const arrived = await timed.calls();
    const ids = received('pace', arrived).filter((id) => !id.startsWith('paceSingle'));
    expect(new Set(ids).size).toBe(35);
    expect(ids).toHaveLength(35);
    expect(received('paceSingle', arrived)).toHaveLength(single);
    expect(singleLimited).toBeGreaterThan(0);
    // Every arrival of the command at this app, the run's and the single calls' together: the
    // busiest one-second window (one starts at some arrival) holds at most the limit...
    const times = arrived
      .filter((c) => c.path.endsWith('/account_import') && c.query.get('sdkappid') === String(TIMED_SDKAPPID))
      .map((c) => c.at);
    expect(times).toHaveLength(35 + single);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(10);
    // ...and the run did press on it, so the bound above was tested rather than idle.
    expect(busiest).toBeGreaterThanOrEqual(8);

    // Results: one line per row with its values, RequestId and status.
    const csv = await h.call('GET', `/api/runs/${run.id}/results?format=csv`, { cookie: viewer });
    expect(csv.status).toBe(200);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('row,line,user,nick,state,RequestId,ActionStatus,ErrorCode,ErrorInfo,historyId');
    expect(lines).toHaveLength(36);
    expect(lines[1]).toMatch(/^1,2,pace1,Nick 1,ok,Id-bench-O-Seq-\d+,OK,0,,[0-9A-Z]{26}$/);
    const jsonl = await h.call('GET', `/api/runs/${run.id}/results?format=jsonl`, { cookie: viewer });
    const first = obj(JSON.parse(jsonl.text.split('\n')[0] ?? ''));
    expect(first).toMatchObject({ row: 1, values: { user: 'pace1', nick: 'Nick 1' }, actionStatus: 'OK' });

    // Each row's call is in the history like any call.
    const history = await h.call('GET', `/api/requests/${String(first.historyId)}`, { cookie: viewer });
    expect(obj(history.json)).toMatchObject({
      command: 'account_import',
      outcome: 'ok',
      requestBody: { UserID: 'pace1' },
    });

    // Audited once, as a run.
    const audit = await h.call('GET', '/api/audit?action=run.start', { cookie: admin });
    const entries = auditPageSchema.parse(audit.json).items.filter((e) => e.target === run.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.details).toMatchObject({ rows: 35, command: 'account_import' });
  }, 120_000);

  it('holds a pause: nothing is sent while paused, and resuming finishes without sending a row twice', async () => {
    const run = await start({
      environmentId: 'paced',
      service: 'im_open_login_svc',
      command: 'account_import',
      template: importTemplate,
      csv: csvOf(30, 'pause'),
      ratePerSec: 5,
    });
    await until(run.id, (r) => r.done >= 3);
    const paused = await h.call('POST', `/api/runs/${run.id}/pause`, { cookie: admin });
    expect(paused.status).toBe(200);
    expect(runSchema.parse(paused.json).status).toBe('paused');
    const atPause = received('pause').length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(received('pause').length).toBe(atPause);
    expect((await get(run.id)).status).toBe('paused');
    expect(atPause).toBeLessThan(30);

    const twice = await h.call('POST', `/api/runs/${run.id}/pause`, { cookie: admin });
    expect(twice.status).toBe(409);
    const resumed = await h.call('POST', `/api/runs/${run.id}/resume`, { cookie: admin });
    expect(resumed.status).toBe(200);
    const end = await until(run.id, finished);
    expect(end).toMatchObject({ status: 'done', ok: 30 });
    const ids = received('pause');
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  }, 120_000);

  it('cancels: the rows not yet sent are cancelled and never sent; failures can be retried as a new run', async () => {
    const run = await start({
      environmentId: 'paced',
      service: 'im_open_login_svc',
      command: 'account_import',
      template: importTemplate,
      csv: csvOf(40, 'cancel'),
      ratePerSec: 5,
    });
    await until(run.id, (r) => r.done >= 2);
    const cancelled = await h.call('POST', `/api/runs/${run.id}/cancel`, { cookie: admin });
    expect(cancelled.status).toBe(200);
    const end = runSchema.parse(cancelled.json);
    expect(end.status).toBe('cancelled');
    expect(end.cancelled).toBeGreaterThan(20);
    expect(end.done + end.cancelled).toBe(40);
    await new Promise((r) => setTimeout(r, 500));
    expect(received('cancel')).toHaveLength(end.done);

    const retried = await h.call('POST', `/api/runs/${run.id}/retry`, {
      cookie: admin,
      json: { states: ['cancelled'] },
    });
    expect(retried.status).toBe(201);
    const second = runSchema.parse(retried.json);
    expect(second).toMatchObject({ retryOf: run.id, total: end.cancelled });
    await h.call('POST', `/api/runs/${second.id}/cancel`, { cookie: admin });
  }, 120_000);

  it('lists runs with who started them to viewers, who may not start or control one', async () => {
    const list = await h.call('GET', '/api/runs', { cookie: viewer });
    expect(list.status).toBe(200);
    const items = obj(list.json).items;
    expect(Array.isArray(items) && items.length).toBeGreaterThan(0);
    expect(runSchema.parse(Array.isArray(items) ? items[0] : null).startedBy).toBe('admin');

    const refused = await h.call('POST', '/api/runs', {
      cookie: viewer,
      json: {
        environmentId: 'fake',
        service: 'im_open_login_svc',
        command: 'account_import',
        template: importTemplate,
        csv: csvOf(2, 'viewer'),
      },
    });
    expect(refused.status).toBe(403);
    expect(received('viewer')).toHaveLength(0);
    const unauthenticated = await h.call('GET', '/api/runs');
    expect(unauthenticated.status).toBe(401);
    expect((await h.call('GET', '/api/runs/nope', { cookie: viewer })).status).toBe(404);
  });

  it('asks for the command name and the row count before a destructive run on production', async () => {
    const json = {
      environmentId: 'prod',
      service: 'im_open_login_svc',
      command: 'account_delete',
      template: '{"DeleteItem":[{"UserID":"{{user}}"}]}',
      csv: 'user\ndel1\ndel2\ndel3',
    };
    const preview = runPreviewSchema.parse(
      (await h.call('POST', '/api/runs/preview', { cookie: admin, json })).json,
    );
    expect(preview.confirmation).toBe('account_delete 3');
    for (const confirm of [undefined, 'account_delete', 'account_delete 2']) {
      const res = await h.call('POST', '/api/runs', { cookie: admin, json: { ...json, confirm } });
      expect(res.status).toBe(400);
      expect(errorCode(res.json)).toBe('guard/confirmation-required');
      expect(res.text).toContain('account_delete 3');
    }
    const run = await start({ ...json, confirm: 'account_delete 3' });
    expect((await until(run.id, finished)).ok).toBe(3);
  });

  it('creates a 100,000-row run in batches, answering other requests meanwhile', async () => {
    const csv = csvOf(100_000, 'big');
    let answered = 0;
    let posting = true;
    const health = (async () => {
      while (posting) {
        const res = await h.call('GET', '/healthz');
        if (res.status === 200 && posting) answered += 1;
      }
    })();
    const res = await h.call('POST', '/api/runs', {
      cookie: admin,
      json: {
        environmentId: 'paced',
        service: 'im_open_login_svc',
        command: 'account_import',
        template: importTemplate,
        csv,
        ratePerSec: 1,
      },
    });
    posting = false;
    await health;
    expect(res.status).toBe(201);
    const run = runSchema.parse(res.json);
    expect(run.total).toBe(100_000);
    // Parsing, rendering and storing yield to the event loop between batches of 1,000 rows: health
    // checks sent one after another while the run was being created were answered before it was.
    expect(answered).toBeGreaterThanOrEqual(10);
    const cancelled = runSchema.parse(
      (await h.call('POST', `/api/runs/${run.id}/cancel`, { cookie: admin })).json,
    );
    expect(cancelled.done + cancelled.cancelled).toBe(100_000);
    const lines = (await h.call('GET', `/api/runs/${run.id}/results?format=csv`, { cookie: viewer })).text
      .trim()
      .split('\n');
    expect(lines).toHaveLength(100_001);
    expect(lines[100_000]).toMatch(/^100000,100001,big100000,Nick 100000,cancelled,/);
  }, 180_000);

  it('refuses an input over the size limit with 413 and the limit', async () => {
    const big = 'user\n'.padEnd(17 * 1024 * 1024, 'x');
    const res = await h.call('POST', '/api/runs', {
      cookie: admin,
      json: {
        environmentId: 'fake',
        service: 'im_open_login_svc',
        command: 'account_import',
        template: importTemplate,
        csv: big,
      },
    });
    expect(res.status).toBe(413);
    expect(errorCode(res.json)).toBe('request/too-large');
    expect(res.text).toContain('16777216');
  });

  it('slows down by itself on 60007 answers and shows their meaning among the latest failures', async () => {
    const run = await start({
      environmentId: 'throttling',
      service: 'im_open_login_svc',
      command: 'account_import',
      template: importTemplate,
      csv: csvOf(6, 'throttled'),
      concurrency: 1,
    });
    const end = await until(run.id, finished);
    expect(end).toMatchObject({ status: 'done', fail: 6 });
    expect(end.latestFailures[0]).toMatchObject({ errorCode: 60007 });
    expect(end.latestFailures[0]?.meaning).toMatch(/frequency/i);
    // Each throttle answer halves the pace from 200/s (5 ms apart): after five of them the sixth
    // row goes at 6.25/s, 160 ms after the fifth (timed by the upstream's own process).
    const arrived = await throttling.calls();
    expect(received('throttled', arrived)).toHaveLength(6);
    const times = arrived.map((c) => c.at);
    expect((times[5] ?? 0) - (times[4] ?? 0)).toBeGreaterThan(50);
  });
});
