import type { Page } from '@playwright/test';
import { historyEntrySchema } from '../shared/src/api/history';
import {
  ADMIN,
  apiAnswered,
  editorIn,
  expect,
  recordSends,
  requestBodyText,
  test,
  typeRequestBody,
} from './helpers';

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
  // Each attempt's answer is awaited: the alert of the attempt before already says the same, so
  // waiting for its text alone let the next Enter land while the form was still sending (ignored).
  const signInAnswer = () =>
    page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST');
  for (let i = 0; i < 5; i++) {
    await password.fill(`wrong-${i}`);
    const answer = signInAnswer();
    await password.press('Enter');
    expect((await answer).status()).toBe(401);
    await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
    await expect(password).toBeFocused();
  }
  await password.fill('wrong-again');
  const locked = signInAnswer();
  await signIn.press('Enter');
  expect((await locked).status()).toBe(429);
  // The server locks for its window (15 minutes), which Retry-After says; the page repeats it.
  await expect(page.getByRole('alert')).toContainText('Try again in 15 minutes');
  await expect(password).toBeFocused();
});

/** The text of the tooltip on screen (Mantine renders it in a portal, role="tooltip"). */
const tooltip = (page: Page) => page.getByRole('tooltip');

/** An ISO time as the console shows it, computed here in the browser's zone (the test's timezoneId). */
async function localText(page: Page, iso: string): Promise<string> {
  return page.evaluate(`(() => {
    const d = new Date(${JSON.stringify(iso)});
    const p = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());
  })()`) as Promise<string>;
}

const readClipboard = (page: Page) => page.evaluate('navigator.clipboard.readText()') as Promise<string>;

test.describe('RequestIds and times, in a zone east of UTC', () => {
  test.use({ timezoneId: 'Asia/Singapore', permissions: ['clipboard-read', 'clipboard-write'] });

  test('History shows a cut RequestId whole on hover and on keyboard focus, and its copy button copies it', async ({
    page,
  }) => {
    await signInByApi(page);
    const entry = await recordCall(page);
    const requestId = entry.requestId ?? '';
    await page.goto('/history');
    const row = page.getByRole('region', { name: 'History entries' }).locator(`tbody tr[data-index="0"]`);
    const cell = row.getByTestId('request-id-cell');
    // At 1280 px the ID is cut to fit (that is why the rest is needed).
    const cut = cell.getByText(requestId, { exact: true });
    expect(await cut.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);

    await cut.hover();
    await expect(tooltip(page)).toHaveText(requestId);
    await page.mouse.move(0, 0);
    await expect(tooltip(page)).toHaveCount(0);
    const whole = tooltip(page).filter({ hasText: requestId });

    // Keyboard only: from the row's time link, Tab reaches the copy button, which shows the whole ID.
    const timeLink = row.getByRole('link', { name: await localText(page, entry.createdAt) });
    await timeLink.focus();
    await page.keyboard.press('Tab');
    const copy = row.getByRole('button', { name: `Copy RequestId ${requestId}` });
    await expect(copy).toBeFocused();
    await expect(whole).toHaveText(requestId);
    await page.keyboard.press('Enter');
    await expect(whole).toHaveText(`Copied ${requestId}`);
    expect(await readClipboard(page)).toBe(requestId);
    // The button copied; it did not open the entry as a click on the row does.
    await expect(page).toHaveURL(/\/history$/);
  });

  test('one time format on History, the entry, Audit and Users: local, the zone and ISO on hover and focus, ISO on copy', async ({
    page,
  }) => {
    await signInByApi(page);
    const entry = await recordCall(page);
    const iso = new Date(entry.createdAt).toISOString();
    const local = await localText(page, entry.createdAt);
    const zone = 'Asia/Singapore, UTC+08:00';

    // History: the time is the row's link; focusing it says the zone and the ISO form.
    await page.goto('/history');
    const link = page
      .getByRole('region', { name: 'History entries' })
      .locator('tbody tr[data-index="0"]')
      .getByRole('link', { name: local });
    await link.focus();
    await expect(tooltip(page)).toContainText(`${local} local time (${zone})`);
    await expect(tooltip(page)).toContainText(`ISO 8601 ${iso}`);
    // Ctrl+C on the focused time copies the ISO form.
    await page.keyboard.press('Control+C');
    await expect.poll(() => readClipboard(page)).toBe(iso);

    // The entry page: a time on its own is a tab stop of its own; selecting it and copying gives ISO.
    await page.goto(`/history/${entry.id}`);
    const time = page.locator(`time[datetime="${iso}"]`).first();
    await expect(time).toHaveText(local);
    await time.focus();
    await expect(tooltip(page)).toContainText(zone);
    await time.evaluate(`(el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }`);
    await page.keyboard.press('Control+C');
    await expect.poll(() => readClipboard(page)).toBe(iso);

    // Audit and Users use the same format and the same hover.
    const format = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;
    for (const [path, name] of [
      ['/admin/audit', 'Audit log'],
      ['/admin/users', 'Users'],
    ] as const) {
      await page.goto(path);
      const first = page.getByRole('table', { name }).locator('tbody time').first();
      await expect(first).toHaveText(format);
      await first.hover();
      await expect(tooltip(page)).toContainText(`local time (${zone}) · ISO 8601 `);
      await page.mouse.move(0, 0);
    }
  });
});

