import { type CallbackEntry, callbackPageSchema } from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, obj, startHarness } from './support/harness';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startHarness({
    extraEnvironments: [{ id: 'rehearsal', label: 'Rehearsal', sandbox: true }],
  });
  admin = await h.signIn();
});
afterAll(async () => {
  await h.stop();
});

async function send(service: string, command: string, body: Record<string, unknown>) {
  const res = await h.call('POST', '/api/requests', {
    cookie: admin,
    json: { environmentId: 'sandbox', service, command, body },
  });
  expect(res.status, res.text).toBe(201);
  expect(obj(res.json).outcome, res.text).toBe('ok');
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
