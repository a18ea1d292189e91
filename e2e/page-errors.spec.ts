import { apiAnswered, expect, test } from './helpers';

// The guard every spec relies on: these tests prove it fails a test for errors in the page, and
// lets through only what it is documented to let through.

test.describe('errors in the page', () => {
  // `test.fail()`: the guard's teardown failure is the expected outcome. Each body passes on its own,
  // so the only way these tests "fail" as expected is the guard.
  test('an uncaught exception in the page fails the test', async ({ page }) => {
    test.fail();
    await page.goto('/healthz');
    await page.evaluate("setTimeout(() => { throw new Error('boom from the page'); })");
    await expect.poll(() => page.evaluate('1')).toBe(1);
  });

  test('a console.error in the page fails the test', async ({ page }) => {
    test.fail();
    await page.goto('/healthz');
    await page.evaluate("console.error('Warning: Each child in a list should have a unique key prop.')");
  });

  test('a page of a second browser context is watched as well', async ({ browser }) => {
    test.fail();
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto('/healthz');
    await otherPage.evaluate("console.error('from the second user')");
    await other.close();
  });

  test('an asset the server does not have fails the test even though it is a 4xx', async ({ page }) => {
    test.fail();
    await page.goto('/healthz');
    await page.evaluate("fetch('/assets/missing-chunk.js').then((r) => r.status)");
    await expect.poll(() => page.evaluate('1')).toBe(1);
  });

  test('a 4xx answer of the API that the test did not provoke on purpose fails the test', async ({
    page,
  }) => {
    test.fail();
    await page.goto('/healthz');
    expect(await page.evaluate("fetch('/api/requests/nobody-recorded-this').then((r) => r.status)")).toBe(
      401,
    );
  });

  test('a 4xx answer of the API that the test allows does not fail it', async ({ page, pageErrors }) => {
    pageErrors.allow(apiAnswered(401, '/api/requests/nobody-recorded-this'));
    await page.goto('/healthz');
    expect(await page.evaluate("fetch('/api/requests/nobody-recorded-this').then((r) => r.status)")).toBe(
      401,
    );
    await expect
      .poll(() => pageErrors.seen.map((p) => p.text))
      .toContainEqual(expect.stringMatching(/status of 401/));
    // The allowance is for that answer at that path only.
    const allowed = apiAnswered(401, '/api/requests/nobody-recorded-this');
    const line = (status: number, path: string) =>
      `console.error: Failed to load resource: the server responded with a status of ${status} (X) (http://h${path})`;
    expect(allowed.test(line(401, '/api/requests/nobody-recorded-this'))).toBe(true);
    expect(allowed.test(line(401, '/api/requests'))).toBe(false);
    expect(allowed.test(line(403, '/api/requests/nobody-recorded-this'))).toBe(false);
  });

  test('the 401 of the signed-out session check, which every sign-in page load makes, does not fail the test', async ({
    page,
    pageErrors,
  }) => {
    await page.goto('/');
    await expect(page.getByLabel('Username')).toBeVisible();
    await expect
      .poll(() => pageErrors.seen.map((p) => p.url))
      .toContainEqual(expect.stringMatching(/\/api\/session$/));
  });

  test.describe('with an allowed problem', () => {
    test.use({ allowedPageProblems: [/^console\.error: expected by this test/] });

    test('a console.error the test allows does not fail it', async ({ page, pageErrors }) => {
      await page.goto('/healthz');
      await page.evaluate("console.error('expected by this test')");
      await expect.poll(() => pageErrors.seen.length).toBe(1);
    });
  });
});
