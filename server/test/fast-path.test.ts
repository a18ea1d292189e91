import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness';
import { bearer, tokenFor, userWithRole } from './support/users';

// POST /api/requests is served ahead of Express's router (decision 049). The same requests, sent to
// a server that routes everything through Express (`routerOnly`), must get the same answers.

interface Side {
  h: Harness;
  admin: string;
  token: string;
  viewer: string;
  viewerToken: string;
}

let fast: Side;
let routed: Side;

const extraEnvironments = (upstreamUrl: string) => [
  {
    id: 'one-per-second',
    label: 'One call a second',
    endpoint: upstreamUrl,
    sdkAppId: 1400123456,
    adminIdentifier: 'ops_admin',
    secretKey: { env: 'TEST_SECRET_KEY' },
    rateLimits: { '*': 1 },
  },
];

async function side(routerOnly: boolean): Promise<Side> {
  const h = await startHarness({ extraEnvironments, serverOptions: { routerOnly } });
  const admin = await h.signIn();
  const viewer = await userWithRole(h, admin, 'vera', 'viewer');
  return {
    h,
    admin,
    token: (await tokenFor(h, admin)).token,
    viewer: viewer.cookie,
    viewerToken: (await tokenFor(h, viewer.cookie)).token,
  };
}

beforeAll(async () => {
  [fast, routed] = await Promise.all([side(false), side(true)]);
});
afterAll(async () => {
  await Promise.all([fast?.h.stop(), routed?.h.stop()]);
});

const accountCheck = {
  environmentId: 'fake',
  service: 'im_open_login_svc',
  command: 'account_check',
  body: { CheckItem: [{ UserID: 'a' }] },
};

/** Values that differ between any two calls (ids, times, the signed URL's random), blanked. */
const varying = new Set([
  'id',
  'createdAt',
  'durationMs',
  'url',
  'requestId',
  'retryAfterMs',
  'historyId',
  'upstreamRequestId',
]);
function normalise(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/retry in \d+ ms/, 'retry in <n> ms');
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, varying.has(k) && v !== null ? '<varies>' : normalise(v)]),
  );
}

/** Every header, with the ones that vary per answer reduced to their shape. */
function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (name === 'date' || name === 'content-length') continue;
    // Whole seconds until the limiter's window (1 s + its 100 ms margin) frees a place: 1 or 2,
    // depending on how long after the first call the second one came.
    if (name === 'retry-after') out[name] = /^[12]$/.test(value) ? '<1 or 2>' : value;
    else if (name === 'x-request-id') out[name] = /^[0-9a-f-]{36}$/.test(value) ? '<uuid>' : value;
    // The session cookie's value and expiry differ; its attributes must not.
    else if (name === 'set-cookie')
      out[name] = value.replace(/=[^;]*/, '=<session>').replace(/Expires=[^;]*/i, 'Expires=<date>');
    else out[name] = value;
  }
  return out;
}

interface Case {
  name: string;
  /** The request for one side (credentials differ between the two servers). */
  request(s: Side): { body: string | Buffer; headers: Record<string, string>; path?: string };
  status: number;
}

