import {
  BODY_MAX_DEPTH,
  BODY_MAX_KEYS,
  errorBodySchema,
  historyEntrySchema,
  historyPageSchema,
  upstreamFailureResponseSchema,
} from '@console/shared/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness';

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

const call = (body: unknown) => ({
  environmentId: 'fake',
  service: 'im_open_login_svc',
  command: 'account_check',
  body,
});

/** `{"x": [[…[]…]]}` with `depth` levels in all, written as text: building it as a value would recurse. */
const nestedText = (depth: number) =>
  `{"environmentId":"fake","service":"im_open_login_svc","command":"account_check","body":{"x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}}`;

const historyCount = async () => {
  const res = await h.call('GET', '/api/requests?limit=500', { cookie });
  return historyPageSchema.parse(res.json).items.length;
};

describe('POST /api/requests: the shape of the body', () => {
  it.each([
    ['4113 levels (where the history row used to overflow)', 4113],
    ['100000 levels', 100_000],
    ['one level past the limit', BODY_MAX_DEPTH + 1],
  ])('answers 400 naming the limit for a body nested %s, and calls nothing', async (_name, depth) => {
    const before = await historyCount();
    const res = await h.call('POST', '/api/requests', {
      body: nestedText(depth),
      headers: { 'content-type': 'application/json' },
      cookie,
    });
    expect(res.status).toBe(400);
    const body = errorBodySchema.parse(res.json);
    expect(body.error.code).toBe('request/invalid');
    expect(JSON.stringify(body.error.details)).toContain(`deeper than ${BODY_MAX_DEPTH} levels`);
    expect(h.upstream.calls).toHaveLength(0);
    expect(await historyCount()).toBe(before);
  });

  it('sends a body nested exactly to the limit, the same text upstream and in the history', async () => {
    const res = await h.call('POST', '/api/requests', {
      body: nestedText(BODY_MAX_DEPTH),
      headers: { 'content-type': 'application/json' },
      cookie,
    });
    expect(res.status).toBe(201);
    expect(h.upstream.calls).toHaveLength(1);
    const entry = historyEntrySchema.parse(res.json);
    expect(JSON.stringify(entry.requestBody)).toBe(h.upstream.calls[0]!.body);
  });

  it('answers 400 for more keys than the limit, and calls nothing', async () => {
    const body: Record<string, number> = {};
    for (let i = 0; i <= BODY_MAX_KEYS; i++) body[`k${i}`] = i;
    const res = await h.call('POST', '/api/requests', { json: call(body), cookie });
    expect(res.status).toBe(400);
    expect(JSON.stringify(errorBodySchema.parse(res.json).error.details)).toContain(
      `more than ${BODY_MAX_KEYS} keys`,
    );
    expect(h.upstream.calls).toHaveLength(0);
  });

  it('applies the same limits to an edited replay', async () => {
    const sent = historyEntrySchema.parse(
      (await h.call('POST', '/api/requests', { json: call({}), cookie })).json,
    );
    h.upstream.calls.length = 0;
    const res = await h.call('POST', `/api/requests/${sent.id}/replay`, {
      body: `{"body":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`,
      headers: { 'content-type': 'application/json' },
      cookie,
    });
    expect(res.status).toBe(400);
    expect(h.upstream.calls).toHaveLength(0);
  });

  it('records an answer nested too deep to keep as a bad response, not a 500', async () => {
    h.upstream.mode = 'deep';
    const res = await h.call('POST', '/api/requests', { json: call({}), cookie });
    expect(res.status).toBe(502);
    const body = upstreamFailureResponseSchema.parse(res.json);
    expect(body.error.code).toBe('upstream/bad-response');
    expect(body.entry.outcome).toBe('error');
    const stored = await h.call('GET', `/api/requests/${body.entry.id}`, { cookie });
    expect(historyEntrySchema.parse(stored.json).outcome).toBe('error');
  });
});

describe('POST /api/requests: written before it is sent', () => {
  it('shows the call as pending in the history while it is in flight, then its result', async () => {
    h.upstream.mode = 'hang';
    const answer = h.call('POST', '/api/requests', {
      json: call({ CheckItem: [{ UserID: 'slow' }] }),
      cookie,
    });
    while (h.upstream.calls.length === 0) await new Promise((r) => setTimeout(r, 5));

    const during = historyPageSchema.parse((await h.call('GET', '/api/requests?limit=1', { cookie })).json);
    const pending = during.items[0]!;
    expect(pending).toMatchObject({
      outcome: 'pending',
      requestBody: { CheckItem: [{ UserID: 'slow' }] },
      httpStatus: null,
      failure: null,
    });
    expect(pending.url).toContain('usersig=REDACTED');
    expect(h.upstream.calls[0]!.query.get('random')).toBe(new URL(pending.url).searchParams.get('random'));
    const pendingFilter = historyPageSchema.parse(
      (await h.call('GET', '/api/requests?outcome=pending', { cookie })).json,
    );
    expect(pendingFilter.items.map((e) => e.id)).toEqual([pending.id]);

    const res = await answer;
    expect(res.status).toBe(504);
    const done = historyEntrySchema.parse(
      (await h.call('GET', `/api/requests/${pending.id}`, { cookie })).json,
    );
    expect(done).toMatchObject({ outcome: 'error', failure: { code: 'upstream/timeout' } });
    const audit = await h.call('GET', `/api/audit?action=request.send&limit=1`, { cookie });
    expect(JSON.stringify(audit.json)).toContain(pending.id);
  });
});

describe('POST /api/requests: a gateway that echoes the URL', () => {
  it('keeps the UserSig out of the answer, the stored entry and the export', async () => {
    h.upstream.mode = 'echo-url';
    const res = await h.call('POST', '/api/requests', { json: call({}), cookie });
    expect(res.status).toBe(201);
    const entry = historyEntrySchema.parse(res.json);
    const userSig = h.upstream.calls[0]!.userSig;
    expect(userSig.length).toBeGreaterThan(50);
    expect(entry.errorInfo).toContain('usersig=REDACTED');
    expect(JSON.stringify(entry.response)).toContain('"raw":"REDACTED"');

    const stored = await h.call('GET', `/api/requests/${entry.id}`, { cookie });
    const exported = await h.call('GET', '/api/requests/export?format=jsonl', { cookie });
    for (const text of [res.text, stored.text, exported.text]) {
      expect(text).not.toContain(userSig);
      expect(text).not.toContain(encodeURIComponent(userSig));
    }
  });
});
