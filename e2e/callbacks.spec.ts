import type { Page } from '@playwright/test';
import { expect, signIn, test, typeRequestBody } from './helpers';

test.use({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });

test('a message sent on the sandbox shows up live on the Callbacks page as its after-send callback', async ({
  page,
}) => {
  // From now on: other tests' messages (the axe check's, say) raise after-send callbacks here too.
  const since = new Date(Date.now() - 1000).toISOString();
  await signIn(page, undefined, `/callbacks?environmentId=prod-rehearsal&from=${encodeURIComponent(since)}`);
  await expect(page.getByRole('heading', { name: 'Callbacks', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: "URL for Tencent's console" })).toHaveValue(
    /^http:\/\/127\.0\.0\.1:\d+\/callbacks\/prod-rehearsal$/,
  );
  await expect(page.getByRole('region', { name: 'Callback URL' })).toContainText('no links');

  const text = `hello callbacks ${Date.now()}`;
  for (const account of ['cb_e2e_a', 'cb_e2e_b']) {
    const imported = await page.request.post('/api/requests', {
      data: {
        environmentId: 'sandbox',
        service: 'im_open_login_svc',
        command: 'account_import',
        body: { UserID: account },
      },
    });
    expect(imported.status()).toBe(201);
  }
  const sent = await page.request.post('/api/requests', {
    data: {
      environmentId: 'sandbox',
      service: 'openim',
      command: 'sendmsg',
      body: {
        SyncOtherMachine: 2,
        From_Account: 'cb_e2e_a',
        To_Account: 'cb_e2e_b',
        MsgRandom: 4242,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
      },
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);

  // No reload: the row arrives over the event stream.
  const list = page.getByRole('table', { name: 'Received callbacks' });
  const row = list.getByRole('row').filter({ hasText: 'C2C.CallbackAfterSendMsg' }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText('accepted');
  await row.getByRole('button').click();

  const detail = page.getByRole('region', { name: 'C2C.CallbackAfterSendMsg' });
  await expect(detail.getByRole('region', { name: 'Body' })).toContainText(text);
  await expect(detail.getByRole('region', { name: 'Answer' })).toContainText('"ActionStatus": "OK"');
  // Tencent ignores what an "after" callback is answered: no rule decides it, no outcome is shown.
  await expect(
    detail.getByRole('table', { name: 'Callback summary' }).getByRole('row', { name: /^Decided by/ }),
  ).toHaveCount(0);
  // The rehearsal's forward target is down: the failed delivery is shown as it is recorded.
  await expect(detail.getByRole('table', { name: 'Forward results' })).toContainText('connection refused');
  await expect(detail.getByRole('button', { name: 'Re-send' })).toBeVisible();
  // The message it carries, as the explorer's conversation view draws it (issue 16).
  await detail.getByText('Conversation (1)').click();
  const message = detail
    .getByRole('list', { name: 'Message of C2C.CallbackAfterSendMsg' })
    .getByTestId('conversation-message');
  await expect(message).toHaveCount(1);
  await expect(message).toContainText('cb_e2e_a');
  await expect(message).toContainText(text);

  await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
  await page.screenshot({ path: 'docs/screenshots/callbacks-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'docs/screenshots/callbacks-dark.png' });
});

test('an Alert.RequestOverLimit callback shows on the dashboard as a warning on its command', async ({
  page,
}) => {
  const { createHash } = await import('node:crypto');
  await signIn(page);
  const requestTime = String(Math.floor(Date.now() / 1000));
  const sign = createHash('sha256').update(`e2e-callback-token${requestTime}`).digest('hex');
  const query = new URLSearchParams({
    SdkAppid: '1400000099',
    CallbackCommand: 'Alert.RequestOverLimit',
    contenttype: 'json',
    ClientIP: '127.0.0.1',
    OptPlatform: 'RESTAPI',
    RequestTime: requestTime,
    Sign: sign,
  });
  const res = await page.request.post(`/callbacks/hooks-e2e?${query}`, {
    data: {
      CallbackCommand: 'Alert.RequestOverLimit',
      ServiceName: 'openim',
      Command: 'batchsendmsg',
      Request: 510,
      Limit: 200,
    },
  });
  expect(res.status(), await res.text()).toBe(200);

  await page.goto('/?range=1h');
  const panel = page.getByRole('region', { name: 'Callbacks' });
  await expect(panel.getByRole('alert')).toContainText('openim/batchsendmsg is near its rate limit');
  await expect(panel).toContainText('up to 510 calls against a limit of 200/s');
  await panel.getByRole('link', { name: 'See the alerts' }).click();
  await expect(page.getByRole('heading', { name: 'Callbacks', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Received callbacks' })).toContainText(
    'Alert.RequestOverLimit',
  );
});

/** Sends what is typed into the console's editor (the command's page is open); returns the Response region. */
async function sendFromConsole(page: Page, body: Record<string, unknown>) {
  await typeRequestBody(page, JSON.stringify(body));
  const sent = page.waitForResponse(
    (res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/requests',
  );
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  expect((await sent).status()).toBe(201);
  const response = page.getByRole('region', { name: 'Response' });
  await response.getByTestId('action-status').waitFor();
  return response;
}

/**
 * Opens, on the Callbacks page, the newest C2C.CallbackBeforeSendMsg whose answer says `reason`; its
 * row and its detail say what the answer decided (`outcome`) beside the verdict on the signature.
 */
async function openBeforeCallback(page: Page, reason: string, outcome: 'refused' | 'rewritten') {
  await page.goto('/callbacks?environmentId=prod-rehearsal&command=C2C.CallbackBeforeSendMsg');
  const row = page
    .getByRole('table', { name: 'Received callbacks' })
    .getByRole('row')
    .filter({ hasText: reason })
    .first();
  await expect(row).toContainText('accepted');
  await expect(row.getByText(outcome, { exact: true })).toBeVisible();
  await row.getByRole('button').click();
  const detail = page.getByRole('region', { name: 'C2C.CallbackBeforeSendMsg' });
  await expect(detail.getByText(outcome, { exact: true })).toBeVisible();
  return detail;
}

test('a deny rule refuses a message sent from the console with its code, and a rewrite rule changes what is stored', async ({
  page,
}) => {
  // Three editor pages and two Callbacks pages on a loaded machine.
  test.slow();
  const from = `mod_a_${Date.now()}`;
  const to = `mod_b_${Date.now()}`;
  await signIn(page, undefined, '/callbacks?environmentId=prod-rehearsal');
  // The rules are the environment's configuration (environments file); the page says what they do.
  const rules = page.getByRole('region', { name: 'Callback URL' });
  await expect(rules).toContainText('2 rule(s) for "before" callbacks');
  await expect(rules.getByRole('listitem').filter({ hasText: 'no links' })).toHaveText(
    'no links: deny C2C.CallbackBeforeSendMsg when MsgBody.0.MsgContent.Text contains "http://"',
  );
  await expect(rules.getByRole('listitem').filter({ hasText: 'mask swearing' })).toHaveText(
    'mask swearing: rewrite C2C.CallbackBeforeSendMsg when MsgBody.0.MsgContent.Text contains "darn"',
  );
  for (const account of [from, to]) {
    const imported = await page.request.post('/api/requests', {
      data: {
        environmentId: 'prod-rehearsal',
        service: 'im_open_login_svc',
        command: 'account_import',
        body: { UserID: account },
      },
    });
    expect(imported.status()).toBe(201);
  }

  // Deny: the send is refused with the rule's code, and the console says what that code means.
  await page.goto('/?env=prod-rehearsal&command=openim/sendmsg');
  const refused = await sendFromConsole(page, {
    SyncOtherMachine: 1,
    From_Account: from,
    To_Account: to,
    MsgRandom: 5101,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'cheap pills at http://spam.example' } }],
  });
  await expect(refused.getByTestId('action-status')).toHaveText('FAIL');
  await expect(refused.getByTestId('error-code')).toHaveText('120001');
  await expect(refused.getByTestId('error-explanation')).toContainText(
    'Custom error code 120001 returned by the app\'s own "before send C2C message" webhook',
  );

  // Rewrite: the send succeeds, and what is stored is the rule's text, as the roaming messages show.
  const sent = await sendFromConsole(page, {
    SyncOtherMachine: 1,
    From_Account: from,
    To_Account: to,
    MsgRandom: 5102,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'darn this queue' } }],
  });
  await expect(sent.getByTestId('action-status'), (await sent.textContent()) ?? undefined).toHaveText('OK');
  await page.goto('/?env=prod-rehearsal&command=openim/admin_getroammsg');
  const roaming = await sendFromConsole(page, {
    Operator_Account: from,
    Peer_Account: to,
    MaxCnt: 100,
    MinTime: 0,
    MaxTime: 4294967295,
  });
  await expect(roaming.getByTestId('action-status')).toHaveText('OK');
  await expect(roaming).toContainText('[removed by moderation]');
  await expect(roaming).not.toContainText('darn this queue');
  await expect(roaming).not.toContainText('http://spam.example');

  // The Callbacks page: each "before" callback with its answer and the rule that decided it.
  const denied = await openBeforeCallback(page, 'denied by rule "no links"', 'refused');
  const summary = denied.getByRole('table', { name: 'Callback summary' });
  await expect(summary.getByRole('row', { name: /^Verdict/ })).toContainText('denied by rule "no links"');
  await expect(summary.getByRole('row', { name: /^Decided by/ })).toContainText('rule "no links"');
  await expect(denied.getByRole('region', { name: 'Answer' })).toContainText('"ErrorCode": 120001');
  await expect(denied.getByRole('region', { name: 'Body' })).toContainText('http://spam.example');

  const rewritten = await openBeforeCallback(page, 'rewritten by rule "mask swearing"', 'rewritten');
  await expect(
    rewritten.getByRole('table', { name: 'Callback summary' }).getByRole('row', { name: /^Decided by/ }),
  ).toContainText('rule "mask swearing"');
  await expect(rewritten.getByRole('region', { name: 'Answer' })).toContainText('[removed by moderation]');
  await expect(rewritten.getByRole('region', { name: 'Answer' })).toContainText('"ErrorCode": 0');
});
