import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyPageSchema } from '@console/shared/api';
import { afterAll, describe, expect, it } from 'vitest';
import { childConsoles } from './support/child-console';
import { type FakeUpstream, startFakeUpstream } from './support/fake-upstream';

const { dataDir, secretKey, boot, signIn, cleanUp } = childConsoles({
  prefix: 'console-crash-',
  password: 'crash-test-password',
  listenTimeoutMs: 30_000,
});
let upstream: FakeUpstream | undefined;

afterAll(async () => {
  await cleanUp(async () => {
    await upstream?.close();
  });
});

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
