import { brotliCompressSync, gzipSync } from 'node:zlib';
import { errorBodySchema } from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness';

let h: Harness;
let cookie: string;

beforeAll(async () => {
  h = await startHarness();
  cookie = await h.signIn();
});
afterAll(async () => {
  await h.stop();
});

/** Lines pino wrote at level error (50) or above since `from`. */
const errorLines = (from: number) => h.logs.slice(from).filter((l) => /"level":(50|60)/.test(l));

describe('malformed input', () => {
  it.each([
    ['GET', '/api/requests/%ZZ'],
    ['DELETE', '/api/tokens/%'],
    ['PATCH', '/api/users/%E0%A4%A'],
    ['POST', '/api/requests/%/replay'],
    ['GET', '/api/requests/%E0%A4%A'],
  ])(
    '%s %s (malformed percent-encoding) answers 400 request/invalid, logging no error',
    async (method, route) => {
      const logged = h.logs.length;
      const res = await h.call(method, route, {
        cookie,
        ...(method === 'PATCH' || method === 'POST' ? { json: { role: 'viewer' } } : {}),
      });
      expect(res.status).toBe(400);
      expect(errorBodySchema.parse(res.json).error).toMatchObject({
        code: 'request/invalid',
        message: 'the URL has malformed percent-encoding',
      });
      expect(errorLines(logged)).toEqual([]);
    },
  );

  const sendBody = Buffer.from(
    JSON.stringify({
      environmentId: 'fake',
      service: 'im_open_login_svc',
      command: 'account_check',
      body: {},
    }),
  );
  it.each([
    ['gzip', Buffer.from('these bytes are not gzip')],
    ['br', Buffer.from('these bytes are not brotli either')],
    ['deflate', Buffer.from('nor deflate')],
    ['gzip', gzipSync(sendBody).subarray(0, 12)],
  ])(
    'a body declared %s that does not decode answers 400 request/invalid, calling nothing',
    async (encoding, bytes) => {
      const logged = h.logs.length;
      const calls = h.upstream.calls.length;
      const res = await fetch(`${h.url}/api/requests`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'content-encoding': encoding },
        body: bytes,
      });
      expect(res.status).toBe(400);
      expect(errorBodySchema.parse(await res.json()).error.code).toBe('request/invalid');
      expect(h.upstream.calls.length).toBe(calls);
      expect(errorLines(logged)).toEqual([]);
    },
  );

  it('still reads a body that really is gzip or br', async () => {
    for (const [encoding, bytes] of [
      ['gzip', gzipSync(sendBody)],
      ['br', brotliCompressSync(sendBody)],
    ] as const) {
      const res = await fetch(`${h.url}/api/requests`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'content-encoding': encoding },
        body: bytes,
      });
      expect(res.status).toBe(201);
    }
  });

  it('answers 415 request/unsupported-encoding for an encoding it does not decode', async () => {
    const res = await h.call('POST', '/api/requests', {
      cookie,
      body: '{}',
      headers: { 'content-type': 'application/json', 'content-encoding': 'compress' },
    });
    expect(res.status).toBe(415);
    expect(errorBodySchema.parse(res.json).error.code).toBe('request/unsupported-encoding');
  });
});
