import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { type HistoryEntry, historyEntrySchema, historyPageSchema } from '../shared/src/api/history';
import { expect, requestBodyText, signIn, test, typeRequestBody } from './helpers';

test.use({ colorScheme: 'light', viewport: { width: 1440, height: 960 } });

const ENV = 'sandbox';

async function send(page: Page, service: string, command: string, body: Record<string, unknown>) {
  const res = await page.request.post('/api/requests', {
    data: { environmentId: ENV, service, command, body },
  });
  expect(res.status(), await res.text()).toBe(201);
  return historyEntrySchema.parse(await res.json());
}

async function latest(page: Page): Promise<HistoryEntry> {
  const res = await page.request.get('/api/requests?limit=1');
  const [entry] = historyPageSchema.parse(await res.json()).items;
  if (!entry) throw new Error('history is empty');
  return entry;
}

test('support finds a call by RequestId, replays it with a fresh MsgRandom, compares and reopens it edited', async ({
  page,
  context,
}) => {
  await signIn(page);
  const stamp = `e2e-${Date.now()}`;
  await send(page, 'im_open_login_svc', 'account_check', { CheckItem: [{ UserID: 'alice' }] });
  const message = await send(page, 'openim', 'sendmsg', {
    SyncOtherMachine: 2,
    From_Account: 'alice',
    To_Account: 'bob',
    MsgRandom: 1234567,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: stamp } }],
  });
  await send(page, 'profile', 'portrait_get', { To_Account: ['bob'], TagList: ['Tag_Profile_IM_Nick'] });
  expect(message.outcome).toBe('ok');
  const requestId = message.requestId ?? '';
  expect(requestId).not.toBe('');

  // The list shows all three; the RequestId box jumps straight to the one a ticket names.
  await page.goto('/history');
  const table = page.getByRole('region', { name: 'History entries' });
  // Other specs share this server, so only the three newest rows are this test's, newest first.
  const rows = table.locator('tbody tr[data-index]');
  await expect(rows.nth(0)).toContainText('profile/portrait_get');
  await expect(rows.nth(1)).toContainText('openim/sendmsg');
  await expect(rows.nth(2)).toContainText('im_open_login_svc/account_check');
  await page.screenshot({ path: 'docs/screenshots/history-list.png' });
  await page.getByLabel('Find by RequestId').fill(requestId);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/history/${message.id}$`));

  // The permalink works on its own, in a page that never saw the list.
  const fresh = await context.newPage();
  await fresh.goto(`/history/${message.id}`);
  await expect(fresh.getByRole('heading', { name: 'openim/sendmsg' })).toBeVisible();
  await expect(fresh.getByRole('region', { name: 'Request body' })).toContainText(stamp);
  await expect(fresh.getByRole('region', { name: 'Response' }).getByText(requestId).first()).toBeVisible();
  await expect(fresh.getByRole('region', { name: 'Replay chain' })).toContainText('Not replayed yet.');
  await fresh.screenshot({ path: 'docs/screenshots/history-entry.png', fullPage: true });

  // Replay: the dialog points out MsgRandom and offers fresh values, so the copy is not dropped.
  await fresh.getByRole('button', { name: 'Replay', exact: true }).click();
  const dialog = fresh.getByRole('dialog', { name: 'Replay openim/sendmsg' });
  await expect(dialog.getByText('MsgRandom')).toBeVisible();
  await expect(dialog.getByLabel('Use fresh values')).toBeChecked();
  const replayed = fresh.waitForResponse((r) => r.url().endsWith(`/api/requests/${message.id}/replay`));
  await dialog.getByRole('button', { name: 'Replay now' }).click();
  const replayResponse = await replayed;
  expect(replayResponse.status()).toBe(201);
  const replay = historyEntrySchema.parse(await replayResponse.json());
  expect(replay.replayOf).toBe(message.id);
  expect(replay.requestBody.MsgRandom).not.toBe(1234567);
  expect({ ...replay.requestBody, MsgRandom: 0 }).toEqual({ ...message.requestBody, MsgRandom: 0 });
  await expect(fresh.getByRole('status').filter({ hasText: 'Replayed' })).toBeVisible();
  await expect(fresh.getByRole('list', { name: 'Replayed by' }).getByRole('listitem')).toHaveCount(1);

  // Compare the two answers in Monaco's diff editor.
  await fresh.getByRole('button', { name: 'Compare', exact: true }).click();
  await fresh
    .getByRole('dialog', { name: 'Compare with another call' })
    .getByRole('button', { name: /^Compare with replay/ })
    .click();
  const comparison = fresh.getByRole('region', { name: 'Comparison' });
  await expect(comparison.locator('.monaco-diff-editor')).toBeVisible();
  await expect(fresh).toHaveURL(new RegExp(`compare=${replay.id}`));
  await expect(comparison).toContainText('MsgTime');

  // An editable copy in the console, sent edited.
  await fresh.getByRole('link', { name: 'Open in console' }).click();
  await expect(fresh).toHaveURL(/\/\?env=sandbox&command=openim(%2F|\/)sendmsg/);
  // The console takes the copy over as its draft and drops `from` from the URL; edit after that.
  await expect(fresh).not.toHaveURL(/from=/);
  await expect.poll(() => requestBodyText(fresh)).toContain(stamp);
  const edited = {
    ...message.requestBody,
    MsgRandom: 7654321,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `${stamp} edited` } }],
  };
  await typeRequestBody(fresh, JSON.stringify(edited));
  await expect.poll(() => requestBodyText(fresh)).toContain('7654321');
  const sent = fresh.waitForResponse(
    (r) => r.url().endsWith('/api/requests') && r.request().method() === 'POST',
  );
  await fresh.getByRole('button', { name: 'Send' }).click();
  expect((await sent).status()).toBe(201);
  const copy = await latest(page);
  expect(copy.requestBody).toEqual(edited);
  expect(copy.outcome).toBe('ok');
  await expect(fresh.getByRole('region', { name: 'Response' })).toContainText(
    copy.requestId ?? 'no RequestId',
  );
});

test('a RequestId nobody recorded gets a clear message instead of a jump', async ({ page }) => {
  await signIn(page, undefined, '/history');
  await page.getByLabel('Find by RequestId').fill('Id-does-not-exist-O-Seq-0');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'No recorded call has the RequestId' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/history$/);
});

test('the filter lives in the URL, and the export links carry it', async ({ page }) => {
  await signIn(page);
  await send(page, 'im_open_login_svc', 'account_check', { CheckItem: [{ UserID: 'nobody-here' }] });
  await page.goto('/history?command=account_check&service=im_open_login_svc&outcome=ok');
  await expect(page.getByRole('textbox', { name: 'Command' })).toHaveValue('im_open_login_svc/account_check');
  const table = page.getByRole('region', { name: 'History entries' });
  await expect(table.getByText('im_open_login_svc/account_check').first()).toBeVisible();
  await expect(table.getByText('openim/sendmsg')).toHaveCount(0);
  const csv = page.getByRole('link', { name: 'Export CSV' });
  await expect(csv).toHaveAttribute('href', /format=csv/);
  await expect(csv).toHaveAttribute('href', /command=account_check/);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export JSON Lines' }).click();
  const text = await readFile(await (await download).path(), 'utf8');
  const lines = text.trim().split('\n');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    expect(historyEntrySchema.pick({ command: true, outcome: true }).parse(JSON.parse(line))).toEqual({
      command: 'account_check',
      outcome: 'ok',
    });
  }
  expect(text).not.toMatch(/usersig=(?!REDACTED)/);
});

test('replaying a destructive call on production asks for the command name first', async ({ page }) => {
  await signIn(page);
  const res = await page.request.post('/api/requests', {
    data: {
      environmentId: 'prod-rehearsal',
      service: 'im_open_login_svc',
      command: 'kick',
      body: { UserID: 'alice' },
      confirm: 'kick',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const kick = historyEntrySchema.parse(await res.json());
  await page.goto(`/history/${kick.id}`);
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Replay im_open_login_svc/kick' });
  await expect(dialog.getByText('Destructive command')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Replay now' })).toBeDisabled();
  await dialog.getByLabel('Type kick to confirm').fill('kic');
  await expect(dialog.getByRole('button', { name: 'Replay now' })).toBeDisabled();
  await dialog.getByLabel('Type kick to confirm').fill('kick');
  const replayed = page.waitForRequest((r) => r.url().endsWith(`/api/requests/${kick.id}/replay`));
  await dialog.getByRole('button', { name: 'Replay now' }).click();
  expect((await replayed).postDataJSON()).toEqual({ confirm: 'kick' });
  await expect(page.getByRole('status').filter({ hasText: 'Replayed' })).toBeVisible();
});
