import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Run, runSchema } from '@console/shared/api';
import { afterAll, describe, expect, it } from 'vitest';
import { childConsoles } from './support/child-console';
import { type FakeUpstream, startFakeUpstream } from './support/fake-upstream';

const { dataDir, secretKey, boot, signIn, cleanUp } = childConsoles({
  prefix: 'console-runs-crash-',
  password: 'runs-crash-password',
  listenTimeoutMs: 60_000,
});
let upstream: FakeUpstream | undefined;

afterAll(async () => {
  await cleanUp(async () => {
    await upstream?.close();
  });
});

const rowsReceived = (u: FakeUpstream) =>
  u.calls.map((c) => String((JSON.parse(c.body) as { UserID?: unknown }).UserID ?? ''));

describe('a run whose console is killed with SIGKILL mid-run', () => {
  it('resumes by itself after restart, marks the rows in flight unknown, and sends no row twice', async () => {
    upstream = await startFakeUpstream({ sdkAppId: 1400000002, identifier: 'administrator', secretKey });
    // Calls stay in flight for a while, so the kill lands while some are out.
    upstream.delayMs = 400;
    const environmentsFile = path.join(dataDir, 'environments.json');
    writeFileSync(
      environmentsFile,
      JSON.stringify({
        environments: [
          {
            id: 'gateway',
            label: 'Gateway',
            endpoint: upstream.url,
            sdkAppId: 1400000002,
            adminIdentifier: 'administrator',
            secretKey: { env: 'CRASH_SECRET_KEY' },
            rateLimits: { 'im_open_login_svc/account_import': 25 },
          },
        ],
      }),
    );
    const rows = 120;
    const csv = ['user', ...Array.from({ length: rows }, (_, i) => `row${i + 1}`)].join('\n');

    const first = await boot(environmentsFile);
    const started = await fetch(`${first.url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await signIn(first.url) },
      body: JSON.stringify({
        environmentId: 'gateway',
        service: 'im_open_login_svc',
        command: 'account_import',
        template: '{"UserID":"{{user}}"}',
        csv,
        concurrency: 4,
      }),
    });
    expect(started.status).toBe(201);
    const runId = runSchema.parse(await started.json()).id;
    while (upstream.calls.length < 25) await new Promise((r) => setTimeout(r, 10));
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    const beforeRestart = upstream.calls.length;
    expect(beforeRestart).toBeLessThan(rows);

    const second = await boot(environmentsFile);
    try {
      const cookie = await signIn(second.url);
      let run: Run | undefined;
      const deadline = performance.now() + 90_000;
      for (;;) {
        const res = await fetch(`${second.url}/api/runs/${runId}`, { headers: { cookie } });
        run = runSchema.parse(await res.json());
        if (run.status !== 'running' || performance.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(run.status).toBe('done');
      // The rows in flight at the kill are unknown; nothing else is lost and nothing failed.
      expect(run.unknown).toBeGreaterThanOrEqual(1);
      expect(run.unknown).toBeLessThanOrEqual(4);
      expect(run.ok + run.unknown).toBe(rows);

      // THE rule: the upstream saw no row twice, and saw every row that ended ok.
      const seen = rowsReceived(upstream);
      expect(seen.length).toBe(new Set(seen).size);
      expect(seen.length).toBeGreaterThanOrEqual(run.ok);

      const results = await fetch(`${second.url}/api/runs/${runId}/results?format=jsonl`, {
        headers: { cookie },
      });
      const lines = (await results.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { values: { user: string }; state: string });
      const unknownRows = lines.filter((l) => l.state === 'unknown').map((l) => l.values.user);
      expect(unknownRows).toHaveLength(run.unknown);
      // Unknown rows were sent before the kill (at most once) and never after it.
      const afterRestart = new Set(seen.slice(beforeRestart));
      for (const user of unknownRows) expect(afterRestart.has(user)).toBe(false);
      for (const l of lines.filter((x) => x.state === 'ok')) expect(seen).toContain(l.values.user);
    } finally {
      const done = new Promise((resolve) => second.child.once('exit', resolve));
      second.child.kill('SIGTERM');
      await done;
    }
  }, 180_000);
});
