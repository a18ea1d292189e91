import { type CallbackEntry, callbackPageSchema } from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, obj, startHarness } from './support/harness';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startHarness({
    extraEnvironments: [
      {
        id: 'rehearsal',
        label: 'Rehearsal',
        sandbox: true,
        // A moderation hook rehearsed with rules only (decision 036), which the sandbox obeys (041).
        callback: {
          rules: [
            {
              name: 'no links',
              command: 'C2C.CallbackBeforeSendMsg',
              match: { path: 'MsgBody.0.MsgContent.Text', contains: 'http://' },
              action: 'deny',
              errorCode: 120042,
              errorInfo: 'links are not allowed',
            },
            {
              name: 'no spam',
              command: '*',
              match: { path: 'MsgBody.0.MsgContent.Text', contains: 'spam' },
              action: 'deny',
            },
            {
              name: 'mask',
              command: '*',
              match: { path: 'MsgBody.0.MsgContent.Text', contains: 'darn' },
              action: 'rewrite',
              answer: { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '[masked by the hook]' } }] },
            },
          ],
        },
      },
    ],
  });
  admin = await h.signIn();
});
afterAll(async () => {
  await h.stop();
});

async function call(
  service: string,
  command: string,
  body: Record<string, unknown>,
  environmentId = 'sandbox',
  harness: Harness = h,
  cookie: string = admin,
) {
  const res = await harness.call('POST', '/api/requests', {
    cookie,
    json: { environmentId, service, command, body },
  });
  expect(res.status, res.text).toBe(201);
  return obj(res.json);
}

async function send(service: string, command: string, body: Record<string, unknown>) {
  const entry = await call(service, command, body);
  expect(entry.outcome, JSON.stringify(entry)).toBe('ok');
}

