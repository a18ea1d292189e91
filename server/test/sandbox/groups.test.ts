import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, type Json, list, startSandbox } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());
beforeEach(() => {
  h.clock.now = Date.now();
  h.reset();
});

const G = 'group_open_http_svc';
const PUB = '@TGS#1SANDBOXPUB';
const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const info = async (id: string): Promise<Json> => {
  const first = list(await h.call(`${G}/get_group_info`, { GroupIdList: [id] }), 'GroupInfo')[0];
  if (!first) throw new Error('no GroupInfo');
  return first;
};
const roles = async (id: string) =>
  Object.fromEntries(
    list(await h.call(`${G}/get_group_member_info`, { GroupId: id }), 'MemberList').map((m) => [
      m.Member_Account,
      m.Role,
    ]),
  );

describe('create_group', () => {
  it('creates a group with a generated id, its owner and initial members', async () => {
    const env = await h.call(`${G}/create_group`, {
      Owner_Account: 'ivan',
      Type: 'Work',
      Name: 'Ops',
      MemberList: [{ Member_Account: 'judy' }],
    });
    expect(env.ActionStatus).toBe('OK');
    expect(env.GroupId).toMatch(/^@TGS#/);
    expect(await info(String(env.GroupId))).toMatchObject({
      Type: 'Private',
      Name: 'Ops',
      Owner_Account: 'ivan',
      MemberNum: 2,
    });
  });

  it('accepts a custom id once: 10021 when it is taken, 10015 when malformed, 10004 without Name', async () => {
    const body = { Type: 'Public', Name: 'Custom', GroupId: 'my_group' };
    expect((await h.call(`${G}/create_group`, body)).GroupId).toBe('my_group');
    expect((await h.call(`${G}/create_group`, body)).ErrorCode).toBe(10021);
    expect((await h.call(`${G}/create_group`, { ...body, GroupId: 'bad id' })).ErrorCode).toBe(10015);
    expect((await h.call(`${G}/create_group`, { Type: 'Public' })).ErrorCode).toBe(10004);
    expect((await h.call(`${G}/create_group`, { Type: 'Club', Name: 'x' })).ErrorCode).toBe(10004);
  });
});

describe('get_appid_group_list', () => {
  it('pages with Limit and Next until Next is 0, and filters by GroupType', async () => {
    // The seed holds 8 groups: 4 of the demo app and 4 the catalog's examples name.
    const first = await h.call(`${G}/get_appid_group_list`, { Limit: 5, Next: 0 });
    expect(first).toMatchObject({ TotalCount: 8, Next: 5 });
    expect(list(first, 'GroupIdList')).toHaveLength(5);
    const second = await h.call(`${G}/get_appid_group_list`, { Limit: 5, Next: first.Next });
    expect(second).toMatchObject({ Next: 0 });
    expect(list(second, 'GroupIdList')).toHaveLength(3);
    const live = await h.call(`${G}/get_appid_group_list`, { GroupType: 'AVChatRoom' });
    expect(list(live, 'GroupIdList')).toEqual([
      { GroupId: '@TGS#aSANDBOXLIVE' },
      { GroupId: '@TGS#aXXXXXXXX' },
    ]);
  });

  it('answers 10004 for a bad Limit', async () => {
    expect((await h.call(`${G}/get_appid_group_list`, { Limit: 0 })).ErrorCode).toBe(10004);
  });
});

describe('get_group_info', () => {
  it('returns the group profile and members, with 10010 and 10015 per unknown or malformed id', async () => {
    const env = await h.call(`${G}/get_group_info`, { GroupIdList: [PUB, '@TGS#1NOSUCHGRP', 'bad id'] });
    const [pub, missing, bad] = list(env, 'GroupInfo');
    expect(pub).toMatchObject({
      GroupId: PUB,
      ErrorCode: 0,
      Type: 'Public',
      Owner_Account: 'alice',
      MemberNum: 5,
    });
    expect(missing).toMatchObject({ GroupId: '@TGS#1NOSUCHGRP', ErrorCode: 10010 });
    expect(bad).toMatchObject({ GroupId: 'bad id', ErrorCode: 10015 });
    expect((await h.call(`${G}/get_group_info`, {})).ErrorCode).toBe(10004);
  });
});

describe('get_group_member_info', () => {
  it('lists members with roles, paged by Limit and Offset', async () => {
    const env = await h.call(`${G}/get_group_member_info`, { GroupId: PUB, Limit: 2, Offset: 1 });
    expect(env.MemberNum).toBe(5);
    expect(list(env, 'MemberList').map((m) => m.Member_Account)).toEqual(['bob', 'carol']);
  });

  it('answers 10010 for an unknown group', async () => {
    expect((await h.call(`${G}/get_group_member_info`, { GroupId: 'gone' })).ErrorCode).toBe(10010);
  });
});

describe('add_group_member and delete_group_member', () => {
  it('adds members with a Result per account and removes them again', async () => {
    const env = await h.call(`${G}/add_group_member`, {
      GroupId: PUB,
      MemberList: [{ Member_Account: 'ivan' }, { Member_Account: 'bob' }, { Member_Account: 'ghost' }],
    });
    expect(list(env, 'MemberList')).toEqual([
      { Member_Account: 'ivan', Result: 1 },
      { Member_Account: 'bob', Result: 2 },
      { Member_Account: 'ghost', Result: 0 },
    ]);
    expect(
      (await h.call(`${G}/delete_group_member`, { GroupId: PUB, MemberToDel_Account: ['ivan'] }))
        .ActionStatus,
    ).toBe('OK');
    expect(await roles(PUB)).not.toHaveProperty('ivan');
  });

  it('answers 10010 for an unknown group and 10004 when deleting from an AVChatRoom', async () => {
    expect(
      (await h.call(`${G}/add_group_member`, { GroupId: 'gone', MemberList: [{ Member_Account: 'bob' }] }))
        .ErrorCode,
    ).toBe(10010);
    expect(
      (
        await h.call(`${G}/delete_group_member`, {
          GroupId: '@TGS#aSANDBOXLIVE',
          MemberToDel_Account: ['bob'],
        })
      ).ErrorCode,
    ).toBe(10004);
  });
});

describe('modify_group_base_info', () => {
  it('changes the name and notification and bumps InfoSeq', async () => {
    const before = await info(PUB);
    const env = await h.call(`${G}/modify_group_base_info`, {
      GroupId: PUB,
      Name: 'News',
      Notification: 'Read me',
    });
    expect(env.ActionStatus).toBe('OK');
    const after = await info(PUB);
    expect(after).toMatchObject({
      Name: 'News',
      Notification: 'Read me',
      InfoSeq: Number(before.InfoSeq) + 1,
    });
  });

  it('answers 10010 for an unknown group and 10004 for an invalid value', async () => {
    expect((await h.call(`${G}/modify_group_base_info`, { GroupId: 'gone', Name: 'x' })).ErrorCode).toBe(
      10010,
    );
    expect(
      (await h.call(`${G}/modify_group_base_info`, { GroupId: PUB, ShutUpAllMember: 'Yes' })).ErrorCode,
    ).toBe(10004);
  });
});

describe('change_group_owner', () => {
  it('makes a member the owner and the old owner a member', async () => {
    expect(
      (await h.call(`${G}/change_group_owner`, { GroupId: PUB, NewOwner_Account: 'carol' })).ActionStatus,
    ).toBe('OK');
    expect(await roles(PUB)).toMatchObject({ alice: 'Member', carol: 'Owner' });
    expect((await info(PUB)).Owner_Account).toBe('carol');
  });

  it('answers 10004 when the new owner is not a member and 10010 for an unknown group', async () => {
    expect(
      (await h.call(`${G}/change_group_owner`, { GroupId: PUB, NewOwner_Account: 'judy' })).ErrorCode,
    ).toBe(10004);
    expect(
      (await h.call(`${G}/change_group_owner`, { GroupId: 'gone', NewOwner_Account: 'judy' })).ErrorCode,
    ).toBe(10010);
  });
});

describe('forbid_send_msg and send_group_msg', () => {
  it('sends a message with the next MsgSeq, and a muted member gets 10017 until unmuted', async () => {
    const sent = await h.call(`${G}/send_group_msg`, {
      GroupId: PUB,
      From_Account: 'carol',
      Random: 1,
      MsgBody: text('hi'),
    });
    expect(sent).toMatchObject({ ActionStatus: 'OK', MsgSeq: 3 });
    await h.call(`${G}/forbid_send_msg`, { GroupId: PUB, Members_Account: ['carol'], MuteTime: 60 });
    const muted = await h.call(`${G}/send_group_msg`, {
      GroupId: PUB,
      From_Account: 'carol',
      Random: 2,
      MsgBody: text('x'),
    });
    expect(muted.ErrorCode).toBe(10017);
    h.clock.now += 61_000;
    const again = await h.call(`${G}/send_group_msg`, {
      GroupId: PUB,
      From_Account: 'carol',
      Random: 3,
      MsgBody: text('y'),
    });
    expect(again.ActionStatus).toBe('OK');
  });

  it('answers 10007 for a sender outside the group, 10010 for an unknown group, 10004 without MsgBody', async () => {
    const base = { GroupId: PUB, Random: 1, MsgBody: text('x') };
    expect((await h.call(`${G}/send_group_msg`, { ...base, From_Account: 'judy' })).ErrorCode).toBe(10007);
    expect((await h.call(`${G}/send_group_msg`, { ...base, GroupId: '@TGS#1NOSUCHGRP' })).ErrorCode).toBe(
      10010,
    );
    expect((await h.call(`${G}/send_group_msg`, { GroupId: PUB, Random: 1 })).ErrorCode).toBe(10004);
    expect(
      (await h.call(`${G}/forbid_send_msg`, { GroupId: 'gone', Members_Account: ['a'], MuteTime: 1 }))
        .ErrorCode,
    ).toBe(10010);
  });

  it('does not store a retried message (same Random and body within 60 s)', async () => {
    const body = { GroupId: PUB, Random: 77, MsgBody: text('once') };
    const first = await h.call(`${G}/send_group_msg`, body);
    const retry = await h.call(`${G}/send_group_msg`, body);
    expect(retry.MsgSeq).toBe(first.MsgSeq);
    expect((await info(PUB)).NextMsgSeq).toBe(Number(first.MsgSeq) + 1);
  });
});

describe('group_msg_get_simple and group_msg_recall', () => {
  it('returns history newest first and drops a recalled message', async () => {
    const env = await h.call(`${G}/group_msg_get_simple`, { GroupId: PUB, ReqMsgNumber: 20 });
    expect(env).toMatchObject({ GroupId: PUB, IsFinished: 1 });
    expect(list(env, 'RspMsgList').map((m) => m.MsgSeq)).toEqual([2, 1]);
    const recall = await h.call(`${G}/group_msg_recall`, {
      GroupId: PUB,
      MsgSeqList: [{ MsgSeq: 2 }, { MsgSeq: 99 }],
    });
    expect(list(recall, 'RecallRetList')).toEqual([
      { MsgSeq: 2, RetCode: 0 },
      { MsgSeq: 99, RetCode: 10030 },
    ]);
    const after = await h.call(`${G}/group_msg_get_simple`, { GroupId: PUB, ReqMsgNumber: 20 });
    expect(list(after, 'RspMsgList').map((m) => m.MsgSeq)).toEqual([1]);
  });

  it('answers 10004 without ReqMsgNumber and 10010 for an unknown group', async () => {
    expect((await h.call(`${G}/group_msg_get_simple`, { GroupId: PUB })).ErrorCode).toBe(10004);
    expect(
      (await h.call(`${G}/group_msg_recall`, { GroupId: 'gone', MsgSeqList: [{ MsgSeq: 1 }] })).ErrorCode,
    ).toBe(10010);
  });
});

describe('destroy_group and get_joined_group_list', () => {
  it('lists the groups an account is in, and a destroyed group leaves the list', async () => {
    const joined = async () =>
      list(await h.call(`${G}/get_joined_group_list`, { Member_Account: 'bob' }), 'GroupIdList').map(
        (g) => g.GroupId,
      );
    expect(await joined()).toEqual([PUB, '@TGS#2SANDBOXWRK']);
    expect((await h.call(`${G}/destroy_group`, { GroupId: PUB })).ActionStatus).toBe('OK');
    expect(await joined()).toEqual(['@TGS#2SANDBOXWRK']);
  });

  it('answers 10010 when destroying an unknown group and 10019 for an unknown member account', async () => {
    expect((await h.call(`${G}/destroy_group`, { GroupId: '@TGS#1NOSUCHGRP' })).ErrorCode).toBe(10010);
    expect((await h.call(`${G}/destroy_group`, { GroupId: '@TGS#!!' })).ErrorCode).toBe(10015);
    expect((await h.call(`${G}/get_joined_group_list`, { Member_Account: 'ghost' })).ErrorCode).toBe(10019);
  });
});
