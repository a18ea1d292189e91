import { expect, type Locator, type Page } from '@playwright/test';

export const ADMIN = { username: 'admin', password: 'e2e-admin-password' };

/** Signs in through the real sign-in page, as a user would. */
export async function signIn(page: Page, user = ADMIN, next = '/'): Promise<void> {
  await page.goto(next);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Username')).toHaveCount(0);
}

/** Fails the test if the page ever talks to an origin other than the console's. */
export function guardOrigin(page: Page, origin: string): string[] {
  const offOrigin: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!url.startsWith(origin)) offOrigin.push(url);
  });
  return offOrigin;
}

/** The console's own origin, from the Playwright base URL. */
export function consoleOrigin(baseURL: string | undefined): string {
  if (!baseURL) throw new Error('playwright.config.ts must set use.baseURL');
  return new URL(baseURL).origin;
}

/** The Monaco editor inside a region (e.g. the "Request body" region), once it is ready for typing. */
export async function editorIn(page: Page, regionName: string): Promise<Locator> {
  const region = page.getByRole('region', { name: regionName });
  const editor = region.locator('.monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 30_000 });
  // Monaco renders its lines only after the model is attached.
  await expect(editor.locator('.view-lines')).toBeVisible();
  return editor;
}

/**
 * Replaces the whole text of the request body editor as typed input. `insertText` rather than
 * key-by-key typing: Monaco's auto-closing brackets and schema completions would otherwise
 * rewrite the text as it is typed (which is their job, but not what a test wants to assert on).
 */
export async function typeRequestBody(page: Page, text: string): Promise<void> {
  const editor = await editorIn(page, 'Request body');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** The text Monaco holds for the request body, read from the rendered lines. */
export async function requestBodyText(page: Page): Promise<string> {
  const editor = await editorIn(page, 'Request body');
  const lines = await editor.locator('.view-line').allInnerTexts();
  return lines.join('\n').replaceAll('\u00a0', ' ');
}

/** Every POST /api/requests the page makes, to prove that something was (or was not) sent. */
export function recordSends(page: Page): string[] {
  const sends: string[] = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/requests')
      sends.push(req.postData() ?? '');
  });
  return sends;
}