/** Waits for the newest callback of a command on an environment. */
async function received(command: string, environmentId = 'sandbox'): Promise<CallbackEntry> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await h.call(
      'GET',
      `/api/callbacks?environmentId=${environmentId}&command=${command}&limit=1`,
      { cookie: admin },
    );
    const [first] = callbackPageSchema.parse(res.json).items;
    if (first) return first;
    if (Date.now() > deadline) throw new Error(`no ${command} callback on ${environmentId}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the sandbox raises callbacks to the console’s own receiver', () => {
  it('signs them so they are accepted, on every environment the sandbox serves', async () => {
    await send('im_open_login_svc', 'multiaccount_import', {
      AccountList: [{ UserID: 'cb_ann' }, { UserID: 'cb_ben' }, { UserID: 'cb_cid' }],
    });
    await send('openim', 'sendmsg', {
      SyncOtherMachine: 2,
      From_Account: 'cb_ann',
      To_Account: 'cb_ben',
      MsgRandom: 42,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello from the sandbox' } }],
    });
    for (const env of ['sandbox', 'rehearsal']) {
      const entry = await received('C2C.CallbackAfterSendMsg', env);
      expect(entry).toMatchObject({
        verdict: 'accepted',
        httpStatus: 200,
        body: {
          CallbackCommand: 'C2C.CallbackAfterSendMsg',
          From_Account: 'cb_ann',
          To_Account: 'cb_ben',
          MsgRandom: 42,
          MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello from the sandbox' } }],
        },
      });
      expect(entry.query).toMatchObject({ SdkAppid: '1400000001', OptPlatform: 'RESTAPI' });
    }
  });

  it('raises group create, join, message, exit and destroy', async () => {
    await send('group_open_http_svc', 'create_group', {
      Type: 'Public',
      Name: 'callbacks',
      GroupId: 'cb_group',
      Owner_Account: 'cb_ann',
    });
    expect((await received('Group.CallbackAfterCreateGroup')).body).toMatchObject({
      GroupId: 'cb_group',
      Type: 'Public',
      Owner_Account: 'cb_ann',
    });
    await send('group_open_http_svc', 'add_group_member', {
      GroupId: 'cb_group',
      MemberList: [{ Member_Account: 'cb_ben' }, { Member_Account: 'cb_cid' }],
    });
    expect((await received('Group.CallbackAfterNewMemberJoin')).body).toMatchObject({
      GroupId: 'cb_group',
      NewMemberList: [{ Member_Account: 'cb_ben' }, { Member_Account: 'cb_cid' }],
    });
    await send('group_open_http_svc', 'send_group_msg', {
      GroupId: 'cb_group',
      From_Account: 'cb_ben',
      Random: 7,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi all' } }],
    });
    expect((await received('Group.CallbackAfterSendMsg')).body).toMatchObject({
      GroupId: 'cb_group',
      From_Account: 'cb_ben',
      MsgSeq: expect.any(Number),
    });
    await send('group_open_http_svc', 'delete_group_member', {
      GroupId: 'cb_group',
      MemberToDel_Account: ['cb_cid'],
    });
    expect((await received('Group.CallbackAfterMemberExit')).body).toMatchObject({
      ExitType: 'Kicked',
      ExitMemberList: [{ Member_Account: 'cb_cid' }],
    });
    await send('group_open_http_svc', 'destroy_group', { GroupId: 'cb_group' });
    expect((await received('Group.CallbackAfterGroupDestroyed')).body).toMatchObject({ GroupId: 'cb_group' });
  });

  it('raises the state change of a kicked account and friends added and deleted', async () => {
    await send('im_open_login_svc', 'kick', { UserID: 'cb_ann' });
    expect((await received('State.StateChange')).body).toMatchObject({
      Info: { Action: 'Logout', To_Account: 'cb_ann', Reason: 'Kicked' },
    });
    await send('sns', 'friend_add', {
      From_Account: 'cb_ann',
      AddFriendItem: [{ To_Account: 'cb_ben', AddSource: 'AddSource_Type_Console' }],
      ForceAddFlags: 1,
    });
    expect((await received('Sns.CallbackFriendAdd')).body).toMatchObject({
      PairList: [{ From_Account: 'cb_ann', To_Account: 'cb_ben', Initiator_Account: 'cb_ann' }],
    });
    await send('sns', 'friend_delete', { From_Account: 'cb_ann', To_Account: ['cb_ben'] });
    expect((await received('Sns.CallbackFriendDelete')).body).toMatchObject({
      PairList: [{ From_Account: 'cb_ann', To_Account: 'cb_ben' }],
    });
  });
});

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

describe('the sandbox asks "before" callbacks and does what the answer says (decision 041)', () => {
  beforeAll(async () => {
    await call('im_open_login_svc', 'multiaccount_import', {
      AccountList: [{ UserID: 'mod_ann' }, { UserID: 'mod_ben' }],
    });
    await call('group_open_http_svc', 'create_group', {
      Type: 'Public',
      Name: 'moderated',
      GroupId: 'mod_group',
      Owner_Account: 'mod_ann',
      MemberList: [{ Member_Account: 'mod_ben' }],
    });
  });

  it('refuses a one-to-one message a deny rule answers with a custom code, with that code, and records both sides', async () => {
    const entry = await call(
      'openim',
      'sendmsg',
      {
        From_Account: 'mod_ann',
        To_Account: 'mod_ben',
        MsgRandom: 101,
        MsgBody: text('see http://spam.example'),
      },
      'rehearsal',
    );
    expect(entry).toMatchObject({ outcome: 'fail', errorCode: 120042, errorInfo: 'links are not allowed' });
    const asked = await received('C2C.CallbackBeforeSendMsg', 'rehearsal');
    expect(asked).toMatchObject({
      verdict: 'accepted',
      decidedBy: 'no links',
      answer: { ErrorCode: 120042 },
      body: { From_Account: 'mod_ann', To_Account: 'mod_ben', MsgBody: text('see http://spam.example') },
    });
    // Refused: nothing was stored, so no after-send callback and nothing in the roaming messages.
    const roam = await call(
      'openim',
      'admin_getroammsg',
      { Operator_Account: 'mod_ann', Peer_Account: 'mod_ben', MaxCnt: 100, MinTime: 0, MaxTime: 4294967295 },
      'rehearsal',
    );
    expect(obj(roam.response).MsgCnt).toBe(0);
  });

  it('answers 20006 for a deny without a custom code, and 10016 for a refused group message', async () => {
    const c2c = await call(
      'openim',
      'sendmsg',
      { From_Account: 'mod_ann', To_Account: 'mod_ben', MsgRandom: 102, MsgBody: text('buy spam now') },
      'rehearsal',
    );
    expect(c2c).toMatchObject({ outcome: 'fail', errorCode: 20006 });
    const group = await call(
      'group_open_http_svc',
      'send_group_msg',
      { GroupId: 'mod_group', From_Account: 'mod_ben', Random: 103, MsgBody: text('more spam') },
      'rehearsal',
    );
    expect(group).toMatchObject({ outcome: 'fail', errorCode: 10016 });
    expect(await received('Group.CallbackBeforeSendMsg', 'rehearsal')).toMatchObject({
      decidedBy: 'no spam',
      body: { GroupId: 'mod_group', Type: 'Public', From_Account: 'mod_ben', MsgBody: text('more spam') },
    });
  });

  it('stores the message a rewrite rule answers, as the roaming messages and the after-send callback show', async () => {
    const entry = await call(
      'openim',
      'sendmsg',
      { From_Account: 'mod_ben', To_Account: 'mod_ann', MsgRandom: 104, MsgBody: text('darn it') },
      'rehearsal',
    );
    expect(entry).toMatchObject({ outcome: 'ok', errorCode: 0 });
    const roam = await call(
      'openim',
      'admin_getroammsg',
      { Operator_Account: 'mod_ann', Peer_Account: 'mod_ben', MaxCnt: 100, MinTime: 0, MaxTime: 4294967295 },
      'rehearsal',
    );
    expect(obj(roam.response)).toMatchObject({
      MsgCnt: 1,
      MsgList: [{ From_Account: 'mod_ben', MsgBody: text('[masked by the hook]') }],
    });
    expect((await received('C2C.CallbackAfterSendMsg', 'rehearsal')).body).toMatchObject({
      From_Account: 'mod_ben',
      MsgBody: text('[masked by the hook]'),
    });
  });

  it('asks nothing about a message it would not send, and raises no after-send callback for a refused one (decision 052)', async () => {
    const count = async (command: string) => {
      const res = await h.call('GET', `/api/callbacks?environmentId=rehearsal&command=${command}&limit=100`, {
        cookie: admin,
      });
      return callbackPageSchema.parse(res.json).items.length;
    };
    const c2cBefore = await count('C2C.CallbackBeforeSendMsg');
    const groupBefore = await count('Group.CallbackBeforeSendMsg');
    // Tencent checks the accounts and the group before it asks the app (the callback carries the
    // group's Type; a missing group is a send failure of its own): the link would be denied, but the
    // unknown sender and the missing group answer first.
    const unknownSender = await call(
      'openim',
      'sendmsg',
      {
        From_Account: 'mod_nobody',
        To_Account: 'mod_ben',
        MsgRandom: 201,
        MsgBody: text('http://x.example'),
      },
      'rehearsal',
    );
    expect(unknownSender).toMatchObject({ outcome: 'fail', errorCode: 20003 });
    const noGroup = await call(
      'group_open_http_svc',
      'send_group_msg',
      {
        GroupId: 'mod_no_such_group',
        From_Account: 'mod_ben',
        Random: 202,
        MsgBody: text('http://x.example'),
      },
      'rehearsal',
    );
    expect(noGroup).toMatchObject({ outcome: 'fail', errorCode: 10010 });
    expect(await count('C2C.CallbackBeforeSendMsg')).toBe(c2cBefore);
    expect(await count('Group.CallbackBeforeSendMsg')).toBe(groupBefore);

    // Refused by the "before" callback: no after-send callback (Tencent documents the same). An
    // allowed message sent next is raised; the refused one, sent first, never is.
    const refused = await call(
      'openim',
      'sendmsg',
      { From_Account: 'mod_ann', To_Account: 'mod_ben', MsgRandom: 203, MsgBody: text('http://x.example') },
      'rehearsal',
    );
    expect(refused).toMatchObject({ outcome: 'fail', errorCode: 120042 });
    const allowed = await call(
      'openim',
      'sendmsg',
      { From_Account: 'mod_ann', To_Account: 'mod_ben', MsgRandom: 204, MsgBody: text('no link here') },
      'rehearsal',
    );
    expect(allowed).toMatchObject({ outcome: 'ok' });
    const deadline = Date.now() + 20_000;
    let randoms: unknown[] = [];
    while (!randoms.includes(204)) {
      if (Date.now() > deadline) throw new Error('the allowed message raised no after-send callback');
      const res = await h.call(
        'GET',
        '/api/callbacks?environmentId=rehearsal&command=C2C.CallbackAfterSendMsg&limit=100',
        { cookie: admin },
      );
      randoms = callbackPageSchema.parse(res.json).items.map((item) => obj(item.body).MsgRandom);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(randoms).not.toContain(203);
  });

  it('lets a message no rule refuses through, and asks only the calling environment', async () => {
    const before = await h.call(
      'GET',
      '/api/callbacks?environmentId=sandbox&command=C2C.CallbackBeforeSendMsg',
      {
        cookie: admin,
      },
    );
    const askedBefore = callbackPageSchema.parse(before.json).items.length;
    const entry = await call(
      'openim',
      'sendmsg',
      { From_Account: 'mod_ann', To_Account: 'mod_ben', MsgRandom: 105, MsgBody: text('hello, no links') },
      'rehearsal',
    );
    expect(entry).toMatchObject({ outcome: 'ok', errorCode: 0, errorInfo: '' });
    expect(await received('C2C.CallbackBeforeSendMsg', 'rehearsal')).toMatchObject({
      decidedBy: null,
      answer: { ErrorCode: 0 },
      body: { MsgRandom: 105 },
    });
    const after = await h.call(
      'GET',
      '/api/callbacks?environmentId=sandbox&command=C2C.CallbackBeforeSendMsg',
      {
        cookie: admin,
      },
    );
    expect(callbackPageSchema.parse(after.json).items.length).toBe(askedBefore);
  });
});

describe('the sandbox on a silent receiver and near a rate limit (decision 041)', () => {
  let s: Harness;
  let cookie: string;
  let clock = Date.now();

  beforeAll(async () => {
    s = await startHarness({
      extraEnvironments: [
        { id: 'tight', label: 'Tight limits', sandbox: true, rateLimits: { 'profile/portrait_get': 10 } },
      ],
      // The sandbox's second stands still, so ten calls fall in one window however slow the machine;
      // no answer can arrive within 0 ms, so every "before" callback goes unanswered.
      serverOptions: { sandboxNow: () => clock, sandboxBeforeCallbackTimeoutMs: 0 },
    });
    cookie = await s.signIn();
  });
  afterAll(async () => {
    await s.stop();
  });

  it('sends the message when the receiver does not answer in time, as Tencent does, and says so', async () => {
    await call(
      'im_open_login_svc',
      'multiaccount_import',
      { AccountList: [{ UserID: 'slow_a' }, { UserID: 'slow_b' }] },
      'sandbox',
      s,
      cookie,
    );
    const entry = await call(
      'openim',
      'sendmsg',
      { From_Account: 'slow_a', To_Account: 'slow_b', MsgRandom: 7, MsgBody: text('anyone there?') },
      'sandbox',
      s,
      cookie,
    );
    expect(entry).toMatchObject({ outcome: 'ok', errorCode: 0 });
    expect(entry.errorInfo).toBe(
      'the C2C.CallbackBeforeSendMsg callback was not answered within 0 s: sent, as Tencent does',
    );
    const roam = await call(
      'openim',
      'admin_getroammsg',
      { Operator_Account: 'slow_a', Peer_Account: 'slow_b', MaxCnt: 10, MinTime: 0, MaxTime: 4294967295 },
      'sandbox',
      s,
      cookie,
    );
    expect(obj(roam.response).MsgCnt).toBe(1);
  });

  it('raises Alert.RequestOverLimit once per command and second past 80 % of the limit, counted in the summary', async () => {
    clock = Date.now();
    const body = { To_Account: ['administrator'], TagList: ['Tag_Profile_IM_Nick'] };
    for (let i = 0; i < 10; i++) {
      expect((await call('profile', 'portrait_get', body, 'tight', s, cookie)).outcome).toBe('ok');
    }
    const alerts = async () => {
      const res = await s.call('GET', '/api/callbacks?environmentId=tight&command=Alert.RequestOverLimit', {
        cookie,
      });
      return callbackPageSchema.parse(res.json).items;
    };
    const deadline = Date.now() + 20_000;
    while ((await alerts()).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const [alert, ...more] = await alerts();
    expect(more).toEqual([]);
    // The ninth call of ten passed 8; the tenth, in the same second, raised nothing more.
    expect(alert).toMatchObject({
      verdict: 'accepted',
      body: {
        CallbackCommand: 'Alert.RequestOverLimit',
        ServiceName: 'profile',
        Command: 'portrait_get',
        Request: 9,
        Limit: 10,
      },
    });
    const summary = await s.call('GET', '/api/callbacks/summary?environmentId=tight', { cookie });
    expect(obj(summary.json).overLimit).toEqual([
      expect.objectContaining({
        service: 'profile',
        command: 'portrait_get',
        alerts: 1,
        request: 9,
        limit: 10,
      }),
    ]);

    // The next second is a new window: passing 80 % again raises one more alert. The console's own
    // limiter (a sliding second plus a margin) needs a real pause before ten more calls.
    await new Promise((r) => setTimeout(r, 1_200));
    clock += 1_000;
    for (let i = 0; i < 9; i++) await call('profile', 'portrait_get', body, 'tight', s, cookie);
    const until = Date.now() + 20_000;
    while ((await alerts()).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await alerts()).toHaveLength(2);
  });
});
