import type { Page } from '@playwright/test';
import { historyEntrySchema } from '../shared/src/api/history';
import { ADMIN, apiAnswered, editorIn, expect, requestBodyText, test } from './helpers';

// Issue 19: the console for people who use it all day, keyboard first, on a 1280×800 laptop.
test.use({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });

const PORTRAIT_GET = '/?env=sandbox&command=profile/portrait_get';

async function signInByApi(page: Page): Promise<void> {
  const res = await page.request.post('/api/session', { data: ADMIN });
  expect(res.status()).toBe(200);
}

/** True when the keyboard focus is inside the request body's Monaco editor. */
async function focusInEditor(page: Page): Promise<boolean> {
  const inside = await page.evaluate(
    `(() => {
      const active = document.activeElement;
      const region = document.querySelector('section[aria-label="Request body"]');
      return !!active && !!region && region.contains(active) && !!active.closest('.monaco-editor');
    })()`,
  );
  return inside === true;
}

async function recordCall(page: Page) {
  const res = await page.request.post('/api/requests', {
    data: {
      environmentId: 'sandbox',
      service: 'profile',
      command: 'portrait_get',
      body: { To_Account: ['nobody-daily'], TagList: ['Tag_Profile_IM_Nick'] },
    },
  });
  expect(res.status()).toBe(201);
  return historyEntrySchema.parse(await res.json());
}

test('Ctrl+K opens the palette from inside Monaco after a send, and the keys typed go to the palette, not the body', async ({
  page,
}) => {
  await signInByApi(page);
  await page.goto(PORTRAIT_GET);
  await editorIn(page, 'Request body');
  // Opening a command puts the caret in its editor (item 2): no click needed to send.
  await expect.poll(() => focusInEditor(page)).toBe(true);
  const before = await requestBodyText(page);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('answer-announcement')).toContainText('answered');
  expect(await focusInEditor(page)).toBe(true);

  await page.keyboard.press('Control+K');
  const search = page.getByRole('dialog', { name: 'Find a command or a recorded call' }).getByRole('textbox');
  await expect(search).toBeFocused();
  await page.keyboard.type('portrait_set');
  await expect(search).toHaveValue('portrait_set');
  // Nothing reached the editor: Monaco did not take Ctrl+K as a chord.
  expect(await requestBodyText(page)).toBe(before);

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/command=profile\/portrait_set/);
  await expect(page.getByRole('textbox', { name: 'Request body for profile/portrait_set' })).toBeAttached();
  // The caret lands in the new command's editor, so Ctrl+Enter sends what is edited there.
  await expect.poll(() => focusInEditor(page)).toBe(true);
});

