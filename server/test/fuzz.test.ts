import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { appErrorCodes, BODY_MAX_DEPTH, historyEntrySchema } from '@console/shared/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness';

/**
 * Property-based: generated malformed input at every route that reads JSON (and at the route
 * parameters), asserting a 4xx with a known code, never a 5xx, no error-level log line, and that
 * nothing reached the upstream. Kept to a few hundred requests so it runs in every CI run; a failure
 * prints the seed and the shrunk input to replay it (`fc.assert` with `{ seed, path }`).
 */

let h: Harness;
let cookie: string;
let historyId: string;
const knownCodes = new Set<string>(appErrorCodes);
const RUNS = 25;

beforeAll(async () => {
  h = await startHarness();
  cookie = await h.signIn();
  const sent = await h.call('POST', '/api/requests', {
    cookie,
    json: { environmentId: 'fake', service: 'openconfigsvr', command: 'getappinfo', body: {} },
  });
  historyId = historyEntrySchema.parse(sent.json).id;
  const amy = await h.call('POST', '/api/users', {
    cookie,
    json: { username: 'amy', password: 'amy-password-1', role: 'operator' },
  });
  expect(amy.status).toBe(201);
});
afterAll(async () => {
  await h.stop();
});

interface Sent {
  method: string;
  route: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** Sends one generated request and checks the answer; any failure makes fast-check shrink the input. */
async function expectRefused(req: Sent): Promise<void> {
  const calls = h.upstream.calls.length;
  const logged = h.logs.length;
  const res = await fetch(`${h.url}${req.route}`, {
    method: req.method,
    headers: { cookie, 'content-type': 'application/json', ...req.headers },
    ...(req.body === undefined ? {} : { body: req.body }),
  });
  const text = await res.text();
  const what = `${req.method} ${req.route} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  const code: unknown = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
  expect(typeof code === 'string' && knownCodes.has(code), what).toBe(true);
  expect(h.upstream.calls.length, `${what}: reached the upstream`).toBe(calls);
  const errors = h.logs.slice(logged).filter((l) => /"level":(50|60)/.test(l));
  expect(errors, what).toEqual([]);
}

/** Anything but a string: what a string field must refuse. */
const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
);

/** Nested deeper than the body limit, in arrays or objects, at generated depths. */
const tooDeep = fc
  .tuple(fc.integer({ min: BODY_MAX_DEPTH, max: 6000 }), fc.boolean())
  .map(([depth, arrays]) => ({ depth, arrays }));

/** Anything but a JSON object: what `body` must refuse (too deep counts as malformed too). */
const notObject = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
);

function nestedText({ depth, arrays }: { depth: number; arrays: boolean }): string {
  return arrays
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A valid body with one required field replaced by a value of the wrong type. */
function withWrongField(
  valid: Record<string, unknown>,
  fields: string[],
  wrong: fc.Arbitrary<unknown> = notString,
) {
  return fc
    .tuple(fc.constantFrom(...fields), wrong)
    .map(([field, value]) => JSON.stringify({ ...valid, [field]: value }));
}

const validSend = { environmentId: 'fake', service: 'openconfigsvr', command: 'getappinfo', body: {} };

const jsonRoutes: { name: string; method: string; route: () => string; bodies: fc.Arbitrary<string> }[] = [
  {
    name: 'POST /api/session',
    method: 'POST',
    route: () => '/api/session',
    bodies: withWrongField({ username: 'admin', password: 'x' }, ['username', 'password']),
  },
  {
    name: 'POST /api/session/password',
    method: 'POST',
    route: () => '/api/session/password',
    bodies: withWrongField({ currentPassword: 'x', newPassword: 'long-enough-1' }, [
      'currentPassword',
      'newPassword',
    ]),
  },
  {
    name: 'POST /api/requests',
    method: 'POST',
    route: () => '/api/requests',
    bodies: fc.oneof(
      withWrongField(validSend, ['environmentId', 'service', 'command']),
      withWrongField(validSend, ['body'], notObject),
      tooDeep.map((d) => JSON.stringify(validSend).replace('"body":{}', `"body":{"x":${nestedText(d)}}`)),
    ),
  },
  {
    name: 'POST /api/requests/:id/replay',
    method: 'POST',
    route: () => `/api/requests/${historyId}/replay`,
    bodies: fc.oneof(
      notObject.map((body) => JSON.stringify({ body })),
      notString.map((confirm) => JSON.stringify({ confirm })),
      tooDeep.map((d) => `{"body":{"x":${nestedText(d)}}}`),
    ),
  },
  {
    name: 'POST /api/users',
    method: 'POST',
    route: () => '/api/users',
    bodies: withWrongField({ username: 'zed', password: 'zed-password-1', role: 'viewer' }, [
      'username',
      'password',
      'role',
    ]),
  },
  {
    name: 'PATCH /api/users/:username',
    method: 'PATCH',
    route: () => '/api/users/amy',
    bodies: fc.oneof(
      withWrongField({ role: 'viewer' }, ['role']),
      fc.constant('{}'),
      notString.map((password) => JSON.stringify({ password })),
    ),
  },
  {
    name: 'POST /api/tokens',
    method: 'POST',
    route: () => '/api/tokens',
    bodies: fc.oneof(
      withWrongField({ name: 'fuzz' }, ['name']),
      fc.string({ minLength: 1 }).map((name) => JSON.stringify({ name: `${name}\n` })),
      fc.integer({ min: -5, max: 0 }).map((expiresInDays) => JSON.stringify({ name: 'x', expiresInDays })),
    ),
  },
];

/** Text that is not a JSON object: broken JSON, or JSON of another type. */
const notJsonObjectText = fc
  .oneof(
    fc.string(),
    fc.jsonValue().map((v) => JSON.stringify(v)),
  )
  .filter((text) => {
    // An empty body is no body, which a replay reads as "send it again as it was".
    if (text.trim() === '') return false;
    try {
      const value: unknown = JSON.parse(text);
      return typeof value !== 'object' || value === null || Array.isArray(value);
    } catch {
      return true;
    }
  });

describe('fuzz: malformed input at every JSON route', () => {
  for (const r of jsonRoutes) {
    it(`${r.name}: a field of the wrong type or shape answers 4xx with a code`, async () => {
      await fc.assert(
        fc.asyncProperty(r.bodies, (body) => expectRefused({ method: r.method, route: r.route(), body })),
        { numRuns: RUNS },
      );
    });

    it(`${r.name}: a body that is not a JSON object answers 4xx with a code`, async () => {
      await fc.assert(
        fc.asyncProperty(notJsonObjectText, (body) =>
          expectRefused({ method: r.method, route: r.route(), body }),
        ),
        { numRuns: Math.ceil(RUNS / 2) },
      );
    });
  }

  const decodes = (encoding: string, bytes: Uint8Array): boolean => {
    const decode: Record<string, (b: Uint8Array) => Buffer> = {
      gzip: gunzipSync,
      'x-gzip': gunzipSync,
      'identity, gzip': gunzipSync,
      br: brotliDecompressSync,
      deflate: inflateSync,
    };
    const fn = decode[encoding];
    if (!fn) return false;
    try {
      fn(bytes);
      return true;
    } catch {
      return false;
    }
  };

  it('bytes that do not decode as their Content-Encoding answer 4xx with a code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('gzip', 'br', 'deflate', 'x-gzip', 'identity, gzip', 'compress'),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.constantFrom(...jsonRoutes),
        (encoding, bytes, r) => {
          // Random bytes now and then are a valid stream (brotli's [53, 0] is an empty body): those
          // decode, so they are not what this property is about.
          fc.pre(!decodes(encoding, bytes));
          return expectRefused({
            method: r.method,
            route: r.route(),
            body: bytes,
            headers: { 'content-encoding': encoding },
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('route parameters with any characters, percent signs included, answer 4xx with a code', async () => {
    const raw = fc.string({
      unit: fc.constantFrom('%', 'Z', 'E', '0', 'A', '4', 'a', '.', '/', '~', 'é', '\u{1F600}', ' '),
      minLength: 1,
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(
        raw,
        fc.constantFrom(
          (p: string) => ({ method: 'GET', route: `/api/requests/${p}` }),
          (p: string) => ({ method: 'DELETE', route: `/api/tokens/${p}` }),
          (p: string) => ({ method: 'PATCH', route: `/api/users/${p}`, body: '{"role":"viewer"}' }),
          (p: string) => ({ method: 'POST', route: `/api/requests/${p}/replay`, body: '{"body":[]}' }),
        ),
        // The parameter never names something that exists, so every answer is a refusal.
        (param, make) => expectRefused(make(`zz${param}`)),
      ),
      { numRuns: RUNS * 2 },
    );
  });
});
