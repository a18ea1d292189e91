import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { describe, expect, it } from 'vitest';
import { helmetHeaders, recordHeaderWrites, securityHeaders } from './security';

/** The headers a request answered through `middleware` gets, but the ones that change every time. */
async function headersThrough(middleware: RequestHandler, path: string): Promise<Record<string, string>> {
  const app = express();
  app.use((_req, res, next) => {
    res.setHeader('X-Powered-By', 'something');
    next();
  });
  app.use(middleware);
  app.use((_req, res) => {
    res.json({ ok: true });
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    const out = Object.fromEntries(res.headers);
    delete out.date;
    return out;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('securityHeaders', () => {
  it("answers every request with exactly helmet's headers (and removes what helmet removes)", async () => {
    for (const path of ['/', '/api/requests?x=1', '/assets/app.js']) {
      const recorded = await headersThrough(securityHeaders, path);
      expect(recorded).toEqual(await headersThrough(helmetHeaders, path));
      expect(recorded['content-security-policy']).toContain("default-src 'self'");
      expect(recorded['x-powered-by']).toBeUndefined();
    }
  });

  it('refuses a middleware that does not finish at once, and passes on one that fails', () => {
    expect(() => recordHeaderWrites(() => {})).toThrow(/did not finish/);
    expect(() => recordHeaderWrites((_req, _res, next) => next(new Error('bad option')))).toThrow(
      'bad option',
    );
  });
});
