import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, type Json, list, startSandbox } from './harness';

// Per family: what one command writes, the reading commands see. Each test starts from the seed.

let h: Harness;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const G = 'group_open_http_svc';
const GROUP = '@TGS#1NVTZEAE4';
const COMMUNITY = '@TGS#_@TGS#cV6IHIIM62C4';
const KEY = '31906_833502_1572869830';
const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

async function ok(path: string, body: unknown): Promise<Json> {
  const env = await h.call(path, body);
  if (env.ErrorCode !== 0) throw new Error(`${path} answered ${JSON.stringify(env)}`);
  return env;
}

function response(env: Json): Json {
  const r = env.Response;
  if (typeof r !== 'object' || r === null || Array.isArray(r))
    throw new Error(`no Response in ${JSON.stringify(env)}`);
  return { ...r };
}

describe('one-to-one messages', () => {
  it('modify changes the body roaming returns; one-way delete hides it from the operator only', async () => {
    await ok('openim/modify_c2c_msg', {
      From_Account: 'user1',
      To_Account: 'user2',
      MsgKey: KEY,
      MsgBody: text('edited'),
    });
    const roam = (op: string, peer: string) =>
      h.call('openim/admin_getroammsg', {
        Operator_Account: op,
        Peer_Account: peer,
        MinTime: 0,
        MaxTime: 2_000_000_000,
      });
    const before = list(await roam('user1', 'user2'), 'MsgList');
    expect(before.find((m) => m.MsgKey === KEY)?.MsgBody).toEqual(text('edited'));

    await ok('openim/delete_c2c_msg_ramble', {
      Operator_Account: 'user1',
      Peer_Account: 'user2',
      MsgKeyList: [KEY],
    });
    expect(list(await roam('user1', 'user2'), 'MsgList').map((m) => m.MsgKey)).not.toContain(KEY);
    expect(list(await roam('user2', 'user1'), 'MsgList').map((m) => m.MsgKey)).toContain(KEY);
  });

  it('a read receipt marks the message read for the sender; an unknown message is listed in ErrorList', async () => {
    const sent = await ok('openim/sendmsg', {
      From_Account: 'user1',
      To_Account: 'user2',
      MsgRandom: 7,
      MsgBody: text('hi'),
    });
    const unread = async () =>
      (await h.call('openim/get_c2c_unread_msg_num', { To_Account: 'user2', Peer_Account: ['user1'] }))
        .AllC2CUnreadMsgNum;
    expect(await unread()).toBe(1);
    const receipt = await ok('openim/c2c_msg_read_receipt', {
      Operator_Account: 'user2',
      Peer_Account: 'user1',
      C2CMsgInfo: [
        { From_Account: 'user1', To_Account: 'user2', MsgKey: sent.MsgKey },
        { From_Account: 'user1', To_Account: 'user2', MsgKey: '1_2_3' },
      ],
    });
    expect(receipt.ErrorList).toEqual([{ MsgKey: '1_2_3', ErrorCode: 20001 }]);
    expect(await unread()).toBe(0);
    const roam = await h.call('openim/admin_getroammsg', {
      Operator_Account: 'user1',
      Peer_Account: 'user2',
      MinTime: 0,
      MaxTime: 2_000_000_000,
    });
    expect(list(roam, 'MsgList').find((m) => m.MsgKey === sent.MsgKey)?.IsPeerRead).toBe(1);
  });

  it('answers the reference codes for a missing field, an unknown sender and an unknown message', async () => {
    expect((await h.call('openim/modify_c2c_msg', { From_Account: 'user1' })).ErrorCode).toBe(90003);
    const base = { From_Account: 'ghost', To_Account: 'user2', MsgKey: KEY, MsgBody: text('x') };
    expect((await h.call('openim/modify_c2c_msg', base)).ErrorCode).toBe(20003);
    expect(
      (await h.call('openim/modify_c2c_msg', { ...base, From_Account: 'user1', MsgKey: '9_9_9' })).ErrorCode,
    ).toBe(20001);
  });
});

describe('message extensions', () => {
  it('set, delete and clear are seen by get with increasing sequences, for one-to-one and group messages', async () => {
    const c2c = { From_Account: 'user1', To_Account: 'user2', MsgKey: KEY };
    await ok('openim_msg_ext_http_svc/set_key_values', {
      ...c2c,
      OperateType: 1,
      ExtensionList: [{ Key: 'like', Value: '3' }],
    });
    let got = await ok('openim_msg_ext_http_svc/get_key_values', { ...c2c, StartSeq: 1 });
    expect(list(got, 'ExtensionList')).toEqual([
      { Key: 'k0', Value: 'v0', Seq: 1 },
      { Key: 'like', Value: '3', Seq: 2 },
    ]);
    await ok('openim_msg_ext_http_svc/set_key_values', {
      ...c2c,
      OperateType: 2,
      ExtensionList: [{ Key: 'k0' }],
    });
    got = await ok('openim_msg_ext_http_svc/get_key_values', { ...c2c, StartSeq: 1 });
    expect(list(got, 'ExtensionList').map((e) => e.Key)).toEqual(['like']);
    expect(got.LatestSeq).toBe(3);

    const grp = { GroupId: GROUP, MsgSeq: 100 };
    await ok('openim_msg_ext_http_svc/group_set_key_values', { ...grp, OperateType: 3 });
    expect(list(await ok('openim_msg_ext_http_svc/group_get_key_values', grp), 'ExtensionList')).toEqual([]);
    expect(
      (await h.call('openim_msg_ext_http_svc/group_get_key_values', { GroupId: GROUP, MsgSeq: 999 }))
        .ErrorCode,
    ).toBe(10030);
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect(
      (
        await h.call('openim_msg_ext_http_svc/group_set_key_values', {
          ...grp,
          OperateType: 1,
          ExtensionList: tooMany,
        })
      ).ErrorCode,
    ).toBe(10004);
  });
});

