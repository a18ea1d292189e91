import {
  type CallbackReplicas,
  signedCallbackQuery,
  startCallbackReplicas,
} from '../server/test/support/console-process';
import { ADMIN, expect, signIn, test } from './helpers';

/**
 * Issue 17: two console processes on one PostgreSQL (the throwaway cluster the Vitest `postgres`
 * project uses, decision 038), besides the suite's own console. A callback received by replica A
 * shows up live in a browser connected to replica B (LISTEN/NOTIFY, decision 047). Both replicas
 * listen on ports the system picks, so the spec never collides with another console on the machine.
 */
const TOKEN = 'e2e-replicas-callback-token';
const SDKAPPID = 1400000098;

let replicas: CallbackReplicas | undefined;
let urlA = '';
let urlB = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // Both start at once on the empty database, as replicas behind a load balancer do.
  replicas = await startCallbackReplicas({
    environmentId: 'hooks-replicas',
    label: 'Callbacks on two replicas',
    sdkAppId: SDKAPPID,
    token: TOKEN,
    adminPassword: ADMIN.password,
  });
  urlA = replicas.a.url;
  urlB = replicas.b.url;
});

test.afterAll(async () => {
  await replicas?.stop();
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