const json = (value: unknown) => JSON.stringify(value);
// A write: a viewer may read but not change anything.
const accountImport = {
  environmentId: 'fake',
  service: 'im_open_login_svc',
  command: 'account_import',
  body: { UserID: 'new_user' },
};
const cases: Case[] = [
  {
    name: 'a good call with an API token',
    request: (s) => ({
      body: json(accountCheck),
      headers: { 'content-type': 'application/json', ...bearer(s.token) },
    }),
    status: 201,
  },
  {
    name: 'a good call with the session cookie, from the console’s own page',
    request: (s) => ({
      body: json(accountCheck),
      headers: { 'content-type': 'application/json', cookie: s.admin, origin: s.h.url },
    }),
    status: 201,
  },
  {
    name: 'a good call with a query string after the path',
    request: (s) => ({
      path: '/api/requests?from=script',
      body: json(accountCheck),
      headers: { 'content-type': 'application/json', ...bearer(s.token) },
    }),
    status: 201,
  },
  {
    name: 'a gzipped body',
    request: (s) => ({
      body: gzipSync(json(accountCheck)),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...bearer(s.token) },
    }),
    status: 201,
  },
  {
    name: 'bad JSON',
    request: (s) => ({
      body: '{"environmentId": "fake",',
      headers: { 'content-type': 'application/json', ...bearer(s.token) },
    }),
    status: 400,
  },
  {
    name: 'a body that is not declared JSON',
    request: (s) => ({
      body: json(accountCheck),
      headers: { 'content-type': 'text/plain', ...bearer(s.token) },
    }),
    status: 400,
  },
  {
    name: 'a body that does not match the shape',
    request: (s) => ({
      body: json({ environmentId: 'fake', service: 7 }),
      headers: { 'content-type': 'application/json', ...bearer(s.token) },
    }),
    status: 400,
  },
  {
    name: 'a body over 1 MiB',
    request: (s) => ({
      body: json({ ...accountCheck, body: { pad: 'x'.repeat(1024 * 1024) } }),
      headers: { 'content-type': 'application/json', ...bearer(s.token) },
    }),
    status: 413,
  },
  {
    name: 'an unknown environment',
    request: (s) => ({
      body: json({ ...accountCheck, environmentId: 'nowhere' }),
      headers: { 'content-type': 'application/json', ...bearer(s.token) },
    }),
    status: 404,
  },
  {
    name: 'no credentials',
    request: () => ({ body: json(accountCheck), headers: { 'content-type': 'application/json' } }),
    status: 401,
  },
  {
    name: 'a token that is not valid',
    request: () => ({
      body: json(accountCheck),
      headers: { 'content-type': 'application/json', ...bearer('cct_not-a-real-token') },
    }),
    status: 401,
  },
  {
    name: 'a viewer’s token (the wrong role)',
    request: (s) => ({
      body: json(accountImport),
      headers: { 'content-type': 'application/json', ...bearer(s.viewerToken) },
    }),
    status: 403,
  },
  {
    name: 'a viewer’s session (the wrong role)',
    request: (s) => ({
      body: json(accountImport),
      headers: { 'content-type': 'application/json', cookie: s.viewer },
    }),
    status: 403,
  },
  {
    name: 'a session cookie from a foreign origin',
    request: (s) => ({
      body: json(accountCheck),
      headers: { 'content-type': 'application/json', cookie: s.admin, origin: 'https://evil.example' },
    }),
    status: 403,
  },
  {
    name: 'the second call within a second to a one-a-second environment',
    request: (s) => ({
      body: json({ ...accountCheck, environmentId: 'one-per-second' }),
      headers: { 'content-type': 'application/json', ...bearer(s.token) },
    }),
    status: 429,
  },
];

async function send(s: Side, c: Case) {
  const { body, headers, path = '/api/requests' } = c.request(s);
  const res = await fetch(`${s.h.url}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, headers: headersOf(res.headers), body: normalise(JSON.parse(text)) };
}

describe('POST /api/requests served ahead of the router', () => {
  it.each(cases)('answers $name exactly as Express’s router does ($status)', async (c) => {
    if (c.status === 429) {
      // Takes the app's one place of the second on each side first (if other calls have not).
      for (const s of [fast, routed]) await send(s, c);
    }
    const a = await send(fast, c);
    const b = await send(routed, c);
    expect(a.status).toBe(c.status);
    expect(a).toEqual(b);
    if (c.status === 429) expect(a.headers['retry-after']).toBe('<1 or 2>');
  });

  it('writes the same request log line as the router', async () => {
    const line = (s: Side) => {
      const found = s.h.logs
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'request completed' && JSON.stringify(l.req).includes('/api/requests'))
        .at(-1);
      if (!found) throw new Error('no request line');
      const { time: _t, pid: _p, hostname: _h, responseTime, ...rest } = found;
      expect(typeof responseTime).toBe('number');
      return normalise({ ...rest, reqId: typeof rest.reqId, call: normalise(rest.call) });
    };
    for (const s of [fast, routed]) {
      const res = await send(s, cases[0]!);
      expect(res.status).toBe(201);
    }
    expect(line(fast)).toEqual(line(routed));
    expect(line(fast)).toMatchObject({ level: 30, res: { statusCode: 201 }, call: { outcome: 'ok' } });
  });
});
