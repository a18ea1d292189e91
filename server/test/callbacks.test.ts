import { createServer, type IncomingMessage, type Server } from 'node:http';
import {
  auditPageSchema,
  type CallbackEntry,
  callbackEndpointsResponseSchema,
  callbackEntrySchema,
  callbackPageSchema,
  callbackSummarySchema,
} from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackSign } from '../src/services/callbacks/signature';
import { closedPort } from './support/fake-upstream';
import { type Harness, startHarness, TEST_SDKAPPID } from './support/harness';
import { openSse } from './support/sse';
import { errorCode, userWithRole } from './support/users';

const TOKEN = 'cb-token-5b7e0c2f9d1a4e63';

interface Received {
  query: URLSearchParams;
  body: string;
}

/** The team's backend: records what it is sent; answers `status` (or nothing at all when 0). */
interface Backend {
  url: string;
  received: Received[];
  status: number;
  close(): Promise<void>;
}

async function startBackend(): Promise<Backend> {
  const received: Received[] = [];
  const state = { status: 200 };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        query: new URL(req.url ?? '/', 'http://backend').searchParams,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(state.status, { 'content-type': 'application/json' }).end('{"ActionStatus":"OK"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/hook`,
    received,
    get status() {
      return state.status;
    },
    set status(s: number) {
      state.status = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let h: Harness;
let backend: Backend;
let refusedUrl: string;
let admin: string;
let viewer: string;
let operator: string;

beforeAll(async () => {
  backend = await startBackend();
  refusedUrl = `http://127.0.0.1:${await closedPort()}/hook`;
  h = await startHarness({
    env: { CB_TOKEN: TOKEN },
    extraEnvironments: (upstreamUrl) => [
      {
        id: 'hooked',
        label: 'With callbacks',
        endpoint: upstreamUrl,
        sdkAppId: TEST_SDKAPPID,
        adminIdentifier: 'ops_admin',
        secretKey: { env: 'TEST_SECRET_KEY' },
        callback: {
          token: { env: 'CB_TOKEN' },
          forwardTo: [backend.url, refusedUrl],
          rules: [
            {
              name: 'no spam',
              command: 'C2C.CallbackBeforeSendMsg',
              match: { path: 'MsgBody.0.MsgContent.Text', contains: 'spam' },
              action: 'deny',
              errorCode: 120001,
              errorInfo: 'spam is not allowed',
            },
            {
              name: 'mask bob',
              command: 'Group.CallbackBeforeSendMsg',
              match: { path: 'From_Account', equals: 'bob' },
              action: 'rewrite',
              answer: { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '***' } }] },
            },
          ],
        },
      },
    ],
  });
  admin = await h.signIn();
  viewer = (await userWithRole(h, admin, 'vera', 'viewer')).cookie;
  operator = (await userWithRole(h, admin, 'otto', 'operator')).cookie;
});
afterAll(async () => {
  await h.stop();
  await backend.close();
});

const now = () => String(Math.floor(Date.now() / 1000));

function callbackUrl(command: string, over: Record<string, string | null> = {}, env = 'hooked'): string {
  const requestTime = over.RequestTime ?? now();
  const params: Record<string, string | null> = {
    SdkAppid: String(TEST_SDKAPPID),
    CallbackCommand: command,
    contenttype: 'json',
    ClientIP: '203.0.113.7',
    OptPlatform: 'RESTAPI',
    RequestTime: requestTime,
    Sign: callbackSign(TOKEN, requestTime),
    ...over,
  };
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null) q.set(k, v);
  return `/callbacks/${env}?${q}`;
}

const textMessage = (command: string, text: string, from = 'alice') => ({
  CallbackCommand: command,
  From_Account: from,
  To_Account: 'carol',
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
});

