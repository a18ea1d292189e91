import { errorBodySchema, historyEntrySchema, upstreamFailureResponseSchema } from '@console/shared/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TEST_ADMIN, TEST_SDKAPPID } from './support/harness';

let h: Harness;
let cookie: string;

beforeAll(async () => {
  // A silent upstream is tested here: give up on it quickly.
  h = await startHarness({ env: { UPSTREAM_TIMEOUT_MS: '300' } });
  cookie = await h.signIn();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  h.upstream.mode = 'ok';
  h.upstream.calls.length = 0;
});

const send = (json: unknown, extra: { headers?: Record<string, string>; body?: string } = {}) =>
  h.call('POST', '/api/requests', { json, cookie, ...extra });

const accountCheck = {
  environmentId: 'fake',
  service: 'im_open_login_svc',
  command: 'account_check',
  body: { CheckItem: [{ UserID: 'alice' }] },
};

describe('POST /api/requests', () => {
  it('sends a signed call with every parameter right and answers 201 with the HistoryEntry', async () => {
    const res = await send(accountCheck);
    expect(res.status).toBe(201);
    const entry = historyEntrySchema.parse(res.json);

    expect(h.upstream.calls).toHaveLength(1);
    const got = h.upstream.calls[0]!;
    expect(got.method).toBe('POST');
    expect(got.path).toBe('/v4/im_open_login_svc/account_check');
    expect([...got.query.keys()]).toEqual(['sdkappid', 'identifier', 'usersig', 'random', 'contenttype']);
    expect(got.query.get('sdkappid')).toBe(String(TEST_SDKAPPID));
    expect(got.query.get('identifier')).toBe(TEST_ADMIN);
    expect(got.query.get('contenttype')).toBe('json');
    const random = Number(got.query.get('random'));
    expect(Number.isInteger(random) && random >= 0 && random <= 4294967295).toBe(true);
    expect(got.sigCheck).toBe('valid');
    expect(got.contentType).toBe('application/json');
    expect(JSON.parse(got.body)).toEqual(accountCheck.body);

    expect(entry).toMatchObject({
      operator: 'admin',
      environmentId: 'fake',
      region: null,
      service: 'im_open_login_svc',
      command: 'account_check',
      requestBody: accountCheck.body,
      httpStatus: 200,
      outcome: 'ok',
      actionStatus: 'OK',
      errorCode: 0,
      requestId: 'Id-fake1-O-Seq-1',
      errorDoc: null,
      failure: null,
      replayOf: null,
    });
    expect(entry.requestId).toMatch(/^Id-fake\d+-O-Seq-\d+$/);
    expect(entry.url).toContain('usersig=REDACTED');
    expect(entry.url).toContain(`random=${random}`);
    expect(entry.url).not.toContain(got.userSig);

    const stored = await h.call('GET', `/api/requests/${entry.id}`, { cookie });
    expect(stored.status).toBe(200);
    expect(historyEntrySchema.parse(stored.json)).toEqual(entry);
  });

  it('uses a fresh random for every call', async () => {
    for (let i = 0; i < 5; i++) expect((await send(accountCheck)).status).toBe(201);
    const randoms = new Set(h.upstream.calls.map((c) => c.query.get('random')));
    expect(randoms.size).toBe(5);
  });

  it('sends {} when the body is empty', async () => {
    const res = await send({
      environmentId: 'fake',
      service: 'openconfigsvr',
      command: 'getappinfo',
      body: {},
    });
    expect(res.status).toBe(201);
    expect(h.upstream.calls[0]?.body).toBe('{}');
  });

  it('answers a FAIL envelope with 201, outcome fail and the errorDoc of its code', async () => {
    h.upstream.mode = 'fail';
    const res = await send(accountCheck);
    expect(res.status).toBe(201);
    const entry = historyEntrySchema.parse(res.json);
    expect(entry.outcome).toBe('fail');
    expect(entry.actionStatus).toBe('FAIL');
    expect(entry.errorCode).toBe(70107);
    expect(entry.errorInfo).toBe('Err_TLS_Account_Not_Exist');
    expect(entry.errorDoc?.code).toBe(70107);
    expect(entry.errorDoc?.meaning).toBeTruthy();
    expect(entry.requestId).toMatch(/^Id-fake/);
  });

  it('treats an envelope without ActionStatus (getappinfo) by its ErrorCode', async () => {
    h.upstream.mode = 'no-action-status';
    const res = await send({
      environmentId: 'fake',
      service: 'openconfigsvr',
      command: 'getappinfo',
      body: {},
    });
    expect(res.status).toBe(201);
    const entry = historyEntrySchema.parse(res.json);
    expect(entry).toMatchObject({ outcome: 'ok', actionStatus: null, errorCode: 0, errorDoc: null });
  });

  const badInputs: Array<[string, () => ReturnType<typeof send>, number, string]> = [
    [
      'an unknown environment',
      () => send({ ...accountCheck, environmentId: 'nope' }),
      404,
      'environment/unknown',
    ],
    [
      'an unknown command',
      () => send({ ...accountCheck, command: 'account_check/../../evil' }),
      404,
      'catalog/unknown-command',
    ],
    ['a body that is an array', () => send({ ...accountCheck, body: [1, 2] }), 400, 'request/invalid'],
    ['a body that is a string', () => send({ ...accountCheck, body: '{}' }), 400, 'request/invalid'],
    [
      'a missing body',
      () => send({ environmentId: 'fake', service: 'x', command: 'y' }),
      400,
      'request/invalid',
    ],
    [
      'a request that is not JSON',
      () => send(undefined, { body: 'environmentId=fake', headers: { 'content-type': 'text/plain' } }),
      400,
      'request/not-json',
    ],
    [
      'malformed JSON',
      () => send(undefined, { body: '{"environmentId":', headers: { 'content-type': 'application/json' } }),
      400,
      'request/not-json',
    ],
    [
      'a request above 1 MiB',
      () => send({ ...accountCheck, body: { Pad: 'x'.repeat(1024 * 1024) } }),
      413,
      'request/too-large',
    ],
    [
      'an attempt to choose the host',
      () => send({ ...accountCheck, environmentId: 'http://127.0.0.1:1/' }),
      404,
      'environment/unknown',
    ],
  ];
  for (const [what, act, status, code] of badInputs) {
    it(`answers ${status} ${code} for ${what} and never reaches the upstream`, async () => {
      const res = await act();
      expect(res.status).toBe(status);
      expect(errorBodySchema.parse(res.json).error.code).toBe(code);
      expect(h.upstream.calls).toHaveLength(0);
    });
  }

  it('answers 504 upstream/timeout within the timeout when the upstream is silent, and records it', async () => {
    h.upstream.mode = 'hang';
    const started = Date.now();
    const res = await send(accountCheck);
    const elapsed = Date.now() - started;
    expect(res.status).toBe(504);
    expect(elapsed).toBeLessThan(2000);
    const body = upstreamFailureResponseSchema.parse(res.json);
    expect(body.error.code).toBe('upstream/timeout');
    expect(body.entry).toMatchObject({
      outcome: 'error',
      failure: { code: 'upstream/timeout' },
      response: null,
    });
    const stored = await h.call('GET', `/api/requests/${body.entry.id}`, { cookie });
    expect(historyEntrySchema.parse(stored.json).outcome).toBe('error');
  });

  it('answers 502 upstream/unreachable when the connection is refused, and records it', async () => {
    const res = await send({ ...accountCheck, environmentId: 'refused' });
    expect(res.status).toBe(502);
    const body = upstreamFailureResponseSchema.parse(res.json);
    expect(body.error.code).toBe('upstream/unreachable');
    expect(body.entry).toMatchObject({ outcome: 'error', environmentId: 'refused', httpStatus: null });
    const stored = await h.call('GET', `/api/requests/${body.entry.id}`, { cookie });
    expect(stored.status).toBe(200);
  });

  for (const [mode, what] of [
    ['not-json', 'a body that is not JSON'],
    ['http-500', 'HTTP 500'],
    ['array', 'JSON that is not an object'],
  ] as const) {
    it(`answers 502 upstream/bad-response for ${what}, and records it`, async () => {
      h.upstream.mode = mode;
      const res = await send(accountCheck);
      expect(res.status).toBe(502);
      const body = upstreamFailureResponseSchema.parse(res.json);
      expect(body.error.code).toBe('upstream/bad-response');
      expect(body.entry.outcome).toBe('error');
      expect(body.entry.failure?.code).toBe('upstream/bad-response');
      const stored = await h.call('GET', `/api/requests/${body.entry.id}`, { cookie });
      expect(historyEntrySchema.parse(stored.json).failure?.code).toBe('upstream/bad-response');
    });
  }

  it('stays healthy and keeps sending after every failure above', async () => {
    h.upstream.mode = 'hang';
    await send(accountCheck);
    h.upstream.mode = 'ok';
    const health = await h.call('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ status: 'ok' });
    const res = await send(accountCheck);
    expect(res.status).toBe(201);
  });

  it('reuses the cached UserSig between calls', async () => {
    await send(accountCheck);
    await send(accountCheck);
    expect(h.upstream.userSigs()).toHaveLength(1);
  });
});
