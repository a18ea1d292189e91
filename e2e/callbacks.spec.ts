import { expect, signIn, test } from './helpers';

test.use({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });

test('a message sent on the sandbox shows up live on the Callbacks page as its after-send callback', async ({
  page,
}) => {
  await signIn(page, undefined, '/callbacks?environmentId=prod-rehearsal');
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
  // The rehearsal's forward target is down: the failed delivery is shown as it is recorded.
  await expect(detail.getByRole('table', { name: 'Forward results' })).toContainText('connection refused');
  await expect(detail.getByRole('button', { name: 'Re-send' })).toBeVisible();

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
