import type { Page } from '@playwright/test';
import { ADMIN, expect, signIn, test } from './helpers';

test.use({ colorScheme: 'light' });

/**
 * Every API call the page makes once the server has ended the session, and every 401 it gets. Signing
 * out used to empty the query cache while the header was still mounted, so it asked for the
 * environments and the catalog again with the ended session and was refused.
 */
function watchAfterSignOut(page: Page) {
  const seen = { refused: [] as string[], asked: [] as string[], signedOut: false };
  const where = (url: string) => new URL(url).pathname;
  page.on('request', (req) => {
    if (seen.signedOut && where(req.url()).startsWith('/api/'))
      seen.asked.push(`${req.method()} ${where(req.url())}`);
  });
  page.on('response', (res) => {
    if (res.status() === 401) seen.refused.push(`${res.request().method()} ${where(res.url())}`);
    if (res.request().method() === 'DELETE' && where(res.url()) === '/api/session') seen.signedOut = true;
  });
  return seen;
}

async function expectCleanSignOut(page: Page, seen: ReturnType<typeof watchAfterSignOut>) {
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  // A deliberate sign-out is not a lost session.
  await expect(page.getByText('Your session has ended')).toHaveCount(0);
  // Let anything the old pages might still ask arrive (the header refetching, a page's polling).
  await page.waitForLoadState('networkidle');
  expect(seen.signedOut).toBe(true);
  expect(seen.refused).toEqual([]);
  expect(seen.asked).toEqual([]);
}

test('signing out from the header asks nothing more with the ended session', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // The dashboard: the header (environments, catalog) and a page that polls its figures.
  await signIn(page, ADMIN, '/');
  // As a user who opens the console with a session from yesterday: no sign-in page in this load.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Environment' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const seen = watchAfterSignOut(page);

  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expectCleanSignOut(page, seen);

  // Signed in again, the header loads afresh (the cache was emptied, not left broken).
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveValue('Sandbox (built-in)');
  expect(seen.refused).toEqual([]);
});

test('signing out from the user menu on a laptop screen asks nothing more with the ended session', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, ADMIN);
  await page.goto('/callbacks');
  await expect(page.getByRole('heading', { name: 'Callbacks', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Environment' })).toBeVisible();
  const seen = watchAfterSignOut(page);

  await page.getByRole('button', { name: 'admin account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expectCleanSignOut(page, seen);
});
