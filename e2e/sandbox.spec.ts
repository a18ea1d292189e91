import { ADMIN, consoleOrigin, expect, guardOrigin, requestBodyText, signIn, test } from './helpers';

// Issue 20 and 19.12: on the sandbox, an example is sent as it is and succeeds; a command the
// sandbox does not emulate is marked before Send, and its error does not send the user to Tencent.

const NOT_EMULATED = '/?env=sandbox&command=live_engine_http_srv/resume_mcu_task';
const SENDMSG = '/?env=sandbox&command=openim/sendmsg';

let offOrigin: string[] = [];
test.beforeEach(({ page, baseURL }) => {
  offOrigin = guardOrigin(page, consoleOrigin(baseURL));
});
test.afterEach(() => {
  expect(offOrigin).toEqual([]);
});

test('sends the sendmsg example unchanged and gets OK on a fresh sandbox', async ({ page }) => {
  await signIn(page, ADMIN, SENDMSG);
  await expect.poll(() => requestBodyText(page)).toContain('"From_Account": "administrator"');
  await expect(page.getByRole('banner').getByText('not emulated')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const response = page.getByRole('region', { name: 'Response' });
  await expect(response.getByTestId('action-status')).toHaveText('OK');
});

test('marks a not-emulated command in the sidebar and the header before Send', async ({ page }) => {
  await signIn(page, ADMIN, NOT_EMULATED);
  const header = page.locator('header').filter({ has: page.getByRole('heading', { level: 1 }) });
  await expect(header.getByText('not emulated', { exact: true })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Commands' });
  const item = nav.getByRole('link', { name: /resume_mcu_task/ });
  await expect(item.getByText('not emulated', { exact: true })).toBeVisible();
  // Only that command is marked: the emulated ones beside it are not.
  await expect(nav.getByText('not emulated', { exact: true })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/sandbox-not-emulated.png' });

  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const response = page.getByRole('region', { name: 'Response' });
  await expect(response.getByTestId('error-code')).toHaveText('99001');
  const explanation = response.getByTestId('error-explanation');
  await expect(explanation).toContainText('Not emulated by the console');
  await expect(explanation.getByRole('link')).toHaveCount(0);
  await expect(explanation).toContainText('Tencent does not document it');
});

test('marks it on a production rehearsal backed by the sandbox too', async ({ page }) => {
  await signIn(page, ADMIN, '/?env=prod-rehearsal&command=live_engine_http_srv/resume_mcu_task');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(
    page
      .locator('header')
      .filter({ has: page.getByRole('heading', { level: 1 }) })
      .getByText('not emulated'),
  ).toBeVisible();
});
