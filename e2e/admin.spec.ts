import { type Page, request } from '@playwright/test';
import { auditPageSchema } from '../shared/src/api/audit';
import { ADMIN, apiAnswered, expect, signIn, test } from './helpers';

test.use({ colorScheme: 'light', viewport: { width: 1440, height: 960 } });

const stamp = () => Date.now().toString(36);

async function createUserThroughPage(page: Page, username: string, password: string, role: string) {
  const form = page.getByRole('region', { name: 'Create user' });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password').fill(password);
  await form.getByLabel('Role').selectOption(role);
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('row', { name: new RegExp(`^${username}\\b`) })).toBeVisible();
}

test('an admin creates users, changes a role, resets a password and disables an account on the Users page', async ({
  page,
  browser,
  pageErrors,
}) => {
  const alice = `alice-${stamp()}`;
  await signIn(page, ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  const form = page.getByRole('region', { name: 'Create user' });

  // The shared schema checks the form before anything is sent.
  await form.getByLabel('Username').fill('not a name!');
  await form.getByLabel('Password').fill('short');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByText('letters, digits and . _ @ - only')).toBeVisible();
  await expect(form.getByText('at least 8 characters', { exact: true })).toBeVisible();
  await expect(form.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Username').fill(alice);
  await form.getByLabel('Password').fill('alice-password-1');
  await form.getByLabel('Role').selectOption('operator');
  await form.getByRole('button', { name: 'Create user' }).click();
  const row = page.getByRole('row', { name: new RegExp(`^${alice}\\b`) });
  await expect(row).toBeVisible();
  await expect(page.getByLabel(`Role of ${alice}`)).toHaveValue('operator');
  await expect(row.getByText('Active')).toBeVisible();

  // A taken name is refused by the server (409) and said next to the field.
  pageErrors.allow(apiAnswered(409, '/api/users'));
  await form.getByLabel('Username').fill(alice);
  await form.getByLabel('Password').fill('another-password');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByText(`${alice} already exists; pick another name.`)).toBeVisible();
  await form.getByLabel('Username').fill('');
  await form.getByLabel('Password').fill('');

  // The admin's own row cannot lock the console out of its admin.
  await expect(page.getByLabel('Role of admin')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Disable admin' })).toBeDisabled();

  const roleChanged = page.waitForResponse(
    (r) => r.url().endsWith(`/api/users/${alice}`) && r.request().method() === 'PATCH',
  );
  await page.getByLabel(`Role of ${alice}`).selectOption('viewer');
  expect((await roleChanged).status()).toBe(200);
  await expect(page.getByLabel(`Role of ${alice}`)).toHaveValue('viewer');

  // By keyboard alone: the dialog opens on Enter, focuses its field, and Enter submits it.
  await page.getByRole('button', { name: `Reset password of ${alice}` }).focus();
  await page.keyboard.press('Enter');
  const reset = page.getByRole('dialog', { name: `Reset password of ${alice}` });
  await expect(reset.getByLabel('New password')).toBeFocused();
  await page.keyboard.type('alice-password-2');
  await page.keyboard.press('Enter');
  await expect(reset).toHaveCount(0);

  // The new password works, in a browser of its own.
  const aliceContext = await browser.newContext();
  const alicePage = await aliceContext.newPage();
  await signIn(alicePage, { username: alice, password: 'alice-password-2' });
  // Her open page may still be loading when she is disabled below; its next call is refused. She
  // lands on the dashboard, whose live refresh polls the stats and the callback summary.
  pageErrors.allow(apiAnswered(401, '/api/catalog'));
  pageErrors.allow(apiAnswered(401, '/api/stats', { anyQuery: true }));
  pageErrors.allow(apiAnswered(401, '/api/callbacks/summary', { anyQuery: true }));
  await alicePage.waitForLoadState('networkidle');

  await page.getByRole('button', { name: `Disable ${alice}` }).click();
  await page
    .getByRole('dialog', { name: `Disable ${alice}?` })
    .getByRole('button', { name: `Disable ${alice}` })
    .click();
  await expect(row.getByText('Disabled')).toBeVisible();
  await expect(page.getByRole('button', { name: `Enable ${alice}` })).toBeVisible();

  // A disabled user's session stops working at once.
  const session = await alicePage.request.get('/api/session');
  expect(session.status()).toBe(401);

  // One of each role and state for the picture, once the confirmations have faded.
  const dana = await page.request.post('/api/users', {
    data: { username: `dana-${stamp()}`, password: 'dana-password-1', role: 'operator' },
  });
  expect(dana.status()).toBe(201);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Users' }).getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('alert')).toHaveCount(0, { timeout: 10_000 });
  await page.screenshot({ path: 'docs/screenshots/admin-users.png' });
  await aliceContext.close();

  await page.getByRole('button', { name: `Enable ${alice}` }).click();
  await expect(row.getByText('Active')).toBeVisible();
});

test('the audit log filters by actor and action in the URL, pages with Load more and exports with the filters', async ({
  page,
  baseURL,
}) => {
  const bob = `bob-${stamp()}`;
  await signIn(page);
  await page.goto('/admin/users');
  await createUserThroughPage(page, bob, 'bob-password-1', 'viewer');

  // A few kinds of action, so the log has something of each to show.
  const token = await page.request.post('/api/tokens', { data: { name: 'audit-demo', expiresInDays: 7 } });
  expect(token.status()).toBe(201);
  const sent = await page.request.post('/api/requests', {
    data: {
      environmentId: 'prod-rehearsal',
      service: 'im_open_login_svc',
      command: 'account_check',
      body: { CheckItem: [{ UserID: 'alice' }] },
    },
  });
  expect(sent.status()).toBe(201);
  const stranger = await request.newContext({ baseURL });
  const failed = await stranger.post('/api/session', { data: { username: bob, password: 'wrong-password' } });
  expect(failed.status()).toBe(401);
  await stranger.dispose();

  await page.goto('/admin/audit');
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log.getByRole('row').filter({ hasText: 'session.sign-in-failed' })).toBeVisible();
  await expect(
    log.getByRole('row').filter({ hasText: 'user.create' }).filter({ hasText: bob }),
  ).toBeVisible();
  await expect(log.getByRole('row').filter({ hasText: 'session.sign-in' }).first()).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/audit-log.png' });

  await page.getByRole('textbox', { name: 'Action' }).click();
  await page.getByRole('option', { name: 'user.create' }).click();
  await expect(page).toHaveURL(/action=user\.create/);
  await page.getByLabel('Actor').fill('admin');
  await page.getByLabel('Actor').press('Enter');
  await expect(page).toHaveURL(/actor=admin/);
  await expect(log.getByRole('row').filter({ hasText: 'session.sign-in' })).toHaveCount(0);
  await expect(log.getByRole('row').filter({ hasText: bob })).toBeVisible();

  const exportLink = page.getByRole('link', { name: 'Export CSV' });
  await expect(exportLink).toHaveAttribute('href', /actor=admin/);
  const href = await exportLink.getAttribute('href');
  expect(href).toContain('/api/audit/export?');
  expect(href).toContain('actor=admin');
  expect(href).toContain('action=user.create');
  const csv = await page.request.get(href ?? '');
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(bob);
  expect(text).not.toContain('session.sign-in');

  // The filtered view is a link: a fresh page opens the same rows.
  const link = page.url();
  const fresh = await page.context().newPage();
  await fresh.goto(link);
  await expect(fresh.getByRole('textbox', { name: 'Action' })).toHaveValue('user.create');
  await expect(
    fresh.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: bob }),
  ).toBeVisible();
  await fresh.close();

  // Enough rows for a second page: 50 per page, and each API call below is audited.
  for (let i = 0; i < 55; i += 1) {
    const res = await page.request.post('/api/requests', {
      data: {
        environmentId: 'sandbox',
        service: 'im_open_login_svc',
        command: 'account_check',
        body: { CheckItem: [{ UserID: 'alice' }] },
      },
    });
    expect(res.status()).toBe(201);
  }
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await page.getByRole('textbox', { name: 'Action' }).click();
  await page.getByRole('option', { name: 'request.send' }).click();
  // The newest 50 of all rows are sends too, so wait for the page to show the new filter, not just the rows.
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
    'href',
    /action=request\.send/,
  );
  await expect(page.getByRole('progressbar', { name: 'Loading audit log' })).toHaveCount(0);
  await expect(log.getByRole('row')).toHaveCount(51);
  const all = auditPageSchema.parse(
    await (await page.request.get('/api/audit?action=request.send&limit=500')).json(),
  );
  expect(all.items.length).toBeGreaterThan(50);
  // Other specs' sends (the explorer's lookups among them) may fill more than two pages: load them all.
  const loadMore = page.getByRole('button', { name: 'Load more' });
  for (let shown = 50; shown < all.items.length; shown += 50) {
    await loadMore.click();
    await expect(log.getByRole('row')).toHaveCount(Math.min(shown + 50, all.items.length) + 1);
  }
  await expect(log.getByRole('row')).toHaveCount(all.items.length + 1);
  await expect(page.getByText(`${all.items.length} entries, nothing older.`)).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page).not.toHaveURL(/action=/);
  await expect(log.getByRole('row')).toHaveCount(51);
});