describe('push', () => {
  it('records every accepted push with the accounts its condition targets; the trace reads it back', async () => {
    await ok('all_member_push/im_add_tag', { UserTags: [{ To_Account: 'user2', Tags: ['vip'] }] });
    expect(list(await ok('all_member_push/im_get_tag', { To_Account: ['user2'] }), 'UserTags')).toEqual([
      { To_Account: 'user2', Tags: ['vip'] },
    ]);
    const pushed = await ok('all_member_push/im_push', {
      MsgRandom: 1,
      MsgBody: text('sale'),
      Condition: { TagsOr: ['vip', 'tag1'] },
    });
    const trace = await ok('timpush/all_member_push_trace', { TaskID: pushed.TaskId });
    // user1 carries tag1 in the seed, user2 now carries vip.
    expect(trace).toMatchObject({ TaskID: pushed.TaskId, TargetNum: 2, Command: 'all_member_push/im_push' });

    const batch = await ok('timpush/batch', {
      To_Account: ['user1', 'ghost'],
      MsgRandom: 2,
      OfflinePushInfo: { Title: 't' },
    });
    expect(batch.ErrorList).toEqual([{ To_Account: 'ghost', ErrorCode: 90012 }]);
    expect(await ok('timpush/normal_push_trace', { PushID: batch.TaskId })).toMatchObject({
      TargetNum: 1,
      To_Account: ['user1'],
    });
    expect((await h.call('timpush/normal_push_trace', { PushID: 'nope' })).ErrorCode).toBe(90001);
  });

  it('user attributes need names set first, and removal is seen by get', async () => {
    expect(
      (
        await h.call('all_member_push/im_set_attr', {
          UserAttrs: [{ To_Account: 'user2', Attrs: { age: '3' } }],
        })
      ).ErrorCode,
    ).toBe(90001);
    await ok('all_member_push/im_set_attr_name', { AttrNames: { '2': 'age' } });
    expect((await ok('all_member_push/im_get_attr_name', {})).AttrNames).toEqual({
      '0': 'sex',
      '1': 'city',
      '2': 'age',
    });
    await ok('all_member_push/im_set_attr', {
      UserAttrs: [{ To_Account: 'user2', Attrs: { age: '3', city: 'SG' } }],
    });
    await ok('all_member_push/im_remove_attr', { UserAttrs: [{ To_Account: 'user2', Attrs: ['city'] }] });
    expect(list(await ok('all_member_push/im_get_attr', { To_Account: ['user2'] }), 'UserAttrs')).toEqual([
      { To_Account: 'user2', Attrs: { age: '3' } },
    ]);
    expect((await h.call('all_member_push/im_get_attr', { To_Account: ['ghost'] })).ErrorCode).toBe(90012);
  });
});

