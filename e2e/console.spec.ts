import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import {
  ADMIN,
  consoleOrigin,
  editorIn,
  expect,
  guardOrigin,
  recordSends,
  requestBodyText,
  signIn,
  test,
  typeRequestBody,
} from './helpers';

const ACCOUNT_IMPORT = '/?env=sandbox&command=im_open_login_svc/account_import';
const PORTRAIT_GET = '/?env=sandbox&command=profile/portrait_get';

let offOrigin: string[] = [];

test.beforeEach(({ page, baseURL }) => {
  offOrigin = guardOrigin(page, consoleOrigin(baseURL));
});

test.afterEach(() => {
  // No request ever leaves the console's origin: no CDN, no fonts, no telemetry.
  expect(offOrigin).toEqual([]);
});

test.describe('the console page', () => {
  test('refuses a wrong password with a clear message, then signs in and returns to the deep link', async ({
    page,
  }) => {
    await page.goto(ACCOUNT_IMPORT);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');

    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\?env=sandbox&command=im_open_login_svc\/account_import$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Import');
    await expect(page.getByText('im_open_login_svc/account_import', { exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Tencent docs' })).toHaveAttribute('target', '_blank');
    await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveValue('Sandbox (built-in)');
  });

  test('opens the example body of a deep-linked command and keeps the edited draft across reloads', async ({
    page,
  }) => {
    await signIn(page, ADMIN, ACCOUNT_IMPORT);
    await expect.poll(() => requestBodyText(page)).toContain('"UserID": "user1"');

    await typeRequestBody(page, '{"UserID":"draft-kept"}');
    await page.reload();
    await expect.poll(() => requestBodyText(page)).toBe('{"UserID":"draft-kept"}');

    await page.getByRole('button', { name: 'Reset to example' }).click();
    await expect.poll(() => requestBodyText(page)).toContain('"UserID": "user1"');
  });

  test('finds another command with Ctrl+K and opens it with Enter', async ({ page }) => {
    await signIn(page, ADMIN, ACCOUNT_IMPORT);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Control+K');
    const search = page.getByRole('textbox', { name: 'Search commands and RequestIds' });
    await expect(search).toBeFocused();
    await search.fill('portrait_get');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/command=profile\/portrait_get/);
    await expect(page.getByText('profile/portrait_get', { exact: true })).toBeVisible();

    // The visible button opens the same palette.
    await page.getByRole('button', { name: 'Find command' }).click();
    await expect(search).toBeVisible();
  });

  test('sends a body typed into Monaco with Ctrl+Enter and shows OK with its RequestId', async ({ page }) => {
    await signIn(page, ADMIN, ACCOUNT_IMPORT);
    const sends = recordSends(page);
    const userId = `e2e-${Date.now()}`;
    await typeRequestBody(page, `{"UserID":"${userId}","Nick":"Typed in Monaco"}`);
    await page.keyboard.press('Control+Enter');

    const response = page.getByRole('region', { name: 'Response' });
    await response.getByTestId('action-status').waitFor();
    // On failure, the whole Response region (ErrorCode, ErrorInfo, meaning) is the message.
    await expect(
      response.getByTestId('action-status'),
      (await response.textContent()) ?? undefined,
    ).toHaveText('OK');
    await expect(response.getByTestId('error-code')).toHaveText('0');
    await expect(response.getByLabel('RequestId', { exact: true })).toHaveText(/^Id-/);
    await expect(response.getByRole('button', { name: 'Copy RequestId' })).toBeVisible();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await response.getByRole('button', { name: 'Copy as cURL' }).click();
    const curl = String(await page.evaluate('navigator.clipboard.readText()'));
    // The sandbox is called per environment (decision 041).
    expect(curl).toContain('/sandbox/env/sandbox/v4/im_open_login_svc/account_import?');
    expect(curl).toContain('usersig=$USERSIG');
    expect(curl).not.toContain('REDACTED');
    expect(curl).toContain(`"UserID":"${userId}"`);
    // The same call as Python: the ticket from the environment, the body as a literal.
    await response.getByRole('button', { name: 'Copy as code in another language' }).click();
    await page.getByRole('menuitem', { name: 'Python (requests)' }).click();
    // Copied once the snippet's code has loaded (on the first copy).
    const clipboard = async () => String(await page.evaluate('navigator.clipboard.readText()'));
    await expect.poll(clipboard).toContain('import requests');
    const python = await clipboard();
    expect(python).toContain('/sandbox/env/sandbox/v4/im_open_login_svc/account_import"');
    expect(python).toContain('"usersig": os.environ["USERSIG"],');
    expect(python).toContain(`"UserID": "${userId}",`);
    expect(python).not.toContain('REDACTED');
    expect(sends).toHaveLength(1);
    expect(JSON.parse(sends[0] ?? '')).toMatchObject({
      environmentId: 'sandbox',
      service: 'im_open_login_svc',
      command: 'account_import',
      body: { UserID: userId, Nick: 'Typed in Monaco' },
    });
  });

  test('shows the list of records in an answer as a table and downloads it as CSV', async ({ page }) => {
    await signIn(page, ADMIN, '/?env=sandbox&command=im_open_login_svc/account_check');
    await editorIn(page, 'Request body');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const response = page.getByRole('region', { name: 'Response' });
    await expect(response.getByTestId('action-status')).toHaveText('OK');
    await response.getByText('Table (2)').click();
    const table = page.getByRole('region', { name: 'ResultItem of account_check' });
    await expect(table.getByRole('columnheader', { name: 'UserID' })).toBeVisible();
    await expect(table.getByRole('cell', { name: 'user2', exact: true })).toBeVisible();
    await expect(response.getByText('2 rows, 4 columns')).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      response.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('account_check-ResultItem.csv');
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(csv[0]).toBe('UserID,ResultCode,ResultInfo,AccountStatus');
    expect(csv[1]).toMatch(/^user1,0,,(Imported|NotImported)$/);
    expect(csv[2]).toMatch(/^user2,0,,(Imported|NotImported)$/);
    // Back to the JSON view.
    await response.getByText('JSON', { exact: true }).click();
    await expect(table).toHaveCount(0);
  });

  test('explains the error code of a call about an account that does not exist', async ({ page }) => {
    await signIn(page, ADMIN, PORTRAIT_GET);
    await typeRequestBody(page, '{"To_Account":["nobody-at-all"],"TagList":["Tag_Profile_IM_Nick"]}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    const response = page.getByRole('region', { name: 'Response' });
    await expect(response.getByTestId('action-status')).toHaveText('FAIL');
    await expect(response.getByTestId('error-code')).toHaveText('40003');
    const explanation = response.getByTestId('error-explanation');
    await expect(explanation).toContainText('The account does not exist.');
    await expect(explanation).toContainText('What to do:');
    await expect(explanation).toContainText('Retry can help:No');
    await expect(explanation.getByRole('link', { name: /Tencent documentation/ })).toHaveAttribute(
      'href',
      /tencentcloud\.com/,
    );
  });

  test('blocks invalid JSON with a message that names the line and column, and sends nothing', async ({
    page,
  }) => {
    await signIn(page, ADMIN, PORTRAIT_GET);
    const sends = recordSends(page);
    await typeRequestBody(page, '{"To_Account": ["user1"] "TagList": []}');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('body-error')).toContainText(
      "Invalid JSON at line 1, column 26: expected ',' or '}'",
    );
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByTestId('body-error')).toBeVisible();
    expect(sends).toEqual([]);
  });

  test('asks an admin to type the command name before a destructive command on a production environment', async ({
    page,
  }) => {
    await signIn(page, ADMIN, '/?env=prod-rehearsal&command=im_open_login_svc/account_delete');
    await expect(page.getByText('Production', { exact: true }).first()).toBeVisible();
    await editorIn(page, 'Request body');
    const sends = recordSends(page);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: 'Send account_delete' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Type account_delete to confirm').fill('account_delete');
    await confirm.click();
    await expect(page.getByRole('region', { name: 'Response' }).getByTestId('action-status')).toBeVisible();
    expect(sends).toHaveLength(1);
    expect(JSON.parse(sends[0] ?? '')).toMatchObject({ confirm: 'account_delete' });
  });

  test('opens an editable copy of a recorded call with ?from= and sends it edited', async ({ page }) => {
    await signIn(page, ADMIN, PORTRAIT_GET);
    await typeRequestBody(page, '{"To_Account":["alice"],"TagList":["Tag_Profile_IM_Nick"]}');
    const [answer] = await Promise.all([
      page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/requests' && r.request().method() === 'POST',
      ),
      page.keyboard.press('Control+Enter'),
    ]);
    await expect(page.getByRole('region', { name: 'Response' }).getByTestId('action-status')).toHaveText(
      'OK',
    );
    const recorded: unknown = await answer.json();
    const id =
      typeof recorded === 'object' && recorded !== null && 'id' in recorded ? String(recorded.id) : '';
    expect(id).not.toBe('');

    await page.goto(`/?from=${encodeURIComponent(id)}`);
    await expect(page).toHaveURL(/\?env=sandbox&command=profile\/portrait_get$/);
    await expect.poll(() => requestBodyText(page)).toContain('"Tag_Profile_IM_Nick"');
    const sends = recordSends(page);
    await typeRequestBody(page, '{"To_Account":["alice"],"TagList":["Tag_Profile_IM_Gender"]}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Response' }).getByTestId('action-status')).toHaveText(
      'OK',
    );
    expect(JSON.parse(sends[0] ?? '')).toMatchObject({ body: { TagList: ['Tag_Profile_IM_Gender'] } });
  });

  test('disables Send for a viewer on a write command and says which role it needs', async ({
    page,
    baseURL,
  }) => {
    await signIn(page, ADMIN, PORTRAIT_GET);
    const viewer = { username: `viewer-${Date.now()}`, password: 'viewer-password-1' };
    const created = await page.request.post('/api/users', {
      data: { ...viewer, role: 'viewer' },
      headers: { Origin: consoleOrigin(baseURL) },
    });
    expect(created.status()).toBe(201);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    await signIn(page, viewer, ACCOUNT_IMPORT);
    const send = page.getByRole('button', { name: 'Send', exact: true });
    await expect(send).toBeDisabled();
    await expect(
      page.getByText('Your role (viewer) cannot send write commands; it needs the operator role.'),
    ).toBeVisible();

    await page.goto(PORTRAIT_GET);
    await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
  });

  test('loads at most 250 KB of gzipped JavaScript before first paint, and Monaco only after it', async ({
    page,
    baseURL,
  }) => {
    await signIn(page, ADMIN, ACCOUNT_IMPORT);
    // A cold load, as on a first visit: nothing from the HTTP cache.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(ACCOUNT_IMPORT);
    await editorIn(page, 'Request body');
    const timing = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => ({
          url: e.name,
          startTime: e.startTime,
          transferSize: e instanceof PerformanceResourceTiming ? e.transferSize : 0,
        }));
      return { fcp, scripts };
    });
    expect(Number.isFinite(timing.fcp)).toBe(true);
    const beforePaint = timing.scripts.filter((s) => s.startTime < timing.fcp);
    let transferred = 0;
    let gzipped = 0;
    for (const script of beforePaint) {
      const body = await (await page.request.get(script.url)).body();
      transferred += script.transferSize;
      gzipped += gzipSync(body, { level: 9 }).length;
    }
    const monaco = timing.scripts.filter((s) => /\/assets\/monaco-/.test(s.url));
    console.log(
      `first paint at ${Math.round(timing.fcp)} ms after ${beforePaint.length} scripts: ` +
        `${(transferred / 1000).toFixed(1)} KB transferred, ${(gzipped / 1000).toFixed(1)} KB gzipped`,
    );
    expect(beforePaint.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(250_000);
    expect(monaco.length).toBeGreaterThan(0);
    for (const chunk of monaco) expect(chunk.startTime).toBeGreaterThanOrEqual(timing.fcp);
    expect(consoleOrigin(baseURL)).toBe(new URL(page.url()).origin);
  });
});
