import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'console-boot-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function boot(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Resolves with the URL the server logged once it listens. */
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listen: ${stdout} ${stderr}`)), 75_000);
    const poll = setInterval(() => {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(stdout);
      if (m?.[1]) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1]);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(poll);
      clearTimeout(timer);
    });
  });
  return { child, exited, listening, out: () => stdout, err: () => stderr };
}

describe('main', () => {
  it('prints the configuration error and exits 1', async () => {
    const p = boot({ PORT: 'eighty' });
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain('configuration error: PORT: must be a port number');
  }, 60_000);

  it('prints a generated admin password once, listens, and shuts down cleanly on SIGTERM', async () => {
    const p = boot({});
    const listening = await p.listening;
    expect(p.out()).toMatch(/Password: \S{20,}/);
    const health = await fetch(`${listening}/healthz`);
    expect(health.status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.out()).toContain('shutting down');

    const again = boot({});
    await again.listening;
    again.child.kill('SIGTERM');
    await again.exited;
    expect(again.out()).not.toContain('Password:');
  }, 180_000);
});
