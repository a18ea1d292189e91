import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFastPath, expressMessageClasses, type FastPath } from './fast-path';

// The fast path's own rules; server/test/fast-path.test.ts compares its answers with the router's.

let server: Server;
let base: string;
let app: express.Express;
let fastPath: FastPath;
const seen: string[] = [];

const mark =
  (name: string): RequestHandler =>
  (req, _res, next) => {
    seen.push(`${name}:${req.originalUrl}`);
    next();
  };

beforeAll(async () => {
  app = express();
  app.set('etag', false);
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    res.status(418).json({ error: err instanceof Error ? err.message : String(err) });
  };
  fastPath = createFastPath(
    app,
    [
      {
        method: 'POST',
        path: '/fast',
        chain: [
          mark('first'),
          // Express's own helpers work: the request and response have Express's prototypes.
          (req, res, next) => {
            res.set('x-host', req.host ?? '');
            next();
          },
          (req, res) => {
            res.status(201).json({ fast: true, query: req.query });
          },
        ],
      },
      {
        method: 'POST',
        path: '/throws',
        chain: [
          () => {
            throw new Error('thrown');
          },
        ],
      },
      {
        method: 'POST',
        path: '/rejects',
        chain: [mark('before'), async () => Promise.reject(new Error('rejected'))],
      },
      { method: 'POST', path: '/next-error', chain: [(_req, _res, next) => next(new Error('passed on'))] },
      { method: 'POST', path: '/falls-off', chain: [mark('only')] },
    ],
    onError,
  );
  app.use((req, res) => {
    res.status(200).json({ fast: false, url: req.originalUrl });
  });
  server = createServer((req, res) => {
    if (fastPath(req, res)) return;
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function post(path: string, method = 'POST') {
  const res = await fetch(`${base}${path}`, { method });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

describe('createFastPath', () => {
  it('serves its path, with or without a query string, through the chain in order', async () => {
    seen.length = 0;
    const plain = await post('/fast');
    expect(plain.status).toBe(201);
    expect(plain.body).toEqual({ fast: true, query: {} });
    expect(plain.headers.get('x-host')).toBe(new URL(base).host);
    const query = await post('/fast?a=1');
    expect(query.body).toEqual({ fast: true, query: { a: '1' } });
    expect(seen).toEqual(['first:/fast', 'first:/fast?a=1']);
  });

  it('leaves every other path and method to Express', async () => {
    for (const [path, method] of [
      ['/fast/', 'POST'],
      ['/faster', 'POST'],
      ['/FAST', 'POST'],
      ['/fast', 'GET'],
      ['/fast', 'PUT'],
    ] as const) {
      const res = await post(path, method);
      expect(res.body, `${method} ${path}`).toEqual({ fast: false, url: path });
    }
  });

  it('hands a throw, a rejected promise and next(err) to the error handler, as the router does', async () => {
    expect(await post('/throws')).toMatchObject({ status: 418, body: { error: 'thrown' } });
    expect(await post('/rejects')).toMatchObject({ status: 418, body: { error: 'rejected' } });
    expect(await post('/next-error')).toMatchObject({ status: 418, body: { error: 'passed on' } });
  });

  it('calls a chain that ends without answering a bug, answered by the error handler', async () => {
    const res = await post('/falls-off');
    expect(res.status).toBe(418);
    expect(String(res.body.error)).toContain('ended without an answer');
  });
});

describe('expressMessageClasses', () => {
  it("makes requests and responses with the app's prototypes from birth, which Express and the fast path keep", async () => {
    const born: boolean[] = [];
    const bornServer = createServer(expressMessageClasses(app), (req, res) => {
      born.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response);
      if (fastPath(req, res)) return;
      app(req, res);
    });
    await new Promise<void>((resolve) => bornServer.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(bornServer.address() as AddressInfo).port}`;
    try {
      const fast = await fetch(`${at}/fast?b=2`, { method: 'POST' });
      expect(fast.status).toBe(201);
      expect(await fast.json()).toEqual({ fast: true, query: { b: '2' } });
      expect(fast.headers.get('x-host')).toBe(new URL(at).host);
      const routed = await fetch(`${at}/elsewhere`, { method: 'POST' });
      expect(await routed.json()).toEqual({ fast: false, url: '/elsewhere' });
      expect((await fetch(`${at}/throws`, { method: 'POST' })).status).toBe(418);
      expect(born).toEqual([true, true, true]);
    } finally {
      await new Promise<void>((resolve) => bornServer.close(() => resolve()));
    }
  });
});