test('Compare offers the recent calls of the same command on the same environment, by keyboard, and diffs request bodies', async ({
  page,
}) => {
  await signInByApi(page);
  const older = await recordCall(page);
  const res = await page.request.post('/api/requests', {
    data: {
      environmentId: 'sandbox',
      service: 'profile',
      command: 'portrait_get',
      body: { To_Account: ['someone-else-daily'], TagList: ['Tag_Profile_IM_Nick'] },
    },
  });
  const newer = historyEntrySchema.parse(await res.json());
  // Another command, and the same command elsewhere, are not offered.
  const other = await page.request.post('/api/requests', {
    data: { environmentId: 'sandbox', service: 'im_open_login_svc', command: 'account_check', body: {} },
  });
  expect(other.status()).toBe(201);

  await page.goto(`/history/${newer.id}`);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare with another call' });
  const recent = dialog.getByRole('textbox', { name: 'Recent calls of profile/portrait_get on sandbox' });
  await expect(recent).toBeEnabled();
  await recent.focus();
  await page.keyboard.press('ArrowDown');
  const options = page.getByRole('option');
  // Newest first; this entry itself is not among them.
  await expect(options.first()).toContainText(older.requestId ?? 'missing');
  for (const text of await options.allInnerTexts()) expect(text).not.toContain(newer.requestId ?? 'missing');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`compare=${older.id}`));

  const comparison = page.getByRole('region', { name: 'Comparison' });
  await expect(comparison.locator('.monaco-diff-editor')).toBeVisible({ timeout: 30_000 });
  await comparison.getByText('Request bodies').click();
  const left = comparison.getByRole('textbox', { name: /^Request body comparison: left/ });
  await expect(left).toBeAttached();
  const diff = comparison.locator('.monaco-diff-editor');
  await expect(diff.locator('.editor.original .view-lines')).toContainText('someone-else-daily');
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('nobody-daily');
  // The changed line is marked on both sides; the unchanged TagList is not.
  await expect(
    diff.locator('.editor.original .char-delete, .editor.original .line-delete').first(),
  ).toBeVisible();
  await expect(
    diff.locator('.editor.modified .char-insert, .editor.modified .line-insert').first(),
  ).toBeVisible();
});

