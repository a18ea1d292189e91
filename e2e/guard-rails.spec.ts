import { errorBodySchema } from '../shared/src/api/common';
import { historyEntrySchema } from '../shared/src/api/history';
import { ADMIN, expect, signIn, test } from './helpers';

test.use({ colorScheme: 'light', viewport: { width: 1440, height: 960 } });

test('a viewer created on the Users page sees write commands disabled with the role they need', async ({
  page,
  browser,
}) => {
  const viewer = { username: `viewer-${Date.now().toString(36)}`, password: 'viewer-password-1' };
  // Through the nav, as an admin would; the Users page has its own Username field.
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  const form = page.getByRole('region', { name: 'Create user' });
  await form.getByLabel('Username').fill(viewer.username);
  await form.getByLabel('Password').fill(viewer.password);
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByLabel(`Role of ${viewer.username}`)).toHaveValue('viewer');

  const context = await browser.newContext();
  const viewerPage = await context.newPage();
  await signIn(viewerPage, viewer, '/?env=sandbox&command=im_open_login_svc/account_import');
  const editor = viewerPage.getByRole('region', { name: 'Request body' });
  const send = editor.getByRole('button', { name: 'Send' });
  await expect(send).toBeDisabled();
  await expect(editor.getByText('it needs the operator role')).toBeVisible();
  await expect(send).toHaveAccessibleDescription(/needs the operator role/);

  // Read commands stay open to a viewer.
  await viewerPage.goto('/?env=sandbox&command=im_open_login_svc/account_check');
  await expect(
    viewerPage.getByRole('region', { name: 'Request body' }).getByRole('button', { name: 'Send' }),
  ).toBeEnabled();

  // The server is the authority: a forged call is refused with the role it needs.
  const forged = await viewerPage.request.post('/api/requests', {
    data: {
      environmentId: 'sandbox',
      service: 'im_open_login_svc',
      command: 'account_import',
      body: { UserID: 'mallory' },
    },
  });
  expect(forged.status()).toBe(403);
  const refusal = errorBodySchema.parse(await forged.json()).error;
  expect(refusal.code).toBe('auth/forbidden');
  expect(refusal.message).toContain('operator');

  // Admin pages are not offered to a viewer, and say why when opened by link; own settings are.
  const nav = viewerPage.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'History' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Audit' })).toHaveCount(0);
  await viewerPage.getByRole('button', { name: /account menu/ }).click();
  await viewerPage.getByRole('menuitem', { name: 'API tokens' }).click();
  await expect(viewerPage.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
  await viewerPage.goto('/admin/users');
  await expect(viewerPage.getByText('Managing users needs the admin role.')).toBeVisible();
  await context.close();
});

test('an admin deleting an account on a production environment must type the command name first', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  // An account to delete, through the same sandbox the rehearsal environment points at.
  const imported = await page.request.post('/api/requests', {
    data: {
      environmentId: 'prod-rehearsal',
      service: 'im_open_login_svc',
      command: 'account_import',
      body: { UserID: 'user1' },
    },
  });
  expect(imported.status(), await imported.text()).toBe(201);

  await page.goto('/?env=prod-rehearsal&command=im_open_login_svc/account_delete');
  await expect(page.getByText('Production').first()).toBeVisible();
  await page.getByRole('region', { name: 'Request body' }).getByRole('button', { name: 'Send' }).click();

  const dialog = page.getByRole('dialog', { name: 'Send account_delete?' });
  const confirm = dialog.getByRole('button', { name: 'Send account_delete' });
  await expect(confirm).toBeDisabled();
  const typed = dialog.getByLabel('Type account_delete to confirm');
  await typed.fill('account_delet');
  await expect(confirm).toBeDisabled();
  await typed.fill('account_delete');
  await expect(confirm).toBeEnabled();

  const sent = page.waitForResponse(
    (r) => r.url().endsWith('/api/requests') && r.request().method() === 'POST',
  );
  await confirm.click();
  const response = await sent;
  expect(response.status()).toBe(201);
  expect(response.request().postDataJSON()).toMatchObject({ confirm: 'account_delete' });
  await expect(page.getByRole('region', { name: 'Response' }).getByTestId('action-status')).toHaveText('OK');

  // Without the typed name the server refuses, whatever the browser does.
  const unconfirmed = await page.request.post('/api/requests', {
    data: {
      environmentId: 'prod-rehearsal',
      service: 'im_open_login_svc',
      command: 'account_delete',
      body: { DeleteItem: [{ UserID: 'user1' }] },
    },
  });
  expect(unconfirmed.status()).toBe(400);
  expect(errorBodySchema.parse(await unconfirmed.json()).error.code).toBe('guard/confirmation-required');

  // The admin finds the deletion in the audit log.
  await page.goto('/admin/audit?action=request.send&actor=admin');
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log.getByRole('row').filter({ hasText: 'account_delete' }).first()).toBeVisible();
});

test('on a non-production environment that confirms writes, the console asks for the name before sending and the replay can succeed', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/requests')) posts.push(r.url());
  });

  await page.goto('/?env=staging-careful&command=im_open_login_svc/account_import');
  const editor = page.getByRole('region', { name: 'Request body' });
  await expect(editor.getByRole('button', { name: 'Send' })).toBeEnabled();
  await editor.getByRole('button', { name: 'Send' }).click();

  // The shared policy asks first: nothing has been posted when the dialog opens.
  const dialog = page.getByRole('dialog', { name: 'Send account_import?' });
  const typed = dialog.getByLabel('Type account_import to confirm');
  await expect(typed).toBeVisible();
  await expect(typed).toHaveAccessibleDescription(/before every command that changes state/);
  expect(posts).toEqual([]);
  const confirm = dialog.getByRole('button', { name: 'Send account_import' });
  await expect(confirm).toBeDisabled();
  await typed.fill('account_import');
  const sent = page.waitForResponse(
    (r) => r.url().endsWith('/api/requests') && r.request().method() === 'POST',
  );
  await confirm.click();
  const response = await sent;
  expect(response.status()).toBe(201);
  expect(response.request().postDataJSON()).toMatchObject({ confirm: 'account_import' });
  expect(posts).toHaveLength(1);
  const entry = historyEntrySchema.parse(await response.json());

  // The replay dialog offers the same confirmation, so the replay goes through on the first try.
  await page.goto(`/history/${entry.id}`);
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  const replay = page.getByRole('dialog', { name: 'Replay im_open_login_svc/account_import' });
  const replayNow = replay.getByRole('button', { name: 'Replay now' });
  await expect(replayNow).toBeDisabled();
  await replay.getByLabel('Type account_import to confirm').fill('account_import');
  const replayed = page.waitForResponse((r) => r.url().endsWith(`/api/requests/${entry.id}/replay`));
  await replayNow.click();
  const replayResponse = await replayed;
  expect(replayResponse.status()).toBe(201);
  expect(replayResponse.request().postDataJSON()).toEqual({ confirm: 'account_import' });
  await expect(page.getByRole('status').filter({ hasText: 'Replayed' })).toBeVisible();
  expect(posts).toHaveLength(2);
});