describe('relationships and follow', () => {
  it('friend_update, friend lists and checks see each other', async () => {
    await ok('sns/friend_update', {
      From_Account: 'user1',
      UpdateItem: [{ To_Account: 'user3', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'Three' }] }],
    });
    const got = await ok('sns/friend_get_list', {
      From_Account: 'user1',
      To_Account: ['user3'],
      TagList: ['Tag_SNS_IM_Remark'],
    });
    expect(list(got, 'InfoItem')[0]?.SnsProfileItem).toEqual([{ Tag: 'Tag_SNS_IM_Remark', Value: 'Three' }]);

    await ok('sns/group_add', { From_Account: 'user1', GroupName: ['work'], To_Account: ['user3'] });
    const lists = await ok('sns/group_get', { From_Account: 'user1', NeedFriend: 'Need_Friend_Type_Yes' });
    expect(list(lists, 'ResultItem')).toEqual([
      { GroupName: 'group1', FriendNumber: 1, To_Account: ['user2'] },
      { GroupName: 'work', FriendNumber: 1, To_Account: ['user3'] },
    ]);
    await ok('sns/group_delete', { From_Account: 'user1', GroupName: ['work'] });
    expect((await h.call('sns/group_delete', { From_Account: 'user1', GroupName: ['work'] })).ErrorCode).toBe(
      32218,
    );

    const check = await ok('sns/friend_check', {
      From_Account: 'user1',
      To_Account: ['user2', 'user4'],
      CheckType: 'CheckResult_Type_Both',
    });
    expect(list(check, 'InfoItem').map((i) => i.Relation)).toEqual([
      'CheckResult_Type_BothWay',
      'CheckResult_Type_NoRelation',
    ]);
    await ok('sns/friend_delete_all', { From_Account: 'user1', DeleteType: 'Delete_Type_Single' });
    const after = await ok('sns/friend_check', {
      From_Account: 'user1',
      To_Account: ['user2'],
      CheckType: 'CheckResult_Type_Both',
    });
    expect(list(after, 'InfoItem')[0]?.Relation).toBe('CheckResult_Type_BWithA');

    const black = await ok('sns/black_list_check', {
      From_Account: 'user1',
      To_Account: ['user5'],
      CheckType: 'BlackCheckResult_Type_Both',
    });
    expect(list(black, 'BlackListCheckItem')[0]?.Relation).toBe('BlackCheckResult_Type_AWithB');
  });

  it('follow_add and follow_delete are seen by follow_get, follow_check and the counts', async () => {
    await ok('follow/follow_add', { From_Account: 'user2', FollowItem: [{ To_Account: 'user1' }] });
    const following = await ok('follow/follow_get', { From_Account: 'user1', FollowType: 3 });
    expect(list(following, 'FollowItem').map((f) => f.To_Account)).toEqual(['user2']);
    const check = await ok('follow/follow_check', { From_Account: 'user1', To_Account: ['user2', 'user3'] });
    expect(list(check, 'ResultItem').map((r) => r.FollowType)).toEqual([3, 1]);
    const info = await ok('follow/follow_get_info', { From_Account: 'user1', To_Account: ['user1'] });
    expect(list(info, 'FollowInfo')[0]).toMatchObject({
      FollowingCount: 1,
      FollowerCount: 2,
      MutualFollowingCount: 1,
    });
    await ok('follow/follow_delete', { From_Account: 'user1', To_Account: ['user2'] });
    const followers = await ok('follow/follow_get', { From_Account: 'user2', FollowType: 2 });
    expect(list(followers, 'FollowItem')).toEqual([]);
    expect(
      (await h.call('follow/follow_add', { From_Account: 'ghost', FollowItem: [{ To_Account: 'user1' }] }))
        .ErrorCode,
    ).toBe(30003);
  });
});

describe('conversation groups and marks', () => {
  it('create, rename, search and delete conversation groups; marks accumulate', async () => {
    await ok('recentcontact/create_contact_group', {
      From_Account: 'user1',
      GroupContactItem: [{ GroupName: 'work', ContactItem: [{ Type: 2, ToGroupId: GROUP }] }],
    });
    await ok('recentcontact/update_contact_group', {
      From_Account: 'user1',
      UpdateType: 1,
      UpdateGroup: { UpdateGroupType: 1, OldGroupName: 'work', NewGroupName: 'office' },
    });
    const found = await ok('recentcontact/search_contact_group', {
      From_Account: 'user1',
      ContactItem: [{ Type: 2, ToGroupId: GROUP }],
    });
    expect(list(found, 'ContactResultItem')[0]?.ContactGroupItem).toEqual([
      { GroupName: 'office', GroupId: 3 },
    ]);
    await ok('recentcontact/del_contact_group', { From_Account: 'user1', GroupName: ['office'] });
    const groups = await ok('recentcontact/get_contact_group', { From_Account: 'user1', StartIndex: 0 });
    expect(list(groups, 'ContactGroupItem').map((g) => g.GroupName)).toEqual(['group1', 'group2']);

    const contact = { Type: 1, To_Account: 'user2' };
    await ok('recentcontact/mark_contact', {
      From_Account: 'user1',
      MarkItem: [{ OptType: 1, ContactItem: contact, SetMark: [1] }],
    });
    const marked = await ok('recentcontact/mark_contact', {
      From_Account: 'user1',
      MarkItem: [{ OptType: 1, ContactItem: contact, SetMark: [3] }],
    });
    expect(list(marked, 'MarkResultItem')[0]?.MarkValue).toEqual([1, 3]);
    expect((await h.call('recentcontact/get_contact_group', { From_Account: 'ghost' })).ErrorCode).toBe(
      50001,
    );
  });
});

