import { type BrowserContext, test as base, expect, type Locator, type Page } from '@playwright/test';

export type PageProblem = { kind: 'pageerror' | 'console.error'; text: string; url: string };

/** How a problem reads in a failure message, and what allow-list patterns are matched against. */
function describeProblem(problem: PageProblem): string {
  return `${problem.kind}: ${problem.text} (${problem.url})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Chromium's own log line for a fetch that got a 4xx from the console's API at `path`. Chromium logs
 * it as a console error even when the app handled the answer (a message at a field, the sign-in
 * page), so a test that provokes such an answer on purpose allows exactly that line. With
 * `anyQuery`, the path may carry a query string (a polled read such as `/api/stats?from=…&to=…`).
 */
export function apiAnswered(status: number, path: string, opts: { anyQuery?: boolean } = {}): RegExp {
  const query = opts.anyQuery ? '(\\?[^)]*)?' : '';
  return new RegExp(
    `^console\\.error: Failed to load resource: the server responded with a status of ${status} \\([^)]*\\) \\(https?://[^/]+${escapeRegExp(path)}${query}\\)$`,
  );
}

/**
 * Allowed in every test: on every signed-out load the SPA asks `GET /api/session` who is signed in,
 * and the 401 answer is how it learns to show the sign-in page (a wrong password is a 401 there too).
 */
const ALWAYS_ALLOWED = [apiAnswered(401, '/api/session')];

function watchContext(context: BrowserContext, problems: PageProblem[]): void {
  const watchPage = (page: Page) => {
    page.on('pageerror', (error) =>
      problems.push({ kind: 'pageerror', text: String(error), url: page.url() }),
    );
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      problems.push({
        kind: 'console.error',
        text: message.text(),
        url: message.location().url || page.url(),
      });
    });
  };
  for (const page of context.pages()) watchPage(page);
  context.on('page', watchPage);
}

export type PageErrors = {
  /** Every page error and console error seen so far in this test, in any page of any context. */
  seen: PageProblem[];
  /** Allows problems matching `pattern` (against "kind: text (url)") for the rest of this test. */
  allow(pattern: RegExp): void;
};

type PageErrorFixtures = {
  /** Problems a whole file or describe block provokes on purpose: `test.use({ allowedPageProblems })`. */
  allowedPageProblems: RegExp[];
  pageErrors: PageErrors;
};

/**
 * `test` that fails at teardown when any page of the test threw or logged an error that the test
 * did not allow: a React warning, a CSP violation or an uncaught exception is a bug even when every
 * assertion passed. Tests allow what they provoke with `pageErrors.allow(...)`, next to the cause.
 */
export const test = base.extend<PageErrorFixtures>({
  allowedPageProblems: [[], { option: true }],
  pageErrors: [
    async ({ context, browser, allowedPageProblems }, use) => {
      const seen: PageProblem[] = [];
      const allowed = [...ALWAYS_ALLOWED, ...allowedPageProblems];
      watchContext(context, seen);
      // Tests sign a second user in with a context of their own; its pages are watched as well.
      const newContext = browser.newContext;
      browser.newContext = async (...args) => {
        const created = await newContext.apply(browser, args);
        watchContext(created, seen);
        return created;
      };
      try {
        await use({ seen, allow: (pattern) => allowed.push(pattern) });
      } finally {
        browser.newContext = newContext;
      }
      const unexpected = seen
        .map(describeProblem)
        .filter((line) => !allowed.some((pattern) => pattern.test(line)));
      expect(unexpected, 'errors in the page that the test did not expect').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

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