test('"Open in console" over an edited draft says so, and Undo brings the draft back', async ({ page }) => {
  await signInByApi(page);
  const entry = await recordCall(page);
  await page.goto(PORTRAIT_GET);
  const draft = '{ "To_Account": ["my-own-draft"] }';
  await typeRequestBody(page, draft);
  await expect(page.getByTestId('body-edited')).toBeVisible();

  await page.goto(`/?from=${entry.id}`);
  const notice = page.locator('.mantine-Notification-root').filter({ hasText: 'It replaced your draft' });
  await expect(notice).toBeVisible();
  await expect(notice.locator('time')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  await expect.poll(() => requestBodyText(page)).toContain('nobody-daily');
  await notice.getByRole('button', { name: 'Undo: bring my draft back' }).click();
  await expect(notice).toHaveCount(0);
  await expect.poll(() => requestBodyText(page)).toBe(draft);
  // The restored draft is the one kept: a reload shows it, not the copy.
  await page.reload();
  await expect.poll(() => requestBodyText(page)).toBe(draft);
});

test('the "Invalid JSON" alert goes as soon as the JSON is fixed, without sending', async ({ page }) => {
  await signInByApi(page);
  const sends = recordSends(page);
  await page.goto(PORTRAIT_GET);
  await editorIn(page, 'Request body');
  await expect.poll(() => focusInEditor(page)).toBe(true);
  // Keyboard only: the caret is in the editor; break the JSON, try to send, fix it.
  // A missing comma. (Delete first: typed over a selection, Monaco would wrap it in the brace.)
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{ "To_Account": ["x"] "TagList": [] }');
  await page.keyboard.press('Control+Enter');
  const alert = page.getByTestId('body-error');
  await expect(alert).toContainText('Invalid JSON');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{ "To_Account": ["x"], "TagList": ["Tag_Profile_IM_Nick"] }');
  await expect(alert).toHaveCount(0);
  expect(sends).toEqual([]);
});

test('a session that ends under the user sends them to sign in with a word why, and back afterwards', async ({
  page,
  pageErrors,
}) => {
  pageErrors.allow(apiAnswered(401, '/api/audit?limit=50'));
  await signInByApi(page);
  await page.goto('/history');
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  // Signed out elsewhere (another tab, an admin, the session's age): the cookie is no longer good.
  expect((await page.request.delete('/api/session')).ok()).toBe(true);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Faudit&reason=expired$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your session has ended' })).toContainText(
    'Sign in again to go back to where you were.',
  );
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByLabel('Password').press('Enter');
  await expect(page).toHaveURL(/\/admin\/audit$/);
});

test('at 1280×800 the command list scrolls to the command opened by a link or the palette', async ({
  page,
}) => {
  await signInByApi(page);
  await page.goto('/console?env=sandbox');
  const nav = page.getByRole('navigation', { name: 'Commands' });
  const links = nav.getByRole('link');
  await expect(links.last()).toBeAttached();
  // The last command of the list is far below the fold of a 800 px screen.
  const lastHref = (await links.last().getAttribute('href')) ?? '';
  const lastCommand = new URLSearchParams(lastHref.split('?')[1]).get('command') ?? '';
  expect(lastCommand).toContain('/');
  await expect(links.last()).not.toBeInViewport();

  // Opened by a link (a deep link pasted in the address bar).
  await page.goto(`/console?env=sandbox&command=${lastCommand}`);
  const active = nav.locator('a[data-active]');
  await expect(active).toHaveAttribute('href', lastHref);
  await expect(active).toBeInViewport();

  // Opened from the palette, by keyboard, from the top of the list.
  await page.goto(PORTRAIT_GET);
  await editorIn(page, 'Request body');
  await expect(nav.locator(`a[href="${lastHref}"]`)).not.toBeInViewport();
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Find a command or a recorded call' });
  await palette.getByRole('textbox').fill(lastCommand);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`command=${lastCommand.replace('/', '(/|%2F)')}`));
  await expect(nav.locator('a[data-active]')).toBeInViewport();
});

/** Descriptions of the header's boxes that cut their content (a visually hidden label is not cut). */
async function clippedInHeader(page: Page): Promise<string[]> {
  return page.getByRole('banner').evaluate((header) =>
    [header, ...header.querySelectorAll('*')]
      .filter((el) => {
        const style = el.ownerDocument.defaultView?.getComputedStyle(el);
        if (!style) return false;
        if (style.display === 'none' || style.visibility === 'hidden' || el.clientWidth === 0) return false;
        if (style.clip !== 'auto' && style.position === 'absolute') return false;
        return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      })
      .map((el) => `${el.tagName} "${el.getAttribute('aria-label') ?? el.textContent?.trim()}"`),
  );
}

