import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness';

const dist = mkdtempSync(path.join(tmpdir(), 'console-dist-'));
let h: Harness;

beforeAll(async () => {
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>spa</title><div id="root"></div>');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("hi")');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg/>');
  writeFileSync(path.join(dist, 'assets', 'big-def456.js'), `export const x = '${'monaco '.repeat(4000)}';`);
  h = await startHarness({ env: { CLIENT_DIST: dist } });
});
afterAll(async () => {
  await h.stop();
  rmSync(dist, { recursive: true, force: true });
});

const html = { headers: { accept: 'text/html,application/xhtml+xml' } };

describe('serving the SPA', () => {
  it('serves hashed assets as immutable for a year', async () => {
    const res = await h.call('GET', '/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('gzips assets for browsers that accept it', async () => {
    const res = await h.call('GET', '/assets/big-def456.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.text).toContain('monaco monaco');
  });

  it('serves index.html uncached, at / and for client-side routes', async () => {
    for (const route of ['/', '/index.html', '/history/01ABC', '/console?env=sandbox']) {
      const res = await h.call('GET', route, html);
      expect(res.status, route).toBe(200);
      expect(res.text).toContain('<div id="root">');
      expect(res.headers.get('cache-control'), route).toBe('no-store');
    }
  });

  it('does not fall back for a missing asset, the API, the sandbox or a non-HTML request', async () => {
    expect((await h.call('GET', '/assets/gone-123.js', html)).status).toBe(404);
    const api = await h.call('GET', '/api/whatever', html);
    expect(api.status).toBe(401);
    expect(api.text).not.toContain('root');
    const json = await h.call('GET', '/history/01ABC', { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    expect(json.json).toMatchObject({ error: { code: 'route/not-found' } });
  });
});

describe('without a built client', () => {
  it('answers / with a page that says to run pnpm build', async () => {
    const bare = await startHarness();
    try {
      const res = await bare.call('GET', '/', html);
      expect(res.status).toBe(200);
      expect(res.text).toContain('pnpm build');
    } finally {
      await bare.stop();
    }
  });
});