test('a token is shown once, works as a Bearer token and stops working when revoked', async ({
  page,
  baseURL,
}) => {
  const name = `nightly-export-${stamp()}`;
  await signIn(page);
  await page.goto('/settings/tokens');
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Expires in (days)').fill('30');
  await page.getByRole('button', { name: 'Create token' }).click();

  const shown = page.getByLabel('New token');
  await expect(shown).not.toHaveValue('');
  await expect(page.getByText('This is the only time the token is shown.')).toBeVisible();
  const token = await shown.inputValue();
  const row = page.getByRole('row', { name: new RegExp(`^${name}\\b`) });
  await expect(row).toBeVisible();
  // Role, Created, Expires, Last used: the owner's role, 30 days ahead, never used yet.
  await expect(row.getByRole('cell').nth(0)).toHaveText('Yours');
  await expect(row.getByRole('cell').nth(2)).not.toHaveText('Never');
  await expect(row.getByRole('cell').nth(3)).toHaveText('Never');

  const script = await request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  const me = await script.get('/api/session');
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ user: { username: 'admin' }, via: 'token' });

  // Once dismissed (or after a reload), the token cannot be seen again.
  await page.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByLabel('New token')).toHaveCount(0);
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0);

  await page.getByRole('button', { name: `Revoke token ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Revoke token ${name}?` })
    .getByRole('button', { name: `Revoke ${name}` })
    .click();
  await expect(row).toHaveCount(0);
  expect((await script.get('/api/session')).status()).toBe(401);
  await script.dispose();
});

