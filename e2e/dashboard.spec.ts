import type { Page } from '@playwright/test';
import { statsResponseSchema } from '../shared/src/api/stats';
import { expect, signIn, test } from './helpers';

const ENV = 'prod-rehearsal';

async function send(page: Page, service: string, command: string, body: Record<string, unknown>) {
  const res = await page.request.post('/api/requests', {
    data: { environmentId: ENV, service, command, body },
  });
  expect(res.status(), await res.text()).toBe(201);
}

async function statsNow(page: Page) {
  const res = await page.request.get(
    `/api/stats?environmentId=${ENV}&from=${new Date(Date.now() - 15 * 60_000).toISOString()}`,
  );
  return statsResponseSchema.parse(await res.json());
}

async function settledStats(page: Page) {
  let last = await statsNow(page);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(500);
    const next = await statsNow(page);
    if (JSON.stringify(next.totals) === JSON.stringify(last.totals)) return next;
    last = next;
  }
  throw new Error('the environment never stopped receiving calls');
}

test.use({ viewport: { width: 1440, height: 1000 } });

test('the dashboard is the landing page, counts the calls just made and clicks through to the filtered history', async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  // Other tests share this environment: count from what is there already, once it is still.
  // Opening its dashboard fetches the app's own statistics, a recorded getappinfo call on a cold
  // cache: fetch them now so that call is in `before` (the answer is cached for an hour, so the
  // visit below makes none). And the previous test may have left calls in flight (its explorer
  // page's reads as it signed out): wait until two counts half a second apart agree.
  const appStats = await page.request.get(`/api/environments/${ENV}/app-stats`);
  expect(appStats.status(), await appStats.text()).toBe(200);
  const before = await settledStats(page);
  for (let i = 0; i < 3; i++)
    await send(page, 'im_open_login_svc', 'account_check', { CheckItem: [{ UserID: 'alice' }] });
  for (let i = 0; i < 2; i++) {
    await send(page, 'openim', 'sendmsg', {
      From_Account: 'nobody-imported-this',
      To_Account: 'bob',
      MsgRandom: 1000 + i,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
    });
  }

  await page.goto(`/?environmentId=${ENV}&range=15m`);
  const cards = page.getByRole('link', { name: /show in History$/ });
  await expect(cards.filter({ hasText: String(before.totals.fail + 2) }).first()).toBeVisible();
  await expect(
    page.getByRole('link', { name: `FAIL: ${before.totals.fail + 2}, show in History` }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: `OK: ${before.totals.ok + 3}, show in History` }),
  ).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Calls over time by outcome' })).toContainText(
    `${before.totals.calls + 5} calls`,
  );
  await expect(
    page.getByRole('figure', { name: 'Calls over time by outcome' }).locator('canvas'),
  ).toBeVisible();

  const errors = page.getByRole('region', { name: 'Top error codes' });
  await expect(errors.getByRole('row', { name: /20003/ })).toContainText(/From_Account|account|invalid/i);
  await errors.getByRole('link', { name: '20003', exact: true }).click();

  await expect(page).toHaveURL(/\/history\?environmentId=prod-rehearsal&from=.+&to=.+&errorCode=20003/);
  await expect(page.getByRole('textbox', { name: 'Error code' })).toHaveValue('20003');
  const table = page.getByRole('region', { name: 'History entries' });
  await expect(table.getByText('openim/sendmsg').first()).toBeVisible();
  await expect(table.getByText('im_open_login_svc/account_check')).toHaveCount(0);
});

test('deep links to a command still open the console; the Console link opens it too', async ({ page }) => {
  await signIn(page, undefined, `/?env=sandbox&command=profile/portrait_get`);
  await expect(page.getByText('profile/portrait_get', { exact: true })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Console' }).click();
  await expect(page).toHaveURL(/\/console/);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toHaveCount(0);
});

test('shows the sandbox app’s own 30 days and diagnoses its connectivity step by step', async ({ page }) => {
  await signIn(page);
  await page.goto('/?environmentId=sandbox&range=1h');
  const users = page.getByRole('figure', { name: 'Users, daily, last 30 days' });
  await expect(users.locator('canvas')).toBeVisible({ timeout: 45_000 });
  await expect(users).toContainText(/Active: from [\d,]+ to [\d,]+, latest [\d,]+\./);
  await expect(page.getByRole('figure', { name: 'Callback success, daily, last 30 days' })).toContainText(
    / %/,
  );

  await page.getByRole('button', { name: 'Run diagnosis' }).click();
  const steps = page.getByRole('list', { name: 'Diagnosis steps' });
  await expect(steps).toContainText(/Signed call as administrator to SDKAppID \d+: passed/);
  await expect(steps).toContainText(/TLS handshake with 127\.0\.0\.1: not applicable/);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshot of the dashboard, ${scheme} theme`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: scheme });
    // Tall enough for the whole page: a full-page capture would paint the fixed header mid-page.
    await page.setViewportSize({ width: 1440, height: 1900 });
    await signIn(page);
    await send(page, 'im_open_login_svc', 'account_check', { CheckItem: [{ UserID: 'alice' }] });
    await page.goto('/?environmentId=prod-rehearsal&range=1h');
    await expect(
      page.getByRole('figure', { name: 'Latency over time, p50 and p95' }).locator('canvas'),
    ).toBeVisible({
      timeout: 45_000,
    });
    await expect(
      page.getByRole('figure', { name: 'Messages, daily, last 30 days' }).locator('canvas'),
    ).toBeVisible({
      timeout: 45_000,
    });
    await page.getByRole('button', { name: 'Run diagnosis' }).click();
    await expect(page.getByRole('list', { name: 'Diagnosis steps' })).toBeVisible();
    await page.screenshot({ path: `docs/screenshots/dashboard-${scheme}.png` });
  });
}
