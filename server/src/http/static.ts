import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chat REST Console</title></head>
<body><h1>Chat REST Console</h1>
<p>The web client is not built yet. Run <code>pnpm build</code> (or <code>pnpm start</code>, which builds it), then reload.</p>
<p>The API is up: <a href="/healthz">/healthz</a>.</p></body></html>`;

const reserved = /^\/(api|sandbox|healthz|readyz)(\/|$)/;

/** Serves the built SPA: immutable hashed assets, an uncached index.html, client routes fall back to it. */
export function clientRoutes(clientDist: string): Router {
  const router = Router();
  const indexFile = path.join(clientDist, 'index.html');

  if (!existsSync(indexFile)) {
    router.get('/', (_req, res) => {
      res.status(200).set('Cache-Control', 'no-store').type('html').send(notBuiltPage);
    });
    return router;
  }

  router.use(
    '/assets',
    express.static(path.join(clientDist, 'assets'), {
      index: false,
      fallthrough: true,
      immutable: true,
      maxAge: '365d',
    }),
  );
  router.use(
    express.static(clientDist, {
      index: false,
      setHeaders: (res, file) => {
        if (path.basename(file) === 'index.html') res.setHeader('Cache-Control', 'no-store');
      },
    }),
  );
  const spaFallback: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || reserved.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    if (req.path.startsWith('/assets/')) {
      next();
      return;
    }
    res.set('Cache-Control', 'no-store').sendFile(indexFile);
  };
  router.use(spaFallback);
  return router;
}