test('Ctrl+K inside the answer viewer opens the palette too, and Escape gives focus back', async ({
  page,
}) => {
  await signInByApi(page);
  await page.goto(PORTRAIT_GET);
  await editorIn(page, 'Request body');
  await page.keyboard.press('Control+Enter');
  const viewer = await editorIn(page, 'Response');
  await viewer.locator('.view-lines').click();
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Find a command or a recorded call' });
  await expect(dialog.getByRole('textbox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('a skip link is the first Tab stop and reaches the editor; Ctrl+M then Tab leaves it', async ({
  page,
}) => {
  await signInByApi(page);
  await page.goto(PORTRAIT_GET);
  await editorIn(page, 'Request body');
  // Start from the top of the page, as when Tab comes from the address bar: put the sequential focus
  // starting point on the skip links' container (Chrome keeps it on a blurred element otherwise).
  await page.evaluate(`(() => {
    const top = document.querySelector('.console-skip-links');
    top.setAttribute('tabindex', '-1');
    top.focus();
    top.removeAttribute('tabindex');
  })()`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('button', { name: 'Skip to the request body' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect.poll(() => focusInEditor(page)).toBe(true);

  // The way out of the editor is on screen, and works.
  await expect(page.getByText('To move on with Tab, press')).toBeVisible();
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  await expect.poll(() => focusInEditor(page)).toBe(false);
  await page.keyboard.press('Control+M');
});

test('at 1280×800 the answer is beside the editor, on screen, and announced with its RequestId', async ({
  page,
}) => {
  await signInByApi(page);
  await page.goto(PORTRAIT_GET);
  await editorIn(page, 'Request body');
  await page.keyboard.press('Control+Enter');
  const response = page.getByRole('region', { name: 'Response' });
  const requestId = response.getByTestId('request-id');
  await expect(requestId).toHaveText(/^Id-/);
  await expect(requestId).toBeInViewport();
  const editorBox = await page.getByRole('region', { name: 'Request body' }).boundingBox();
  const responseBox = await response.boundingBox();
  expect(responseBox && editorBox && responseBox.x > editorBox.x + editorBox.width - 1).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'profile/portrait_get answered' })).toContainText(
    `RequestId ${await requestId.textContent()}`,
  );
});

test('the answer is still there after switching command and coming back, and after Back and Forward', async ({
  page,
}) => {
  await signInByApi(page);
  await page.goto(PORTRAIT_GET);
  await editorIn(page, 'Request body');
  await page.keyboard.press('Control+Enter');
  const requestId = page.getByRole('region', { name: 'Response' }).getByTestId('request-id');
  await expect(requestId).toHaveText(/^Id-/);
  const id = await requestId.textContent();

  await page
    .getByRole('navigation', { name: 'Commands' })
    .getByRole('link', { name: /^portrait_set/ })
    .click();
  await expect(page).toHaveURL(/command=profile\/portrait_set/);
  await expect(page.getByRole('region', { name: 'Response' })).toContainText(
    'Send the request to see the answer',
  );

  await page.goBack();
  await expect(page).toHaveURL(/command=profile\/portrait_get/);
  await expect(requestId).toHaveText(id ?? '');
  await expect(page.getByText('The last answer in this session')).toBeVisible();

  await page.goForward();
  await page
    .getByRole('navigation', { name: 'Commands' })
    .getByRole('link', { name: /^portrait_get/ })
    .click();
  await expect(requestId).toHaveText(id ?? '');
  // A reload of the tab keeps it too (the session is the tab's).
  await page.reload();
  await expect(requestId).toHaveText(id ?? '');
});

for (const width of [1024, 1280]) {
  test(`at ${width} px History has no command list and shows every column, RequestId whole`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await signInByApi(page);
    const entry = await recordCall(page);
    await page.goto('/history');
    const table = page.getByRole('region', { name: 'History entries' });
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Commands' })).toHaveCount(0);
    for (const column of ['Outcome', 'Error code', 'RequestId']) {
      await expect(table.getByRole('columnheader', { name: column })).toBeInViewport();
    }
    await expect(table.getByText(entry.requestId ?? 'missing', { exact: true })).toBeInViewport({ ratio: 1 });
  });
}

test('a RequestId pasted quoted, labelled or cut short finds the call, and so does the palette', async ({
  page,
}) => {
  await signInByApi(page);
  const entry = await recordCall(page);
  const requestId = entry.requestId ?? '';
  expect(requestId).toMatch(/^Id-/);

  for (const pasted of [`"${requestId}"`, `RequestId: ${requestId}`, ` ${requestId}.\n`]) {
    await page.goto('/history');
    await page.getByLabel('Find by RequestId').fill(pasted);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/history/${entry.id}$`));
  }

  // Cut short: every call whose RequestId starts with it is listed, this one among them. Cut at the
  // sequence number, the prefix every call of this sandbox shares, so there are always several.
  const partial = requestId.slice(0, requestId.lastIndexOf('-') + 1);
  await page.goto('/history');
  await page.getByLabel('Find by RequestId').fill(partial);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page).toHaveURL(/requestIdPrefix=/);
  await expect(page.getByRole('status').filter({ hasText: `No call has exactly ${partial}` })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'History entries' }).getByText(requestId, { exact: true }),
  ).toBeVisible();

  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Find a command or a recorded call' });
  await dialog.getByRole('textbox').fill(`RequestId: ${requestId}`);
  const call = dialog.getByRole('button', { name: /profile\/portrait_get · (OK|FAIL)/ });
  await expect(call).toBeVisible();
  await expect(call).toContainText(requestId);
  await call.click();
  await expect(page).toHaveURL(new RegExp(`/history/${entry.id}$`));
});

test('a locked sign-in says how long the server locks for, and keeps focus in the form', async ({
  page,
  pageErrors,
}) => {
  pageErrors.allow(apiAnswered(429, '/api/session'));
  const username = `lockout-${Date.now()}`;
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  const password = page.getByLabel('Password');
  const signIn = page.getByRole('button', { name: 'Sign in' });
  for (let i = 0; i < 5; i++) {
    await password.fill(`wrong-${i}`);
    await password.press('Enter');
    await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
    await expect(password).toBeFocused();
  }
  await password.fill('wrong-again');
  await signIn.press('Enter');
  // The server locks for its window (15 minutes), which Retry-After says; the page repeats it.
  await expect(page.getByRole('alert')).toContainText('Try again in 15 minutes');
  await expect(password).toBeFocused();
});