describe('groups', () => {
  it('member roles, custom fields, mute, bans and unread counts are seen by the reading commands', async () => {
    await ok(`${G}/modify_group_member_info`, {
      GroupId: GROUP,
      Member_Account: 'user2',
      Role: 'Admin',
      NameCard: 'Two',
      AppMemberDefinedData: [{ Key: 'level', Value: 'gold' }],
    });
    const spec = await ok(`${G}/get_specified_group_member_info`, {
      GroupId: GROUP,
      Member_List_Account: ['user2'],
    });
    expect(list(spec, 'MemberList')[0]).toMatchObject({
      Role: 'Admin',
      NameCard: 'Two',
      AppMemberDefinedData: [{ Key: 'level', Value: 'gold' }],
    });
    const roles = await ok(`${G}/get_role_in_group`, {
      GroupId: GROUP,
      User_Account: ['user1', 'user2', 'user4'],
    });
    expect(list(roles, 'UserIdList').map((r) => r.Role)).toEqual(['Owner', 'Admin', 'NotMember']);

    await ok(`${G}/forbid_send_msg`, { GroupId: GROUP, Members_Account: ['user3'], MuteTime: 60 });
    expect(
      list(await ok(`${G}/get_group_muted_account`, { GroupId: GROUP }), 'ShuttedUinList').map(
        (m) => m.Member_Account,
      ),
    ).toEqual(['user3']);
    h.clock.now += 61_000;
    expect(list(await ok(`${G}/get_group_shutted_uin`, { GroupId: GROUP }), 'ShuttedUinList')).toEqual([]);

    await ok(`${G}/ban_group_member`, {
      GroupId: GROUP,
      Members_Account: ['user3'],
      Duration: 100,
      Description: 'spam',
    });
    const bans = await ok(`${G}/get_group_ban_member`, { GroupId: GROUP });
    expect(list(bans, 'BannedAccountList')).toMatchObject([{ Member_Account: 'user3', Description: 'spam' }]);
    expect(
      list(await ok(`${G}/get_role_in_group`, { GroupId: GROUP, User_Account: ['user3'] }), 'UserIdList')[0]
        ?.Role,
    ).toBe('NotMember');
    await ok(`${G}/unban_group_member`, { GroupId: GROUP, Members_Account: ['user3'] });
    expect(list(await ok(`${G}/get_group_ban_member`, { GroupId: GROUP }), 'BannedAccountList')).toEqual([]);
    expect(
      (await h.call(`${G}/ban_group_member`, { GroupId: GROUP, Members_Account: ['user1'], Duration: 5 }))
        .ErrorCode,
    ).toBe(10004);

    await ok(`${G}/set_unread_msg_num`, { GroupId: GROUP, Member_Account: 'user2', UnreadMsgNum: 5 });
    expect(
      (await h.call(`${G}/set_unread_msg_num`, { GroupId: GROUP, Member_Account: 'user4', UnreadMsgNum: 5 }))
        .ErrorCode,
    ).toBe(10007);
  });

  it('import_group keeps CreateTime; import_group_member adds with roles and reports existing members', async () => {
    const created = await ok(`${G}/import_group`, {
      Owner_Account: 'user1',
      Type: 'Public',
      Name: 'Old',
      CreateTime: 1_600_000_000,
    });
    const info = await ok(`${G}/get_group_info`, { GroupIdList: [created.GroupId] });
    expect(list(info, 'GroupInfo')[0]?.CreateTime).toBe(1_600_000_000);
    const imported = await ok(`${G}/import_group_member`, {
      GroupId: created.GroupId,
      MemberList: [
        { Member_Account: 'user2', Role: 'Admin', JoinTime: 1_600_000_100 },
        { Member_Account: 'user1' },
        { Member_Account: 'ghost' },
      ],
    });
    expect(list(imported, 'MemberList').map((m) => m.Result)).toEqual([1, 2, 0]);
    const members = await ok(`${G}/get_group_member_info`, { GroupId: created.GroupId });
    expect(list(members, 'MemberList').find((m) => m.Member_Account === 'user2')).toMatchObject({
      Role: 'Admin',
      JoinTime: 1_600_000_100,
    });
  });

  it('attributes and counters: set replaces, modify merges, delete and clear remove; limits answer 10004', async () => {
    await ok(`${G}/modify_group_attr`, { GroupId: GROUP, GroupAttr: [{ key: 'a', value: '1' }] });
    const attrs = async () =>
      list(await ok('group_open_attr_http_svc/get_group_attr', { GroupId: GROUP }), 'GroupAttrAry');
    expect(await attrs()).toEqual([
      { key: 'attr_key1', value: 'attr_val1' },
      { key: 'a', value: '1' },
    ]);
    await ok(`${G}/set_group_attr`, { GroupId: GROUP, GroupAttr: [{ key: 'b', value: '2' }] });
    expect(await attrs()).toEqual([{ key: 'b', value: '2' }]);
    await ok(`${G}/delete_group_attr`, { GroupId: GROUP, GroupAttr: [{ key: 'b' }] });
    expect(await attrs()).toEqual([]);
    const seventeen = Array.from({ length: 17 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect((await h.call(`${G}/set_group_attr`, { GroupId: GROUP, GroupAttr: seventeen })).ErrorCode).toBe(
      10004,
    );

    const up = await ok(`${G}/update_group_counter`, {
      GroupId: GROUP,
      GroupCounter: [{ Key: 'like', Value: 5 }],
      Mode: 'Increase',
    });
    expect(up.GroupCounter).toEqual([{ Key: 'like', Value: 15 }]);
    expect(
      (
        await h.call(`${G}/update_group_counter`, {
          GroupId: GROUP,
          GroupCounter: [{ Key: 'like', Value: 99 }],
          Mode: 'Decrease',
        })
      ).ErrorCode,
    ).toBe(10004);
    await ok(`${G}/delete_group_counter`, { GroupId: GROUP, GroupCounterKeys: ['like'] });
    expect((await ok(`${G}/get_group_counter`, { GroupId: GROUP })).GroupCounter).toEqual([]);
  });

  it('group messages: import, modify, delete by sender, clear and read receipts are seen by history', async () => {
    const history = async () =>
      list(await ok(`${G}/group_msg_get_simple`, { GroupId: GROUP, ReqMsgNumber: 20 }), 'RspMsgList');
    // A system notification is not a chat message: the history does not show it.
    const before = await history();
    await ok(`${G}/send_group_system_notification`, { GroupId: GROUP, Content: 'maintenance' });
    expect(await history()).toEqual(before);
    const imported = await ok(`${G}/import_group_msg`, {
      GroupId: GROUP,
      MsgList: [{ From_Account: 'user2', SendTime: 1_600_000_000, Random: 1, MsgBody: text('old') }],
    });
    expect(list(imported, 'ImportMsgResult')[0]).toMatchObject({ MsgSeq: 111, Result: 0 });
    await ok('openim/modify_group_msg', { GroupId: GROUP, MsgSeq: 110, MsgBody: text('edited') });
    expect((await history()).find((m) => m.MsgSeq === 110)?.MsgBody).toEqual(text('edited'));
    await ok(`${G}/delete_group_msg_by_sender`, { GroupId: GROUP, Sender_Account: 'user2' });
    expect((await history()).some((m) => m.From_Account === 'user2')).toBe(false);

    await ok(`${G}/group_msg_receipt`, {
      GroupId: GROUP,
      From_Account: 'user2',
      MsgSeqList: [{ MsgSeq: 100 }],
    });
    const receipts = await ok(`${G}/get_group_msg_receipt`, {
      GroupId: GROUP,
      MsgSeqList: [{ MsgSeq: 100 }],
    });
    expect(list(receipts, 'GroupMsgReceiptList')[0]).toMatchObject({ ReadNum: 1, UnreadNum: 1 });
    const unread = await ok(`${G}/get_group_msg_receipt_detail`, { GroupId: GROUP, MsgSeq: 100, Filter: 1 });
    expect(unread.UnreadList).toEqual([{ Member_Account: 'user3' }]);

    await ok(`${G}/clear_group_msg`, { GroupId: GROUP });
    expect(await history()).toEqual([]);
  });

  it('AVChatRoom: marks, admins and membership checks', async () => {
    const AV = '@TGS#aXXXXXXXX';
    const AVS = 'group_open_avchatroom_http_svc';
    await ok(`${AVS}/modify_user_info`, {
      GroupId: AV,
      CommandType: 1,
      MemberList: [{ Member_Account: 'user2', Marks: [1001] }],
    });
    const members = await ok(`${AVS}/get_members`, { GroupId: AV, Timestamp: 0 });
    expect(list(members, 'MemberList').find((m) => m.Member_Account === 'user2')?.Marks).toEqual([1001]);
    await ok(`${AVS}/modify_admin`, { GroupId: AV, CommandType: 1, Admin_Account: ['user3'] });
    expect((await ok(`${AVS}/get_admin_list`, { GroupId: AV })).AdminList).toEqual([
      { Member_Account: 'user3' },
    ]);
    expect(
      list(
        await ok(`${AVS}/check_members`, { GroupId: AV, Member_Account: ['user2', 'user5'] }),
        'MemberList',
      ).map((m) => m.IsMember),
    ).toEqual([1, 0]);
    expect((await ok(`${G}/get_online_member_num`, { GroupId: AV })).OnlineMemberNum).toBe(3);
    expect((await h.call(`${AVS}/get_members`, { GroupId: GROUP })).ErrorCode).toBe(10007);
  });
});

describe('community topics and permission groups', () => {
  it('topics and permission groups are created, modified, linked and destroyed', async () => {
    const topic = await ok('million_group_open_http_svc/create_topic', {
      GroupId: COMMUNITY,
      TopicName: 'News',
      TopicId: 'news',
    });
    expect(topic.TopicId).toBe(`${COMMUNITY}@TOPIC#_news`);
    await ok('million_group_open_http_svc/modify_topic', {
      GroupId: COMMUNITY,
      TopicId: topic.TopicId,
      Notification: 'read me',
    });
    const topics = await ok('million_group_open_http_svc/get_topic', {
      GroupId: COMMUNITY,
      TopicIdList: [topic.TopicId],
    });
    expect(list(topics, 'TopicInfo')[0]).toMatchObject({
      TopicName: 'News',
      Notification: 'read me',
      ErrorCode: 0,
    });

    const pg = await ok(`${G}/create_permission_group`, {
      GroupId: COMMUNITY,
      PermissionGroupName: 'editors',
      Permission: 3,
    });
    const pgId = String(pg.PermissionGroupId);
    await ok(`${G}/add_topic_permission_group`, {
      GroupId: COMMUNITY,
      PermissionGroupId: pgId,
      TopicPermissionList: [{ TopicId: topic.TopicId, Permission: 7 }],
    });
    await ok(`${G}/add_permission_group_member`, {
      GroupId: COMMUNITY,
      PermissionGroupId: pgId,
      MemberList: [{ Member_Account: 'user2' }],
    });
    const members = await ok(`${G}/get_permission_group_member_list`, {
      GroupId: COMMUNITY,
      PermissionGroupId: pgId,
    });
    expect(members.MemberList).toEqual([{ Member_Account: 'user2' }]);
    const perms = await ok(`${G}/get_topic_permission_group`, {
      GroupId: COMMUNITY,
      PermissionGroupId: pgId,
    });
    expect(perms.TopicPermissionList).toEqual([{ TopicId: topic.TopicId, Permission: 7 }]);

    // Destroying the topic drops its permissions.
    await ok('million_group_open_http_svc/destroy_topic', {
      GroupId: COMMUNITY,
      TopicIdList: [topic.TopicId],
    });
    expect(
      (await ok(`${G}/get_topic_permission_group`, { GroupId: COMMUNITY, PermissionGroupId: pgId }))
        .TopicPermissionList,
    ).toEqual([]);
    const all = await ok(`${G}/get_permission_group`, { GroupId: COMMUNITY, Limit: 100 });
    expect(list(all, 'PermissionGroupList').map((p) => p.PermissionGroupName)).toContain('editors');
    expect(
      (await h.call('million_group_open_http_svc/create_topic', { GroupId: GROUP, TopicName: 'x' }))
        .ErrorCode,
    ).toBe(10007);
  });
});

describe('operations and moderation', () => {
  it('get_history lists a file for an hour with messages and none for an empty hour', async () => {
    const hour = (ms: number) => new Date(ms).toISOString().slice(0, 13).replace(/[-T]/g, '');
    await ok('openim/sendmsg', {
      From_Account: 'user1',
      To_Account: 'user2',
      MsgRandom: 9,
      MsgBody: text('now'),
    });
    const now = await ok('open_msg_svc/get_history', { ChatType: 'C2C', MsgTime: hour(h.clock.now) });
    expect(list(now, 'File')[0]).toMatchObject({
      FileSize: expect.any(Number),
      FileMD5: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect((await ok('open_msg_svc/get_history', { ChatType: 'C2C', MsgTime: '2015120121' })).File).toEqual(
      [],
    );
    expect(
      (await h.call('open_msg_svc/get_history', { ChatType: 'C2C', MsgTime: '2015123199' })).ErrorCode,
    ).toBe(90001);
    expect((await ok('ConfigSvc/GetIPList', {})).IPList).toEqual([
      '192.0.2.0/24',
      '198.51.100.0/24',
      '203.0.113.0/24',
    ]);
  });

  it('the moderation verdict follows the keyword lists the sandbox keeps', async () => {
    const verdict = async (content: string) =>
      (
        await ok('im_msg_audit/content_moderation', {
          AuditName: 'C2C',
          ContentType: 'Text',
          Content: content,
        })
      ).Result;
    expect(await verdict('hello')).toBe('Pass');
    await ok('im_msg_audit_mgr/add_local_audit_keywords', {
      SdkAppId: 1,
      LocalAuditWords: [{ Keyword: 'hello' }],
    });
    expect(await verdict('hello there')).toBe('Block');
    await ok('im_msg_audit_mgr/delete_local_audit_keywords', {
      SdkAppId: 1,
      LocalAuditWords: [{ Keyword: 'hello' }],
    });
    expect(await verdict('hello there')).toBe('Pass');
    const lib = '1cd0d0ed-0e2c-4d35-ae86-2a1a8697706d';
    await ok('im_msg_audit_mgr/add_cloud_audit_keywords', {
      SdkAppId: 1,
      LibID: lib,
      UserKeywords: [{ Content: 'casino', Label: 'Ad' }],
    });
    const batch = await ok('im_msg_audit/batch_content_moderation', {
      AuditName: 'Group',
      Contents: [
        { ContentId: 'a', ContentType: 'Text', Content: 'best casino' },
        { ContentId: 'b', ContentType: 'Text', Content: 'fine' },
      ],
    });
    expect(list(batch, 'Results').map((r) => [r.ContentId, r.Result, r.Label])).toEqual([
      ['a', 'Block', 'Ad'],
      ['b', 'Pass', 'Normal'],
    ]);
    await ok('openim_dirty_words/add', { DirtyWordsList: ['darn'] });
    expect((await ok('openim_dirty_words/get', {})).DirtyWordsList).toEqual(['word1', 'darn']);
    expect(
      (
        await h.call('openim_dirty_words/add', {
          DirtyWordsList: Array.from({ length: 50 }, (_, i) => `w${i}`),
        })
      ).ErrorCode,
    ).toBe(10004);
  });

  it('a banned chat file has no signed URL until it is allowed again', async () => {
    const url = 'https://example.cos/a.jpg';
    await ok('im_cos_msg/forbid_illegal_object', { RawURL: url });
    expect(list(await ok('im_cos_msg/get_cos_sig', { RawURLs: [url] }), 'URLSigList')[0]).toMatchObject({
      Banned: 1,
      URLSig: '',
    });
    await ok('im_cos_msg/allow_banned_object', { RawURL: url });
    expect(list(await ok('im_cos_msg/get_cos_sig', { RawURLs: [url] }), 'URLSigList')[0]).toMatchObject({
      Banned: 0,
    });
  });
});

describe('chatbots and official accounts', () => {
  it('a created chatbot is an account that get_all_robots lists until it is deleted', async () => {
    await ok('openim_robot_http_svc/create_robot', { UserID: '@RBT#helper', Nick: 'Helper' });
    const robots = async () =>
      list(await ok('openim_robot_http_svc/get_all_robots', {}), 'RobotList').map((r) => r.UserID);
    expect(await robots()).toEqual(['@RBT#001', '@RBT#helper']);
    const check = await ok('im_open_login_svc/account_check', { CheckItem: [{ UserID: '@RBT#helper' }] });
    expect(list(check, 'ResultItem')[0]?.AccountStatus).toBe('Imported');
    await ok('openim_robot_http_svc/delete_robot', { Robot_Account: '@RBT#helper' });
    expect(await robots()).toEqual(['@RBT#001']);
    expect((await h.call('openim_robot_http_svc/create_robot', { UserID: 'plain' })).ErrorCode).toBe(70402);
  });

  it('subscribers, messages and recalls of an official account are seen by the reading commands', async () => {
    const created = await ok('official_account_open_http_svc/create_official_account', {
      Owner_Account: 'user1',
      Name: 'News',
    });
    const id = String(created.Official_Account);
    expect(id).toMatch(/^@TOA#_/);
    await ok('official_account_open_http_svc/add_subscriber', {
      Official_Account: id,
      SubscriberList: [{ Subscriber_Account: 'user4' }],
    });
    const subs = await ok('official_account_open_http_svc/get_subscribed_official_account_list', {
      Subscriber_Account: 'user4',
    });
    expect(list(subs, 'OfficialAccountList').map((o) => o.Official_Account)).toEqual([id]);
    const sent = await ok('official_account_open_http_svc/send_official_account_msg', {
      Official_Account: id,
      Random: 1,
      MsgBody: text('hi'),
    });
    const history = async () =>
      list(
        await ok('official_account_open_http_svc/official_account_msg_get_simple', {
          Official_Account: id,
          ReqMsgNumber: 20,
        }),
        'RspMsgList',
      );
    expect((await history()).map((m) => m.MsgKey)).toEqual([sent.MsgKey]);
    await ok('official_account_open_http_svc/official_account_msg_recall', {
      Official_Account: id,
      MsgKeyList: [sent.MsgKey],
    });
    expect(await history()).toEqual([]);
    await ok('official_account_open_http_svc/destroy_official_account', { Official_Account: id });
    const info = await ok('official_account_open_http_svc/get_official_account_info', {
      OfficialAccountIdList: [{ Official_Account: id }],
    });
    expect(list(info, 'OfficialAccountInfo')[0]?.ErrorCode).toBe(10010);
  });
});

describe('live rooms, seats and conference rooms', () => {
  it('room info, metadata, mutes, bans and seats are seen by the reading commands', async () => {
    const L = 'live_engine_http_srv';
    await ok(`${L}/update_room_info`, {
      RoomInfo: { RoomId: 'live-room', RoomName: 'Evening show', MaxSeatCount: 4 },
    });
    expect(response(await ok(`${L}/get_room_info`, { RoomId: 'live-room' })).RoomInfo).toMatchObject({
      RoomName: 'Evening show',
      MaxSeatCount: 4,
    });
    await ok(`${L}/set_room_metadata`, { RoomId: 'live-room', Metadata: { topic: 'music' } });
    expect(
      response(await ok(`${L}/get_room_metadata`, { RoomId: 'live-room', Keys: ['topic'] })).Metadata,
    ).toEqual({ topic: 'music' });

    await ok(`${L}/mute_member`, { RoomId: 'live-room', MemberList_Account: ['user3'], MuteTime: 60 });
    expect(
      (await h.call(`${L}/send_text_msg`, { RoomId: 'live-room', Sender_Account: 'user3', Text: 'hi' }))
        .ErrorCode,
    ).toBe(100002);
    expect(response(await ok(`${L}/get_muted_member_list`, { RoomId: 'live-room' })).MutedList).toMatchObject(
      [{ Member_Account: 'user3' }],
    );

    await ok(`${L}/ban_member`, { RoomId: 'live-room', MemberList_Account: ['user2'], Duration: 60 });
    const seats = response(await ok('room_engine_http_mic/get_seat_list', { RoomId: 'live-room' })).SeatList;
    expect(seats).toHaveLength(4);
    expect(JSON.stringify(seats)).not.toContain('user2');
    expect(
      (
        await h.call('room_engine_http_mic/pick_user_on_seat', {
          RoomId: 'live-room',
          Member_Account: 'user2',
          Index: 1,
        })
      ).ErrorCode,
    ).toBe(100002);
    await ok(`${L}/unban_member`, { RoomId: 'live-room', MemberList_Account: ['user2'] });
    await ok('room_engine_http_mic/pick_user_on_seat', {
      RoomId: 'live-room',
      Member_Account: 'user2',
      Index: 2,
    });
    expect(
      (
        await h.call('room_engine_http_mic/pick_user_on_seat', {
          RoomId: 'live-room',
          Member_Account: 'user3',
          Index: 2,
        })
      ).ErrorCode,
    ).toBe(100002);

    await ok(`${L}/destroy_room`, { RoomId: 'live-room' });
    expect((await h.call(`${L}/get_room_info`, { RoomId: 'live-room' })).ErrorCode).toBe(100004);
    expect((await h.call(`${L}/get_room_info`, { RoomId: 'room-test' })).ErrorCode).toBe(100006);
  });

  it('gifts, categories and their languages', async () => {
    const L = 'live_engine_http_srv';
    await ok(`${L}/add_gift`, { GiftId: 'star', DefaultName: 'Star', Coins: 5 });
    await ok(`${L}/set_gift_language`, { GiftId: 'star', Language: 'de', Name: 'Stern' });
    const list_ = response(await ok(`${L}/get_gift_info_list`, { Language: 'de' })).GiftList;
    expect(list_).toEqual(
      expect.arrayContaining([expect.objectContaining({ GiftId: 'star', Name: 'Stern', Coins: 5 })]),
    );
    await ok(`${L}/add_gift_category_relations`, { CategoryId: 'cat1', GiftIdList: ['star'] });
    await ok(`${L}/del_gift`, { GiftId: 'star' });
    const cats = response(await ok(`${L}/get_gift_category`, {})).CategoryList;
    expect(cats).toEqual(
      expect.arrayContaining([expect.objectContaining({ CategoryId: 'cat1', GiftIdList: ['gift1'] })]),
    );
    expect(
      (await h.call(`${L}/add_gift_category_relations`, { CategoryId: 'cat1', GiftIdList: ['nope'] }))
        .ErrorCode,
    ).toBe(100002);
  });

  it('conference rooms: create, update, kick, destroy', async () => {
    const R = 'room_engine_http_srv';
    const created = await ok(`${R}/create_room`, {
      RoomInfo: { RoomId: 'standup', RoomType: 'Conference', Owner_Account: 'user1' },
    });
    expect(response(created).RoomInfo).toMatchObject({ RoomId: 'standup', Owner_Account: 'user1' });
    expect(
      (await h.call(`${R}/create_room`, { RoomInfo: { RoomId: 'standup', Owner_Account: 'user1' } }))
        .ErrorCode,
    ).toBe(100003);
    await ok(`${R}/update_room_info`, { RoomInfo: { RoomId: 'standup', RoomName: 'Daily' } });
    expect(response(await ok(`${R}/get_room_info`, { RoomId: 'standup' })).RoomInfo).toMatchObject({
      RoomName: 'Daily',
      MemberCount: 1,
    });
    expect(
      (await h.call(`${R}/kick_user_out`, { RoomId: 'standup', MemberList_Account: ['user1'] })).ErrorCode,
    ).toBe(100002);
    await ok(`${R}/destroy_room`, { RoomId: 'standup' });
    expect((await h.call(`${R}/get_room_info`, { RoomId: 'standup' })).ErrorCode).toBe(100004);
  });
});

describe('state caps', () => {
  it('answers 99002 when a call would pass a cap, and reset restores the seed', async () => {
    const small = await startSandbox({ limits: { accounts: 21, groups: 9, c2cMessages: 11 } });
    try {
      // The seed holds 20 accounts, 8 groups and 6 one-to-one messages.
      expect((await small.call('im_open_login_svc/account_import', { UserID: 'one_more' })).ErrorCode).toBe(
        0,
      );
      const full = await small.call('im_open_login_svc/account_import', { UserID: 'too_many' });
      expect(full).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 99002 });
      expect(String(full.ErrorInfo)).toMatch(/at most 21 accounts.*reset/);
      // Re-importing an existing account does not grow the state.
      expect((await small.call('im_open_login_svc/account_import', { UserID: 'user1' })).ErrorCode).toBe(0);
      expect((await small.call(`${G}/create_group`, { Type: 'Public', Name: 'a' })).ErrorCode).toBe(0);
      expect((await small.call(`${G}/create_group`, { Type: 'Public', Name: 'b' })).ErrorCode).toBe(99002);
      const send = (i: number) =>
        small.call('openim/sendmsg', {
          From_Account: 'user1',
          To_Account: 'user2',
          MsgRandom: i,
          MsgBody: text(`m${i}`),
        });
      for (let i = 0; i < 5; i++) expect((await send(i)).ErrorCode).toBe(0);
      expect((await send(5)).ErrorCode).toBe(99002);
      small.reset();
      expect((await small.call('im_open_login_svc/account_import', { UserID: 'too_many' })).ErrorCode).toBe(
        0,
      );
    } finally {
      await small.close();
    }
  });
});
