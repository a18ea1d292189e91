import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyPageSchema } from '@console/shared/api';
import { afterAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from './support/fake-upstream';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'console-crash-'));
const password = 'crash-test-password';
const secretKey = randomBytes(32).toString('hex');
const children: ChildProcess[] = [];
let upstream: FakeUpstream | undefined;

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await upstream?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The console in a process of its own, so the test can kill it like an OOM killer or a power cut would. */
async function boot(environmentsFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repo,
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      PORT: '0',
      CONSOLE_CONFIG: environmentsFile,
      CONSOLE_ADMIN_PASSWORD: password,
      CRASH_SECRET_KEY: secretKey,
      UPSTREAM_TIMEOUT_MS: '60000',
      SANDBOX: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listen: ${stdout}`)), 30_000);
    const poll = setInterval(() => {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(stdout);
      if (m?.[1]) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1]);
      }
    }, 50);
  });
  return { child, url };
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('a console killed with calls in flight', () => {
  it('has every call that reached the upstream in its history after restart, as unknown', async () => {
    upstream = await startFakeUpstream({ sdkAppId: 1400000001, identifier: 'administrator', secretKey });
    upstream.mode = 'hang';
    const environmentsFile = path.join(dataDir, 'environments.json');
    writeFileSync(
      environmentsFile,
      JSON.stringify({
        environments: [
          {
            id: 'gateway',
            label: 'Gateway',
            endpoint: upstream.url,
            sdkAppId: 1400000001,
            adminIdentifier: 'administrator',
            secretKey: { env: 'CRASH_SECRET_KEY' },
          },
        ],
      }),
    );

    const first = await boot(environmentsFile);
    const cookie = await signIn(first.url);
    const inFlight = 3;
    for (let i = 0; i < inFlight; i++) {
      void fetch(`${first.url}/api/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({
          environmentId: 'gateway',
          service: 'im_open_login_svc',
          command: 'account_check',
          body: { CheckItem: [{ UserID: `user${i}` }] },
        }),
      }).catch(() => undefined);
    }
    while (upstream.calls.length < inFlight) await new Promise((r) => setTimeout(r, 10));
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;

    const second = await boot(environmentsFile);
    try {
      const page = await fetch(`${second.url}/api/requests`, {
        headers: { cookie: await signIn(second.url) },
      });
      const items = historyPageSchema.parse(await page.json()).items;
      expect(items).toHaveLength(inFlight);
      for (const item of items) {
        expect(item.outcome).toBe('unknown');
        expect(item.failure?.code).toBe('call/interrupted');
      }
      const bodies = items.map((e) => JSON.stringify(e.requestBody)).sort();
      expect(bodies).toEqual(upstream.calls.map((c) => c.body).sort());
    } finally {
      const done = new Promise((resolve) => second.child.once('exit', resolve));
      second.child.kill('SIGTERM');
      await done;
    }
  }, 90_000);
});