test('a read-only token for a monitoring scraper: created with the Viewer role, it reads and may not write', async ({
  page,
  baseURL,
}) => {
  const name = `scraper-${stamp()}`;
  await signIn(page);
  await page.goto('/settings/tokens');
  await page.getByLabel('Name').fill(name);
  const role = page.getByLabel('Role');
  await expect(role).toHaveValue('');
  await expect(role.locator('option')).toHaveText(['Yours (Admin)', 'Viewer', 'Operator']);
  await role.selectOption('viewer');
  await expect(page.getByText('At most sends read commands only')).toBeVisible();
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = await page.getByLabel('New token').inputValue();
  const row = page.getByRole('row', { name: new RegExp(`^${name}\\b`) });
  await expect(row.getByRole('cell').nth(0)).toHaveText('Viewer');
  await page.screenshot({ path: 'test-results/tokens-page.png', fullPage: true });

  const script = await request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  expect(await (await script.get('/api/session')).json()).toMatchObject({
    user: { username: 'admin', role: 'viewer' },
    via: 'token',
  });
  const write = await script.post('/api/requests', {
    data: {
      environmentId: 'sandbox',
      service: 'im_open_login_svc',
      command: 'account_import',
      body: { UserID: 'x' },
    },
  });
  expect(write.status()).toBe(403);
  await script.dispose();
});

test('everyone changes their own password on the Account page; a wrong current password is said at the field', async ({
  page,
  browser,
  pageErrors,
}) => {
  const carol = `carol-${stamp()}`;
  await signIn(page);
  await page.goto('/admin/users');
  await createUserThroughPage(page, carol, 'carol-password-1', 'viewer');

  const context = await browser.newContext();
  const carolPage = await context.newPage();
  await signIn(carolPage, { username: carol, password: 'carol-password-1' }, '/settings/account');
  await expect(carolPage.getByText(`Signed in as ${carol}`)).toBeVisible();
  const form = carolPage.getByRole('region', { name: 'Change password' });
  pageErrors.allow(apiAnswered(401, '/api/session/password'));
  await form.getByLabel('Current password').fill('not-my-password');
  await form.getByRole('textbox', { name: 'New password', exact: true }).fill('carol-password-2');
  await form.getByLabel('Repeat new password').fill('carol-password-2');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('The current password is wrong.')).toBeVisible();

  await form.getByLabel('Current password').fill('carol-password-1');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('Password changed.')).toBeVisible();
  // Still signed in here: the change keeps this session.
  expect((await carolPage.request.get('/api/session')).status()).toBe(200);
  await context.close();

  const again = await browser.newContext();
  const againPage = await again.newPage();
  await signIn(againPage, { username: carol, password: 'carol-password-2' });
  await again.close();
});
