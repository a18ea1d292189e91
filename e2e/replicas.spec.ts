import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTempPostgresDatabase } from '../server/src/adapters/db/testing';
import { signedCallbackQuery, spawnConsole } from '../server/test/support/console-process';
import { type PostgresCluster, startPostgres } from '../server/test/support/postgres';
import { ADMIN, expect, signIn, test } from './helpers';

/**
 * Issue 17: two console processes on one PostgreSQL (the throwaway cluster the Vitest `postgres`
 * project uses, decision 038), besides the suite's own console. A callback received by replica A
 * shows up live in a browser connected to replica B (LISTEN/NOTIFY, decision 047). Both replicas
 * listen on ports the system picks, so the spec never collides with another console on the machine.
 */
const TOKEN = 'e2e-replicas-callback-token';
const SDKAPPID = 1400000098;

let cluster: PostgresCluster | undefined;
let dir: string | undefined;
const children: ChildProcess[] = [];
let urlA = '';
let urlB = '';

async function bootReplica(env: Record<string, string>): Promise<string> {
  const replica = spawnConsole(env);
  children.push(replica.child);
  return replica.listening;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startPostgres();
  const databaseUrl = (await createTempPostgresDatabase(cluster.url)).url;
  dir = mkdtempSync(path.join(tmpdir(), 'console-e2e-replicas-'));
  const environmentsFile = path.join(dir, 'environments.json');
  writeFileSync(
    environmentsFile,
    JSON.stringify({
      environments: [
        {
          id: 'hooks-replicas',
          label: 'Callbacks on two replicas',
          endpoint: 'http://127.0.0.1:4',
          sdkAppId: SDKAPPID,
          adminIdentifier: 'administrator',
          secretKey: 'e2e-never-used',
          callback: { token: TOKEN },
        },
      ],
    }),
  );
  const env = (name: string) => ({
    DATABASE_URL: databaseUrl,
    DATA_DIR: path.join(dir ?? '', name),
    PORT: '0',
    HOST: '127.0.0.1',
    CONSOLE_CONFIG: environmentsFile,
    CONSOLE_ADMIN_PASSWORD: ADMIN.password,
    SANDBOX: 'off',
    LOG_LEVEL: 'info',
  });
  // Both start at once on the empty database, as replicas behind a load balancer do.
  [urlA, urlB] = await Promise.all([bootReplica(env('a')), bootReplica(env('b'))]);
});

test.afterAll(async () => {
  await Promise.all(
    children.map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      return exited;
    }),
  );
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test.use({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });

test('a callback received by one replica shows up live in a browser connected to the other', async ({
  page,
}) => {
  await signIn(page, ADMIN, `${urlB}/callbacks?environmentId=hooks-replicas`);
  await expect(page.getByRole('heading', { name: 'Callbacks', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  const list = page.getByRole('table', { name: 'Received callbacks' });
  const group = `replicated-${Date.now()}`;
  await expect(page.getByText(group)).toHaveCount(0);

  // Tencent's callback reaches replica A (the load balancer's pick), signed as Tencent signs it.
  const query = signedCallbackQuery({
    sdkAppId: SDKAPPID,
    command: 'Group.CallbackAfterMemberExit',
    token: TOKEN,
  });
  const received = await page.request.post(`${urlA}/callbacks/hooks-replicas?${query}`, {
    data: { CallbackCommand: 'Group.CallbackAfterMemberExit', GroupId: group },
  });
  expect(received.status(), await received.text()).toBe(200);

  // No reload: the page on B lists from the store only when opened, so the row came over B's stream.
  const row = list.getByRole('row').filter({ hasText: 'Group.CallbackAfterMemberExit' }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText('accepted');
  await row.getByRole('button').click();
  const detail = page.getByRole('region', { name: 'Group.CallbackAfterMemberExit' });
  await expect(detail.getByRole('region', { name: 'Body' })).toContainText(group);
});
