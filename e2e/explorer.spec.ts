import type { Page } from '@playwright/test';
import { historyEntrySchema } from '../shared/src/api/history';
import { expect, signIn, test, typeRequestBody } from './helpers';

test.use({ viewport: { width: 1440, height: 1000 } });

async function send(
  page: Page,
  environmentId: string,
  service: string,
  command: string,
  body: Record<string, unknown>,
) {
  const res = await page.request.post('/api/requests', { data: { environmentId, service, command, body } });
  expect(res.status(), await res.text()).toBe(201);
  return historyEntrySchema.parse(await res.json());
}

/** A user with a nick in a group of its own, made over the API. */
async function userInGroup(
  page: Page,
  environmentId: string,
  userId: string,
  nick: string,
  groupName: string,
) {
  await send(page, environmentId, 'im_open_login_svc', 'account_import', { UserID: userId, Nick: nick });
  const group = await send(page, environmentId, 'group_open_http_svc', 'create_group', {
    Type: 'Public',
    Name: groupName,
    MemberList: [{ Member_Account: userId }],
  });
  const response = group.response as { GroupId?: unknown };
  return String(response.GroupId);
}

test('support looks a user up from the header, sees its nick and group, kicks it with the production confirmation, and sees the call', async ({
  page,
}) => {
  const userId = `ticket_${Date.now().toString(36)}`;
  await signIn(page, undefined, '/console?env=prod-rehearsal');
  await userInGroup(page, 'prod-rehearsal', userId, 'Ticket Owner', 'Cannot send here');

  // The search opens the page in the environment the header shows: wait until it shows the one asked for.
  await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveValue('Production rehearsal');
  const search = page.getByRole('search', { name: 'Support explorer' }).getByLabel('Find a user or group');
  await search.fill(userId);
  await search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/explore/users/${userId}\\?env=prod-rehearsal$`));
  await expect(page.getByRole('heading', { name: `User ${userId}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('user-nick')).toHaveText('Ticket Owner', { timeout: 30_000 });
  const groups = page.getByRole('table', { name: `Groups of ${userId}` });
  await expect(groups).toContainText('Cannot send here');
  await expect(groups).toContainText('Member');

  await page
    .getByRole('group', { name: `Actions on ${userId}` })
    .getByRole('button', { name: 'Kick' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Kick ${userId}: log out every device` });
  await expect(dialog).toContainText('Production rehearsal');
  const sendKick = dialog.getByRole('button', { name: 'Send kick' });
  await expect(sendKick).toBeDisabled();
  await dialog.getByLabel('Type kick to confirm').fill('kick');
  await sendKick.click();
  await expect(dialog.getByRole('status')).toContainText('kick: OK');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const recent = page.getByRole('table', { name: `Recent calls about ${userId}` });
  await expect(recent.locator('tbody tr').first()).toContainText('kick');
  await expect(recent.locator('tbody tr').first()).toContainText('admin');

  // The page's own lookups are in the History only when asked for.
  await page.goto('/history');
  await expect(
    page.getByRole('region', { name: 'History entries' }).locator('tbody tr').first(),
  ).toContainText('kick');
  await expect(page.getByRole('region', { name: 'History entries' })).not.toContainText(
    'get_joined_group_list',
  );
});

test('custom profile fields: set one through the guarded edit, read it once named, pick it to edit again', async ({
  page,
}) => {
  const userId = `custom_${Date.now().toString(36)}`;
  await signIn(page, undefined, '/console?env=sandbox');
  await send(page, 'sandbox', 'im_open_login_svc', 'account_import', { UserID: userId, Nick: 'Custom Case' });
  await page.goto(`/explore/users/${userId}?env=sandbox`);
  await expect(page.getByTestId('user-nick')).toHaveText('Custom Case', { timeout: 30_000 });
  const actions = page.getByRole('group', { name: `Actions on ${userId}` });
  const edit = page.getByRole('dialog', { name: `Edit a profile field of ${userId}` });

  // A field the page has not been told about: typed by name.
  await actions.getByRole('button', { name: 'Edit profile field' }).click();
  await edit.getByRole('textbox', { name: 'Field' }).click();
  await page.getByRole('option', { name: 'Other custom field (Tag_Profile_Custom_…)' }).click();
  await edit.getByLabel('Custom tag').fill('Tag_Profile_Custom_Tier');
  await edit.getByLabel('New value').fill('gold');
  await edit.getByRole('button', { name: 'Send portrait_set' }).click();
  await expect(edit.getByRole('status')).toContainText('portrait_set: OK');
  await edit.getByRole('button', { name: 'Close' }).click();

  // Tencent answers custom fields only by name: named, the page reads it.
  const fields = page.getByRole('table', { name: 'Profile fields' });
  await expect(fields).not.toContainText('Tag_Profile_Custom_Tier');
  const names = page.getByRole('textbox', { name: 'Custom profile fields to read' });
  await names.fill('Tag_Profile_Custom_Nope!');
  await names.press('Enter');
  await expect(page.getByText('Tag_Profile_Custom_Nope!: a custom field is')).toBeVisible();
  await names.fill('Tag_Profile_Custom_Tier');
  await names.press('Enter');
  await expect(fields.getByRole('row', { name: /Tag_Profile_Custom_Tier/ })).toContainText('gold');

  // Now a field of its own in the edit, and the page shows the new value after the send.
  await actions.getByRole('button', { name: 'Edit profile field' }).click();
  await edit.getByRole('textbox', { name: 'Field' }).click();
  await page.getByRole('option', { name: 'Tag_Profile_Custom_Tier', exact: true }).click();
  await edit.getByLabel('New value').fill('platinum');
  await edit.getByRole('button', { name: 'Send portrait_set' }).click();
  await expect(edit.getByRole('status')).toContainText('portrait_set: OK');
  await edit.getByRole('button', { name: 'Close' }).click();
  await expect(fields.getByRole('row', { name: /Tag_Profile_Custom_Tier/ })).toContainText('platinum');

  // Remembered for the environment: a reload reads it again.
  await page.reload();
  await expect(page.getByRole('table', { name: 'Profile fields' })).toContainText('platinum', {
    timeout: 30_000,
  });
});

test('a sandbox message history as a conversation: bubbles by sender, images as links, never loaded', async ({
  page,
}) => {
  const stamp = Date.now().toString(36);
  const [a, b] = [`conv_a_${stamp}`, `conv_b_${stamp}`];
  await signIn(page, undefined, '/console?env=sandbox');
  for (const id of [a, b]) await send(page, 'sandbox', 'im_open_login_svc', 'account_import', { UserID: id });
  await send(page, 'sandbox', 'openim', 'sendmsg', {
    SyncOtherMachine: 1,
    From_Account: a,
    To_Account: b,
    MsgRandom: 11,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'my messages do not send' } }],
  });
  await send(page, 'sandbox', 'openim', 'sendmsg', {
    SyncOtherMachine: 1,
    From_Account: b,
    To_Account: a,
    MsgRandom: 12,
    MsgBody: [
      {
        MsgType: 'TIMImageElem',
        MsgContent: {
          UUID: 'shot-1',
          ImageFormat: 1,
          ImageInfoArray: [
            { Type: 1, Size: 100, Width: 640, Height: 480, URL: 'https://images.example.com/shot-1.jpg' },
          ],
        },
      },
    ],
  });

  const images: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('images.example.com')) images.push(req.url());
  });
  await page.goto('/?env=sandbox&command=openim/admin_getroammsg');
  await typeRequestBody(
    page,
    JSON.stringify({ Operator_Account: a, Peer_Account: b, MaxCnt: 100, MinTime: 0, MaxTime: 4294967295 }),
  );
  await page.getByRole('region', { name: 'Request body' }).getByRole('button', { name: 'Send' }).click();
  const response = page.getByRole('region', { name: 'Response' });
  await expect(response.getByTestId('action-status')).toHaveText('OK');
  await response.getByText('Conversation (2)').click();
  const conversation = response.getByRole('list', { name: 'Messages of admin_getroammsg' });
  const bubbles = conversation.getByTestId('conversation-message');
  await expect(bubbles).toHaveCount(2);
  await expect(bubbles.nth(0)).toContainText(a);
  await expect(bubbles.nth(0)).toContainText('my messages do not send');
  await expect(bubbles.nth(1)).toContainText(b);
  const link = bubbles.nth(1).getByRole('link', { name: 'Original image 640×480' });
  await expect(link).toHaveAttribute('href', 'https://images.example.com/shot-1.jpg');
  await expect(conversation.locator('img')).toHaveCount(0);
  expect(images).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of the explorer pages, ${scheme} theme`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1440, height: 1500 });
    const userId = `shot_${scheme}_${Date.now().toString(36)}`;
    await signIn(page, undefined, '/console?env=sandbox');
    const groupId = await userInGroup(page, 'sandbox', userId, 'Ada Support', 'Ticket 8812 room');
    await send(page, 'sandbox', 'im_open_login_svc', 'account_import', {
      UserID: `${userId}_b`,
      Nick: 'Bob',
    });
    await send(page, 'sandbox', 'group_open_http_svc', 'add_group_member', {
      GroupId: groupId,
      MemberList: [{ Member_Account: `${userId}_b` }],
    });
    await send(page, 'sandbox', 'group_open_http_svc', 'send_group_msg', {
      GroupId: groupId,
      From_Account: userId,
      Random: 1,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'I cannot send in this group' } }],
    });
    await send(page, 'sandbox', 'group_open_http_svc', 'send_group_msg', {
      GroupId: groupId,
      From_Account: `${userId}_b`,
      Random: 2,
      MsgBody: [
        { MsgType: 'TIMCustomElem', MsgContent: { Data: '{"kind":"order","id":8812}', Desc: 'order card' } },
      ],
    });
    await send(page, 'sandbox', 'group_open_http_svc', 'forbid_send_msg', {
      GroupId: groupId,
      Members_Account: [userId],
      MuteTime: 3600,
    });

    await page.goto(`/explore/users/${userId}?env=sandbox`);
    await expect(page.getByTestId('user-nick')).toHaveText('Ada Support', { timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
    await page.screenshot({ path: `docs/screenshots/explore-user-${scheme}.png` });

    await page.goto(`/explore/groups/${encodeURIComponent(groupId)}?env=sandbox`);
    await expect(page.getByTestId('group-name')).toHaveText('Ticket 8812 room', { timeout: 30_000 });
    await expect(page.getByRole('list', { name: `Recent messages of ${groupId}` })).toContainText(
      'I cannot send in this group',
    );
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
    await page.screenshot({ path: `docs/screenshots/explore-group-${scheme}.png` });
  });
}