/** Pairs of the header's controls whose boxes overlap (the name once ran under the production badge). */
async function overlapsInHeader(page: Page): Promise<string[]> {
  return page.getByRole('banner').evaluate((header) => {
    const boxes = [...header.querySelectorAll('button, a, input, .mantine-Badge-root')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0);
    const found: string[] = [];
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (x > 1 && y > 1)
          found.push(
            `${a.el.getAttribute('aria-label') ?? a.el.textContent} × ${b.el.getAttribute('aria-label') ?? b.el.textContent}`,
          );
      }
    return found;
  });
}

for (const width of [1024, 1280, 1440, 1920]) {
  test(`at ${width} px the fullest header fits: nothing cut or overlapping, every control and the way out in view`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await signInByApi(page);
    await page.goto('/history');
    const menu = page.getByRole('button', { name: 'admin account menu' });
    await expect(menu).toBeVisible();
    if (width >= 1280) await expect(menu.getByText('admin', { exact: true })).toBeVisible();
    // Nothing inside the button is cut: every box is as wide as its content.
    const clipped = await menu.evaluate(
      (button) =>
        [button, ...button.querySelectorAll('*')].filter((el) => el.scrollWidth > el.clientWidth + 1).length,
    );
    expect(clipped).toBe(0);
    await expect(menu).toBeInViewport({ ratio: 1 });

    // The fullest header: an admin (every nav link) on a production environment's console (its badge).
    await page.goto('/?env=prod-rehearsal');
    await expect(page.getByRole('heading', { name: 'Pick a command' })).toBeVisible();
    const header = page.getByRole('banner');
    const environment = header.getByRole('combobox', { name: 'Environment' });
    await expect(environment).toHaveValue('Production rehearsal');
    await expect(header.getByText('Production', { exact: true })).toBeInViewport({ ratio: 1 });
    await expect(header.getByRole('link', { name: 'Audit' })).toBeInViewport({ ratio: 1 });
    const controls = header.locator('button:visible, a:visible, input:visible');
    expect(await controls.count()).toBeGreaterThanOrEqual(width >= 1280 ? 13 : 11);
    for (const control of await controls.all()) await expect(control).toBeInViewport({ ratio: 1 });
    expect(await clippedInHeader(page)).toEqual([]);
    expect(await overlapsInHeader(page)).toEqual([]);
    // The environment's whole name and its app on hover or focus, for a name cut on a narrower screen.
    await environment.focus();
    await expect(page.getByText(/^Production rehearsal · sandbox · SDKAppID \d+$/)).toBeVisible();
    await page.keyboard.press('Escape');

    if (width >= 1280) {
      await expect(header.getByRole('button', { name: 'Sign out' })).toBeInViewport({ ratio: 1 });
      await expect(header.getByRole('textbox', { name: 'Find a user or group' })).toBeInViewport({
        ratio: 1,
      });
      await expect(header.getByRole('button', { name: 'Find command' })).toBeInViewport({ ratio: 1 });
      // The role badge from 1408 px (xl); below, the user menu says the role.
      if (width >= 1440)
        await expect(header.locator('.mantine-Badge-root', { hasText: 'admin' })).toBeInViewport({
          ratio: 1,
        });
      return;
    }
    // Below 1200 px the way out and the theme are in the user menu, which says who is signed in.
    await expect(header.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await menu.click();
    await expect(page.getByText('Signed in as admin (admin)')).toBeVisible();
    await expect(page.getByRole('menuitem', { name: 'Switch to dark theme' })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeInViewport({ ratio: 1 });
    await page.keyboard.press('Escape');
    // The explorer's search opens from its icon, with the caret in the box, and goes to the user's page.
    await header.getByRole('button', { name: 'Find a user or group' }).click();
    const search = page.getByRole('search', { name: 'Support explorer' }).getByLabel('Find a user or group');
    await expect(search).toBeFocused();
    await search.fill('user1');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/explore\/users\/user1\?env=prod-rehearsal/);
    await expect(search).toHaveCount(0);
    // The menu's way out signs out, and nothing is asked with the ended session (e2e/sign-out.spec.ts).
    await menu.click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
  });
}
