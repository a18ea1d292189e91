import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, obj, startHarness } from './support/harness';

let h: Harness;
let cookie: string;

beforeAll(async () => {
  h = await startHarness();
  cookie = await h.signIn();
});
afterAll(async () => {
  await h.stop();
});

type Line = Record<string, unknown> & { msg?: string; reqId?: string };

/** Log lines written so far, parsed; the harness logger writes synchronously to its destination. */
function lines(): Line[] {
  return h.logs
    .join('')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);
}

function linesOf(reqId: string | null): Line[] {
  expect(reqId).toBeTruthy();
  return lines().filter((l) => l.reqId === reqId);
}

/** The answer's log line is written on `finish`, which can come a moment after the client has it. */
async function completionOf(reqId: string | null): Promise<Line> {
  for (let i = 0; i < 50; i++) {
    const done = linesOf(reqId).find((l) => l.msg === 'request completed');
    if (done) return done;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no completion line for ${reqId}`);
}

describe('request log', () => {
  it('writes one line per send with the upstream call on it, under the id it answered with', async () => {
    const res = await h.call('POST', '/api/requests', {
      cookie,
      json: {
        environmentId: 'fake',
        service: 'im_open_login_svc',
        command: 'account_check',
        body: { CheckItem: [{ UserID: 'alice' }] },
      },
    });
    expect(res.status).toBe(201);
    const entry = obj(res.json);
    const reqId = res.headers.get('x-request-id');
    const line = await completionOf(reqId);
    expect(linesOf(reqId)).toHaveLength(1);
    expect(line.level).toBe(30);
    expect(line.req).toMatchObject({ method: 'POST', url: '/api/requests' });
    expect(line.res).toEqual({ statusCode: 201 });
    expect(typeof line.responseTime).toBe('number');
    expect(line.call).toEqual({
      historyId: entry.id,
      environmentId: 'fake',
      command: 'im_open_login_svc/account_check',
      outcome: 'ok',
      errorCode: 0,
      upstreamRequestId: entry.requestId,
      durationMs: entry.durationMs,
    });
  });

  it('logs refusals at warn and gives every request its own id', async () => {
    const first = await h.call('GET', '/api/requests/no-such-entry', { cookie });
    const second = await h.call('GET', '/api/session');
    expect(first.status).toBe(404);
    expect(second.status).toBe(401);
    const a = first.headers.get('x-request-id');
    const b = second.headers.get('x-request-id');
    expect(a).not.toBe(b);
    expect((await completionOf(a)).level).toBe(40);
    expect((await completionOf(b)).res).toEqual({ statusCode: 401 });
  });

  it('redacts a UserSig in the logged URL', async () => {
    const res = await h.call(
      'POST',
      '/sandbox/v4/im_open_login_svc/account_check?usersig=abc.def&sdkappid=1',
      {
        json: {},
      },
    );
    const line = await completionOf(res.headers.get('x-request-id'));
    const url = String(obj(line.req).url);
    expect(url).toContain('usersig=REDACTED');
    expect(url).not.toContain('abc.def');
  });

  it('lets a route log under its request id', async () => {
    // A failed upstream call is logged by the error handler through req.log, then completed at 5xx.
    const res = await h.call('POST', '/api/requests', {
      cookie,
      json: {
        environmentId: 'refused',
        service: 'im_open_login_svc',
        command: 'account_check',
        body: { CheckItem: [{ UserID: 'alice' }] },
      },
    });
    expect(res.status).toBe(502);
    const reqId = res.headers.get('x-request-id');
    const done = await completionOf(reqId);
    expect(done.level).toBe(50);
    expect(linesOf(reqId).map((l) => l.msg)).toContain('upstream call failed');
  });
});
