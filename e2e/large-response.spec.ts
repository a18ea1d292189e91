import { readFile } from 'node:fs/promises';
import type { Page, Route } from '@playwright/test';
import { type HistoryEntry, historyEntrySchema } from '../shared/src/api/history';
import { ADMIN, editorIn, expect, requestBodyText, signIn, test, typeRequestBody } from './helpers';

test.use({ colorScheme: 'light', viewport: { width: 1440, height: 960 } });

const PORTRAIT_GET = '/?env=sandbox&command=profile/portrait_get';
const MiB = 1024 * 1024;

/** A portrait_get answer for many accounts whose pretty-printed JSON (what the console shows) is ~6 MiB. */
function hugeProfileAnswer(): { response: Record<string, unknown>; pretty: string } {
  const response = {
    ActionStatus: 'OK',
    ErrorCode: 0,
    ErrorInfo: '',
    UserProfileItem: Array.from({ length: 14_000 }, (_, i) => ({
      To_Account: `load-test-${String(i).padStart(6, '0')}`,
      ResultCode: 0,
      ProfileItem: [{ Tag: 'Tag_Profile_IM_SelfSignature', Value: `签名 ${i} ${'x'.repeat(240)}` }],
    })),
  };
  return { response, pretty: JSON.stringify(response, null, 2) };
}

function recordedCall(response: Record<string, unknown>): HistoryEntry {
  // Parsed with the contract's schema so the fake answer cannot drift from what the BFF sends.
  return historyEntrySchema.parse({
    id: `e2e-large-${Date.now()}`,
    createdAt: new Date().toISOString(),
    operator: ADMIN.username,
    environmentId: 'sandbox',
    region: null,
    service: 'profile',
    command: 'portrait_get',
    requestBody: { To_Account: ['load-test-000000'], TagList: ['Tag_Profile_IM_SelfSignature'] },
    url: 'http://127.0.0.1/sandbox/v4/profile/portrait_get?usersig=REDACTED',
    httpStatus: 200,
    durationMs: 42,
    outcome: 'ok',
    actionStatus: 'OK',
    errorCode: 0,
    errorInfo: '',
    requestId: 'Id-e2e-large-response',
    response,
    errorDoc: null,
    failure: null,
    replayOf: null,
  });
}

/** Answers the browser's next send with `entry`, as the BFF would (201 + the recorded call). */
async function answerSendsWith(page: Page, entry: HistoryEntry): Promise<void> {
  await page.route(
    (url) => url.pathname === '/api/requests',
    (route: Route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify(entry) })
        : route.fallback(),
  );
}

/** How long one round trip into the page takes: a frozen main thread makes this seconds long. */
async function roundTripMs(page: Page): Promise<number> {
  const started = Date.now();
  // A string: the e2e tsconfig has no DOM types. One animation frame means the main thread is free.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(true)))');
  return Date.now() - started;
}

test('a response above 5 MiB is shown as plain text with its head only and downloads whole, and the page stays responsive', async ({
  page,
}) => {
  const { response, pretty } = hugeProfileAnswer();
  const size = Buffer.byteLength(pretty);
  expect(size).toBeGreaterThan(5.5 * MiB);
  expect(size).toBeLessThan(7 * MiB);

  await signIn(page, ADMIN, PORTRAIT_GET);
  await answerSendsWith(page, recordedCall(response));
  await typeRequestBody(
    page,
    '{"To_Account":["load-test-000000"],"TagList":["Tag_Profile_IM_SelfSignature"]}',
  );
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  const region = page.getByRole('region', { name: 'Response' });
  await expect(region.getByTestId('action-status')).toHaveText('OK');
  await expect(region.getByTestId('large-response-note')).toHaveText(
    /showing the first \d+ KB of 6\.\d MiB as plain text/,
  );
  const plain = region.getByLabel('Response body (plain text)');
  await expect(plain).toContainText('"To_Account": "load-test-000000"');
  // Only the head is in the DOM: megabytes of text in one node would stall layout just like Monaco.
  const shownChars = (await plain.textContent())?.length ?? 0;
  expect(shownChars).toBeGreaterThan(100_000);
  expect(shownChars).toBeLessThanOrEqual(200 * 1024);
  expect(Number(await page.evaluate('document.body.textContent.length'))).toBeLessThan(1 * MiB);
  await expect(region.locator('.monaco-editor')).toHaveCount(0);

  // The page still answers at once: a frame is painted, the theme toggles, Format reformats.
  expect(await roundTripMs(page)).toBeLessThan(1_000);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.getByRole('button', { name: 'Toggle colour scheme' }).click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark', { timeout: 2_000 });
  await page.getByRole('region', { name: 'Request body' }).getByRole('button', { name: 'Format' }).click();
  await expect.poll(() => requestBodyText(page), { timeout: 2_000 }).toContain('\n');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    region.getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('portrait_get-Id-e2e-large-response.json');
  const saved = await readFile(await download.path());
  expect(saved.length).toBe(size);
  expect(JSON.parse(saved.toString('utf8'))).toEqual(response);
  expect(await roundTripMs(page)).toBeLessThan(1_000);
});

test('a small response is shown in the read-only Monaco viewer with folding', async ({ page }) => {
  await signIn(page, ADMIN, PORTRAIT_GET);
  await typeRequestBody(page, '{"To_Account":["nobody-at-all"],"TagList":["Tag_Profile_IM_Nick"]}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  const region = page.getByRole('region', { name: 'Response' });
  await expect(region.getByTestId('action-status')).toHaveText('FAIL');
  const viewer = await editorIn(page, 'Response');
  await expect(viewer.locator('.view-lines')).toContainText('"ErrorCode": 40003');
  await expect(region.getByTestId('large-response-body')).toHaveCount(0);
  await expect(region.getByRole('button', { name: 'Download' })).toHaveCount(0);

  // Read-only: typing changes nothing.
  const before = (await viewer.locator('.view-lines').textContent()) ?? '';
  await viewer.locator('.view-lines').click();
  await page.keyboard.insertText('typed');
  await expect(viewer.locator('.view-lines')).toHaveText(before);

  // Folding the outer object leaves one line with its fold marker.
  const linesBefore = await viewer.locator('.view-line').count();
  await viewer.locator('.codicon-folding-expanded').first().click();
  await expect(viewer.locator('.codicon-folding-collapsed')).toHaveCount(1);
  await expect.poll(() => viewer.locator('.view-line').count()).toBeLessThan(linesBefore);
});
