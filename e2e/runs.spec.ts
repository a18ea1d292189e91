import { expect, signIn, test } from './helpers';

test.use({ colorScheme: 'light', viewport: { width: 1440, height: 960 } });

test('an operator previews a CSV run against the sandbox, sees a render error, fixes it, runs it and downloads the results', async ({
  page,
}) => {
  await signIn(page, undefined, '/runs');
  await expect(page.getByRole('heading', { name: 'Runs', level: 1 })).toBeVisible();
  const form = page.getByRole('region', { name: 'New run' });
  await expect(form.locator('.monaco-editor .view-lines').first()).toBeVisible({ timeout: 30_000 });
  await form.getByLabel('Environment').click();
  await page.getByRole('option', { name: 'Sandbox' }).first().click();

  const stamp = Date.now();
  const rows = form.getByLabel('Rows (CSV, header line first)');
  // A header that does not match the template: every row fails to render, listed by line.
  await rows.fill(`username,nick\nrun${stamp}a,Ann\nrun${stamp}b,Bob\nrun${stamp}c,Cy`);
  await form.getByRole('button', { name: 'Preview' }).click();
  const preview = form.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('3 rows');
  await expect(preview).toContainText('columns: "username", "nick"');
  await expect(preview).toContainText('3 rows do not render');
  await expect(preview).toContainText('Line 2: no column "user" in this row');
  await expect(preview).toContainText('Line 4: no column "user" in this row');
  await expect(form.getByRole('button', { name: 'Start run of 3 rows' })).toBeDisabled();

  await rows.fill(`user,nick\nrun${stamp}a,Ann\nrun${stamp}b,Bob\nrun${stamp}c,Cy`);
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect(preview).toContainText('every row renders');
  await expect(preview.getByRole('table', { name: 'First rendered bodies' })).toContainText(`run${stamp}a`);
  await form.getByRole('button', { name: 'Start run of 3 rows' }).click();

  const details = page.getByRole('region', { name: /^Run im_open_login_svc\/account_import/ });
  await expect(details.getByTestId('run-status')).toHaveText('done', { timeout: 30_000 });
  await expect(details.getByTestId('run-ok')).toHaveText('3');
  await expect(page.getByRole('table', { name: 'Recent runs' })).toContainText('admin');
  // A string, as the e2e project has no DOM types: no focus ring, top of the page.
  await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
  await page.screenshot({ path: 'docs/screenshots/runs-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'docs/screenshots/runs-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  const download = page.waitForEvent('download');
  await details.getByRole('link', { name: 'Download results (CSV)' }).click();
  const file = await download;
  const path = await file.path();
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(path, 'utf8');
  expect(text.split('\n')[0]).toBe(
    'row,line,user,nick,state,RequestId,ActionStatus,ErrorCode,ErrorInfo,historyId',
  );
  expect(text).toContain(`run${stamp}b,Bob,ok`);
});

test('Fetch all pages on the console follows the cursor of get_appid_group_list and shows the merged items', async ({
  page,
}) => {
  await signIn(page);
  for (let i = 0; i < 3; i++) {
    const res = await page.request.post('/api/requests', {
      data: {
        environmentId: 'sandbox',
        service: 'group_open_http_svc',
        command: 'create_group',
        body: { Owner_Account: 'alice', Type: 'Public', Name: `Fetch all ${i}` },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  await page.goto('/?env=sandbox&command=group_open_http_svc/get_appid_group_list');
  await expect(
    page.getByRole('region', { name: 'Request body' }).locator('.monaco-editor .view-lines').first(),
  ).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Fetch all pages' }).click();
  await expect(page).toHaveURL(/\/runs\?run=/);
  const details = page.getByRole('region', { name: /^Fetch all group_open_http_svc\/get_appid_group_list/ });
  await expect(details.getByTestId('run-status')).toHaveText('done', { timeout: 30_000 });
  await expect(details.getByTestId('run-items')).not.toHaveText('0');
});