async function post(route: string, body: unknown, raw?: string) {
  return h.call('POST', route, {
    body: raw ?? JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

async function latest(filter = ''): Promise<CallbackEntry> {
  const res = await h.call('GET', `/api/callbacks?limit=1${filter}`, { cookie: viewer });
  expect(res.status).toBe(200);
  const [first] = callbackPageSchema.parse(res.json).items;
  if (!first) throw new Error('no callback recorded');
  return first;
}

async function until(id: string, done: (e: CallbackEntry) => boolean): Promise<CallbackEntry> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await h.call('GET', `/api/callbacks/${id}`, { cookie: viewer });
    const entry = callbackEntrySchema.parse(res.json);
    if (done(entry)) return entry;
    if (Date.now() > deadline) throw new Error(`callback ${id} never got there: ${JSON.stringify(entry)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('POST /callbacks/:environmentId', () => {
  it('answers OK to a signed after-callback, records it without Sign and forwards it re-signed', async () => {
    const body = textMessage('C2C.CallbackAfterSendMsg', 'hello');
    const res = await post(callbackUrl('C2C.CallbackAfterSendMsg'), body);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });

    const entry = await latest();
    expect(entry).toMatchObject({
      environmentId: 'hooked',
      command: 'C2C.CallbackAfterSendMsg',
      verdict: 'accepted',
      decidedBy: null,
      body,
      httpStatus: 200,
    });
    expect(entry.query).toMatchObject({ SdkAppid: String(TEST_SDKAPPID), ClientIP: '203.0.113.7' });
    expect(entry.query.Sign).toBeUndefined();

    const done = await until(entry.id, (e) => e.forwards.length === 2);
    const ok = done.forwards.find((f) => f.target === backend.url);
    expect(ok).toMatchObject({ status: 200, error: null, by: null });
    const refused = done.forwards.find((f) => f.target === refusedUrl);
    expect(refused).toMatchObject({ status: null, error: 'connection refused', by: null });

    const delivered = backend.received.at(-1);
    expect(delivered && JSON.parse(delivered.body)).toEqual(body);
    const rt = delivered?.query.get('RequestTime') ?? '';
    expect(delivered?.query.get('Sign')).toBe(callbackSign(TOKEN, rt));
    expect(delivered?.query.get('CallbackCommand')).toBe('C2C.CallbackAfterSendMsg');
    expect(delivered?.query.get('ClientIP')).toBe('203.0.113.7');
  });

  it('answers 401 to a wrong or missing Sign and records the attempt as rejected with the reason', async () => {
    const forged = await post(callbackUrl('State.StateChange', { Sign: 'ab'.repeat(32) }), { x: 1 });
    expect(forged.status).toBe(401);
    expect(errorCode(forged.json)).toBe('callback/bad-signature');
    expect(await latest()).toMatchObject({
      verdict: 'rejected',
      command: 'State.StateChange',
      reason: 'Sign is not sha256(token + RequestTime)',
      httpStatus: 401,
      body: { x: 1 },
    });

    const unsigned = await post(callbackUrl('State.StateChange', { Sign: null }), { x: 2 });
    expect(unsigned.status).toBe(401);
    expect((await latest()).reason).toBe('Sign is missing from the query');
  });

  it('answers 401 callback/expired when RequestTime is more than 60 s away, though correctly signed', async () => {
    const old = String(Math.floor(Date.now() / 1000) - 75);
    const res = await post(callbackUrl('State.StateChange', { RequestTime: old }), { x: 1 });
    expect(res.status).toBe(401);
    expect(errorCode(res.json)).toBe('callback/expired');
    expect((await latest()).reason).toMatch(/^RequestTime is 7[56] s behind the console's clock/);
    const ahead = String(Math.floor(Date.now() / 1000) + 120);
    expect((await post(callbackUrl('State.StateChange', { RequestTime: ahead }), {})).status).toBe(401);
  });

  it('answers 403 callback/wrong-app when SdkAppid is another app', async () => {
    const res = await post(callbackUrl('State.StateChange', { SdkAppid: '1400999999' }), { x: 1 });
    expect(res.status).toBe(403);
    expect(errorCode(res.json)).toBe('callback/wrong-app');
    expect(await latest()).toMatchObject({
      verdict: 'rejected',
      reason: expect.stringContaining('1400999999'),
    });
  });

  it('answers 400 to a body that is not a JSON object and records its text', async () => {
    const res = await post(callbackUrl('State.StateChange'), null, '{"CallbackCommand": nope');
    expect(res.status).toBe(400);
    expect(errorCode(res.json)).toBe('callback/bad-json');
    expect(await latest()).toMatchObject({ verdict: 'rejected', body: '{"CallbackCommand": nope' });
    expect((await post(callbackUrl('State.StateChange'), [1, 2])).status).toBe(400);
    expect((await post(callbackUrl('State.StateChange'), null, '')).status).toBe(400);
  });

  it('answers 413 to a body over the cap and records it without the body', async () => {
    const big = JSON.stringify({ CallbackCommand: 'State.StateChange', pad: 'x'.repeat(300 * 1024) });
    const res = await post(callbackUrl('State.StateChange'), null, big);
    expect(res.status).toBe(413);
    expect(errorCode(res.json)).toBe('request/too-large');
    expect(await latest()).toMatchObject({ verdict: 'rejected', body: null, httpStatus: 413 });
  });

  it('answers 404 for an environment without a callback token, recording nothing', async () => {
    const before = await latest();
    for (const env of ['fake', 'no-such-env']) {
      const res = await post(callbackUrl('State.StateChange', {}, env), {});
      expect(res.status).toBe(404);
      expect(errorCode(res.json)).toBe('callback/not-configured');
    }
    expect((await latest()).id).toBe(before.id);
  });

  it('never answers 500, whatever the query', async () => {
    for (const route of [
      '/callbacks/hooked',
      '/callbacks/hooked?Sign=a&Sign=b&RequestTime=1&RequestTime=2',
      '/callbacks/hooked?SdkAppid=%E0%A4%A&Sign=%zz',
      `/callbacks/hooked?${'p=1&'.repeat(500)}`,
      '/callbacks/%E0%A4%A',
    ]) {
      const res = await post(route, { x: 1 });
      expect(res.status, route).toBeGreaterThanOrEqual(400);
      expect(res.status, route).toBeLessThan(500);
    }
  });

  describe('rules for before-callbacks', () => {
    it('allows by default and says so', async () => {
      const res = await post(
        callbackUrl('C2C.CallbackBeforeSendMsg'),
        textMessage('C2C.CallbackBeforeSendMsg', 'hi there'),
      );
      expect(res.json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
      expect(await latest()).toMatchObject({
        verdict: 'accepted',
        decidedBy: null,
        reason: 'allowed by default (no rule matched)',
      });
    });

    it('denies by a matching rule with its ErrorCode and records the rule', async () => {
      const res = await post(
        callbackUrl('C2C.CallbackBeforeSendMsg'),
        textMessage('C2C.CallbackBeforeSendMsg', 'cheap SPAM here'),
      );
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ ActionStatus: 'OK', ErrorCode: 120001, ErrorInfo: 'spam is not allowed' });
      expect(await latest()).toMatchObject({ decidedBy: 'no spam', reason: 'denied by rule "no spam"' });
    });

    it('rewrites by a matching rule', async () => {
      const res = await post(
        callbackUrl('Group.CallbackBeforeSendMsg'),
        textMessage('Group.CallbackBeforeSendMsg', 'hello', 'bob'),
      );
      expect(res.json).toEqual({
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '***' } }],
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
      });
      expect((await latest()).decidedBy).toBe('mask bob');
    });
  });
});

describe('GET /api/callbacks', () => {
  it('filters by environment, command, verdict and time, and pages with a cursor', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 3; i++) {
      await post(callbackUrl('Sns.CallbackFriendAdd'), { CallbackCommand: 'Sns.CallbackFriendAdd', i });
    }
    const page1 = callbackPageSchema.parse(
      (
        await h.call('GET', `/api/callbacks?command=Sns.CallbackFriendAdd&from=${from}&limit=2`, {
          cookie: viewer,
        })
      ).json,
    );
    expect(page1.items.map((e) => e.body)).toEqual([
      { CallbackCommand: 'Sns.CallbackFriendAdd', i: 2 },
      { CallbackCommand: 'Sns.CallbackFriendAdd', i: 1 },
    ]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = callbackPageSchema.parse(
      (
        await h.call(
          'GET',
          `/api/callbacks?command=Sns.CallbackFriendAdd&from=${from}&limit=2&cursor=${page1.nextCursor}`,
          { cookie: viewer },
        )
      ).json,
    );
    expect(page2.items.map((e) => e.body)).toEqual([{ CallbackCommand: 'Sns.CallbackFriendAdd', i: 0 }]);
    expect(page2.nextCursor).toBeNull();

    const rejected = callbackPageSchema.parse(
      (
        await h.call('GET', '/api/callbacks?verdict=rejected&environmentId=hooked&limit=500', {
          cookie: viewer,
        })
      ).json,
    );
    expect(rejected.items.length).toBeGreaterThan(3);
    expect(rejected.items.every((e) => e.verdict === 'rejected' && e.environmentId === 'hooked')).toBe(true);
    const future = new Date(Date.now() + 60_000).toISOString();
    const none = await h.call('GET', `/api/callbacks?from=${future}`, { cookie: viewer });
    expect(callbackPageSchema.parse(none.json).items).toEqual([]);
  });

  it('needs a signed-in caller and answers 400 to a bad cursor or verdict, 404 to an unknown id', async () => {
    expect((await h.call('GET', '/api/callbacks')).status).toBe(401);
    expect((await h.call('GET', '/api/callbacks/stream')).status).toBe(401);
    expect((await h.call('GET', '/api/callbacks?cursor=@@', { cookie: viewer })).status).toBe(400);
    expect((await h.call('GET', '/api/callbacks?verdict=maybe', { cookie: viewer })).status).toBe(400);
    const missing = await h.call('GET', '/api/callbacks/01NOPE', { cookie: viewer });
    expect(missing.status).toBe(404);
    expect(errorCode(missing.json)).toBe('callback/not-found');
  });

  it('lists the receivers: enabled ones with their path, forward targets and rules', async () => {
    const res = await h.call('GET', '/api/callbacks/endpoints', { cookie: viewer });
    const { endpoints } = callbackEndpointsResponseSchema.parse(res.json);
    expect(endpoints.find((e) => e.environmentId === 'hooked')).toEqual({
      environmentId: 'hooked',
      label: 'With callbacks',
      sdkAppId: TEST_SDKAPPID,
      enabled: true,
      path: '/callbacks/hooked',
      forwardTo: [backend.url, refusedUrl],
      rules: [
        {
          name: 'no spam',
          command: 'C2C.CallbackBeforeSendMsg',
          action: 'deny',
          match: 'MsgBody.0.MsgContent.Text contains "spam"',
        },
        {
          name: 'mask bob',
          command: 'Group.CallbackBeforeSendMsg',
          action: 'rewrite',
          match: 'From_Account = "bob"',
        },
      ],
    });
    expect(endpoints.find((e) => e.environmentId === 'fake')?.enabled).toBe(false);
    expect(endpoints.find((e) => e.environmentId === 'sandbox')?.enabled).toBe(true);
  });
});

describe('GET /api/callbacks/summary', () => {
  it('counts callbacks per command and verdict and lists the commands Tencent reported over their limit', async () => {
    // Every earlier callback was answered, so received, before this instant.
    await new Promise((r) => setTimeout(r, 5));
    const from = new Date().toISOString();
    const alert = (request: number) => ({
      CallbackCommand: 'Alert.RequestOverLimit',
      ServiceName: 'openim',
      Command: 'batchsendmsg',
      Request: request,
      Limit: 200,
    });
    await post(callbackUrl('Alert.RequestOverLimit'), alert(510));
    await post(callbackUrl('Alert.RequestOverLimit'), alert(300));
    await post(callbackUrl('Alert.RequestOverLimit', { Sign: 'ef'.repeat(32) }), alert(9999));
    await post(callbackUrl('Group.CallbackAfterGroupDestroyed'), { GroupId: 'x' });
    const res = await h.call('GET', `/api/callbacks/summary?environmentId=hooked&from=${from}`, {
      cookie: viewer,
    });
    expect(res.status, res.text).toBe(200);
    const summary = callbackSummarySchema.parse(res.json);
    expect(summary).toMatchObject({ total: 4, accepted: 3, rejected: 1 });
    expect(summary.commands[0]).toEqual({ command: 'Alert.RequestOverLimit', accepted: 2, rejected: 1 });
    // The forged alert (rejected) is not believed.
    expect(summary.overLimit).toEqual([
      {
        service: 'openim',
        command: 'batchsendmsg',
        alerts: 2,
        lastAt: expect.any(String),
        request: 510,
        limit: 200,
      },
    ]);
    const other = await h.call('GET', `/api/callbacks/summary?environmentId=fake&from=${from}`, {
      cookie: viewer,
    });
    expect(callbackSummarySchema.parse(other.json)).toMatchObject({ total: 0, overLimit: [] });
  });
});

describe('POST /api/callbacks/:id/forward', () => {
  it('re-sends to a configured target for an operator, records who did it and audits it', async () => {
    await post(callbackUrl('Group.CallbackAfterCreateGroup'), {
      CallbackCommand: 'Group.CallbackAfterCreateGroup',
      GroupId: 'g1',
    });
    const entry = await until((await latest()).id, (e) => e.forwards.length === 2);
    const count = backend.received.length;

    expect(
      (
        await h.call('POST', `/api/callbacks/${entry.id}/forward`, {
          cookie: viewer,
          json: { target: backend.url },
        })
      ).status,
    ).toBe(403);
    const unknown = await h.call('POST', `/api/callbacks/${entry.id}/forward`, {
      cookie: operator,
      json: { target: 'http://169.254.169.254/latest' },
    });
    expect(unknown.status).toBe(400);
    expect(errorCode(unknown.json)).toBe('callback/unknown-target');

    backend.status = 500;
    const res = await h.call('POST', `/api/callbacks/${entry.id}/forward`, {
      cookie: operator,
      json: { target: backend.url },
    });
    backend.status = 200;
    expect(res.status).toBe(200);
    const updated = callbackEntrySchema.parse(res.json);
    expect(updated.forwards.at(-1)).toMatchObject({
      target: backend.url,
      status: 500,
      error: 'the target answered HTTP 500',
      by: 'otto',
    });
    expect(backend.received.length).toBe(count + 1);
    expect(JSON.parse(backend.received.at(-1)?.body ?? '')).toEqual(entry.body);

    const audit = auditPageSchema.parse(
      (await h.call('GET', '/api/audit?action=callback.forward', { cookie: admin })).json,
    );
    expect(audit.items[0]).toMatchObject({
      actor: 'otto',
      target: entry.id,
      details: { forwardTo: backend.url },
    });
  });

  it('refuses to forward a rejected callback (409)', async () => {
    await post(callbackUrl('State.StateChange', { Sign: 'cd'.repeat(32) }), { x: 1 });
    const rejected = await latest('&verdict=rejected');
    const res = await h.call('POST', `/api/callbacks/${rejected.id}/forward`, {
      cookie: operator,
      json: { target: backend.url },
    });
    expect(res.status).toBe(409);
    expect(errorCode(res.json)).toBe('callback/not-accepted');
  });
});

describe('GET /api/callbacks/stream', () => {
  it('streams a new callback that fits the filter as it is received', async () => {
    const stream = await openSse(
      `${h.url}/api/callbacks/stream?command=Group.CallbackAfterMemberExit`,
      viewer,
    );
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await post(callbackUrl('State.StateChange'), { ignored: true });
    await post(callbackUrl('Group.CallbackAfterMemberExit'), {
      CallbackCommand: 'Group.CallbackAfterMemberExit',
      GroupId: 'g9',
    });
    // The first event is the second callback: the first does not fit the filter.
    const event = await stream.next();
    stream.close();
    expect(event?.event).toBe('callback');
    const entry = callbackEntrySchema.parse(JSON.parse(event?.data ?? ''));
    expect(entry).toMatchObject({ command: 'Group.CallbackAfterMemberExit', body: { GroupId: 'g9' } });
  });
});

describe('the callback token', () => {
  it('never appears in an answer, a log line or a forward, and Sign is not logged', async () => {
    await post(callbackUrl('C2C.CallbackAfterSendMsg'), textMessage('C2C.CallbackAfterSendMsg', 'last one'));
    const id = (await latest()).id;
    await until(id, (e) => e.forwards.length === 2);
    await h.call('GET', '/api/callbacks?limit=500', { cookie: admin });
    await h.call('GET', '/api/callbacks/endpoints', { cookie: admin });
    await h.call('GET', '/api/environments', { cookie: admin });
    await h.call('GET', '/api/audit?limit=500', { cookie: admin });
    await h.call('GET', '/api/audit/export', { cookie: admin });
    await h.server.stop();
    const texts = [...h.seen, ...h.logs];
    expect(h.logs.some((l) => l.includes('/callbacks/hooked?'))).toBe(true);
    for (const text of [...texts, ...backend.received.map((r) => r.query.toString())]) {
      expect(text.includes(TOKEN)).toBe(false);
    }
    for (const line of h.logs) expect(/[?&]Sign=(?!REDACTED)/.test(line), line).toBe(false);
  });
});
