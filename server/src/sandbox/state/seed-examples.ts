import { emptyExtensions, makeGroup, makeGroupMessage, makeMember } from './factory';
import { touchSession } from './sessions';
import type { Account, C2CMessage, Group, PermissionGroup, SandboxState, Topic } from './types';

// The entities the catalog's example bodies name (user1, @TGS#1NVTZEAE4, live-room, …), so every
// emulated command's example succeeds on a fresh sandbox, alone or with all examples sent in catalog
// order. Where an example deletes something, it deletes an entity of its own (user4, @TGS#2J4SZEAEL,
// live-room-old …) that no later example needs. server/test/sandbox/examples.test.ts holds both runs.

export const EXAMPLE_GROUP = '@TGS#1NVTZEAE4';
export const EXAMPLE_AV_GROUP = '@TGS#aXXXXXXXX';
export const EXAMPLE_COMMUNITY = '@TGS#_@TGS#cV6IHIIM62C4';
export const EXAMPLE_OFFICIAL_ACCOUNT = '@TOA#_2C5SZEAEF';
/** The one-to-one message most examples address (seq_random_time, as MsgKeys are built). */
export const EXAMPLE_MSG_KEY = '31906_833502_1572869830';

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

function addAccount(state: SandboxState, userId: string, nick: string, createTime: number, robot = false) {
  const account: Account = {
    userId,
    createTime,
    profile: new Map<string, string | number>([
      ['Tag_Profile_IM_Nick', nick],
      ['Tag_Profile_IM_Gender', 'Gender_Type_Unknown'],
      ['Tag_Profile_IM_AllowType', 'AllowType_Type_AllowAny'],
      ['Tag_Profile_IM_Image', `https://example.com/avatars/${encodeURIComponent(userId)}.png`],
    ]),
    online: 'Offline',
    platform: '',
  };
  if (robot) account.robot = true;
  state.accounts.set(userId, account);
}

function befriend(state: SandboxState, a: string, b: string, time: number, groups: string[] = []) {
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    let list = state.friends.get(x);
    if (!list) {
      list = new Map();
      state.friends.set(x, list);
    }
    list.set(y, {
      addSource: 'AddSource_Type_Web',
      remark: '',
      groups: x === a ? groups : [],
      addWording: '',
      addTime: time,
    });
  }
}

function c2c(state: SandboxState, key: string, from: string, to: string, body: unknown[]): C2CMessage {
  const [seq = '0', random = '0', time = '0'] = key.split('_');
  const msg: C2CMessage = {
    seq: Number(seq),
    key,
    from,
    to,
    random: Number(random),
    time: Number(time),
    body,
    read: true,
    withdrawn: false,
    deletedFor: new Set(),
    receipt: false,
    modified: 0,
    ext: emptyExtensions(),
  };
  state.c2c.push(msg);
  touchSession(state, from, 1, to, msg.time);
  touchSession(state, to, 1, from, msg.time);
  return msg;
}

function topic(id: string, name: string, owner: string, createTime: number): Topic {
  return {
    id,
    name,
    owner,
    introduction: '',
    notification: '',
    faceUrl: '',
    customString: '',
    createTime,
    shutUpAll: false,
    nextMsgSeq: 1,
  };
}

function permissionGroup(id: string, name: string, members: string[] = []): PermissionGroup {
  return { id, name, permission: 0, customString: '', members: new Set(members), topics: new Map() };
}

export function seedExampleWorld(state: SandboxState, nowMs: number): void {
  const now = Math.floor(nowMs / 1000);
  const created = now - 60 * 86_400;
  for (const id of ['user1', 'user2', 'user3', 'user4', 'user5', 'tommy', 'robot_1']) {
    addAccount(state, id, id === 'robot_1' ? 'Robot 1' : id.replace('user', 'User '), created);
  }
  addAccount(state, '@RBT#001', 'bot', created, true);

  // Relationships: user1's friends user2 (in friend list group1) and user3; user5's friend user3.
  befriend(state, 'user1', 'user2', created, ['group1']);
  befriend(state, 'user1', 'user3', created);
  befriend(state, 'user5', 'user3', created);
  state.friendLists.set('user1', new Set(['group1']));
  state.blocklists.set('user1', new Map([['user5', created]]));
  state.follows.set('user1', new Map([['user2', created]]));
  state.follows.set('user3', new Map([['user1', created]]));

  // One-to-one history between user1 and user2 (2019-11-04, the examples' MsgKeys).
  const main = c2c(state, EXAMPLE_MSG_KEY, 'user1', 'user2', text('hello'));
  main.ext.seq = 1;
  main.ext.values.set('k0', { value: 'v0', seq: 1 });
  c2c(state, '31907_833503_1572869890', 'user1', 'user2', text('to be recalled'));
  c2c(state, '31908_833504_1572869950', 'user2', 'user1', text('to be deleted from user1\u2019s history'));
  state.contactGroups.set(
    'user1',
    new Map([
      ['group1', new Set(['1:user2'])],
      ['group2', new Set<string>()],
    ]),
  );

  // Push: the attribute names, one user's attributes and tags, and one recorded push of each kind.
  state.push.attrNames.set('0', 'sex').set('1', 'city');
  state.push.timpushAttrNames.set('0', 'sex').set('1', 'city');
  state.push.userAttrs.set('user1', new Map([['sex', 'attr1']]));
  state.push.userTags.set('user1', new Set(['tag1']));
  const pushed = { from: 'administrator', random: 1, body: text('hi all'), condition: null };
  state.push.records.push(
    {
      ...pushed,
      id: 'xxx-yyy-zzz',
      command: 'all_member_push/im_push',
      to: null,
      time: now - 3600,
      targets: 0,
    },
    { ...pushed, id: 'xxx-yyy-zzz', command: 'timpush/batch', to: ['user1'], time: now - 3600, targets: 1 },
  );

  // Groups: the example group with 110 messages (seq 100 from user1), a group to destroy, an
  // audio-video group and a community with topics and permission groups.
  const t0 = now - 7 * 86_400;
  const group = makeGroup({
    id: EXAMPLE_GROUP,
    type: 'Public',
    name: 'TestGroup',
    owner: 'user1',
    createTime: t0,
  });
  group.members.set('user1', makeMember('user1', 'Owner', t0));
  group.members.set('user2', makeMember('user2', 'Member', t0));
  group.members.set('user3', makeMember('user3', 'Member', t0));
  const senders = ['user1', 'user2', 'user3'];
  for (let seq = 1; seq <= 110; seq++) {
    const from = seq === 100 ? 'user1' : (senders[seq % 3] ?? 'user1');
    const msg = makeGroupMessage({
      seq,
      from,
      random: 8_000_000 + seq,
      time: t0 + seq * 60,
      body: text(`message ${seq}`),
    });
    group.messages.push(msg);
  }
  const hundredth = group.messages[99];
  if (hundredth) {
    hundredth.ext.seq = 1;
    hundredth.ext.values.set('k0', { value: 'v0', seq: 1 });
  }
  group.nextMsgSeq = 111;
  group.lastMsgTime = t0 + 110 * 60;
  group.attrs.set('attr_key1', 'attr_val1');
  group.counters.set('like', 10);
  for (const m of group.members.keys()) touchSession(state, m, 2, group.id, group.lastMsgTime);
  state.groups.set(group.id, group);

  const doomed = makeGroup({
    id: '@TGS#2J4SZEAEL',
    type: 'Private',
    name: 'Old project',
    owner: 'user1',
    createTime: t0,
  });
  doomed.members.set('user1', makeMember('user1', 'Owner', t0));
  state.groups.set(doomed.id, doomed);

  const av = makeGroup({
    id: EXAMPLE_AV_GROUP,
    type: 'AVChatRoom',
    name: 'Live chat',
    owner: 'user1',
    createTime: t0,
  });
  av.online = new Set(['user1', 'user2', 'user3']);
  state.groups.set(av.id, av);

  const community: Group = makeGroup({
    id: EXAMPLE_COMMUNITY,
    type: 'Community',
    name: 'Community',
    owner: 'user1',
    createTime: t0,
  });
  for (const m of ['user1', 'user2', 'user3', 'tommy']) {
    community.members.set(m, makeMember(m, m === 'user1' ? 'Owner' : 'Member', t0));
  }
  for (const name of ['TestTopic', 'OldTopic']) {
    const id = `${EXAMPLE_COMMUNITY}@TOPIC#_${name}`;
    community.topics.set(id, topic(id, name, 'user1', t0));
  }
  const x = permissionGroup('@PMG#_x', 'x');
  x.topics.set(`${EXAMPLE_COMMUNITY}@TOPIC#_TestTopic`, 1234);
  for (const pg of [
    permissionGroup('@PMG#_@PMG#cM2', 'to be destroyed'),
    permissionGroup('@PMG#_test_permission_group', 'test_permission_group'),
    x,
    permissionGroup('@PMG#_@PMG#cDR', 'moderators', ['tommy']),
  ]) {
    community.permissionGroups.set(pg.id, pg);
  }
  state.groups.set(community.id, community);

  // Moderation: a local keyword, a cloud keyword library, a legacy dirty word.
  state.moderation.local.set('badword', '****');
  state.moderation.cloudLibs.set('1cd0d0ed-0e2c-4d35-ae86-2a1a8697706d', {
    name: 'Sandbox library',
    words: new Map([['xyz123456test1', 'Ad']]),
  });
  state.moderation.dirtyWords.add('word1');

  // Official accounts: the example one (subscribers user2, user3; one message) and one to destroy.
  for (const [id, name] of [
    [EXAMPLE_OFFICIAL_ACCOUNT, 'TestOA'],
    ['@TOA#_OLDNEWS01', 'Old news'],
  ] as const) {
    state.officialAccounts.set(id, {
      id,
      name,
      owner: 'user1',
      introduction: '',
      faceUrl: '',
      customString: '',
      createTime: t0,
      infoSeq: 1,
      subscribers: new Map(
        id === EXAMPLE_OFFICIAL_ACCOUNT
          ? [
              ['user2', { time: t0, customString: '' }],
              ['user3', { time: t0, customString: '' }],
            ]
          : [],
      ),
      messages:
        id === EXAMPLE_OFFICIAL_ACCOUNT
          ? [
              {
                key: '71_1_1698741698',
                seq: 71,
                random: 1,
                time: 1698741698,
                body: text('news'),
                recalled: false,
              },
            ]
          : [],
      nextSeq: 72,
    });
  }

  // Live rooms: the example room (viewers, an admin, user2 on seat 1, a robot) and one to destroy.
  for (const id of ['live-room', 'live-room-old']) {
    state.liveRooms.set(id, {
      id,
      name: id === 'live-room' ? 'my live' : 'old live',
      owner: 'user1',
      createTime: t0,
      notice: '',
      coverUrl: '',
      category: [],
      isMessageDisabled: false,
      isPublicVisible: true,
      maxSeatCount: 10,
      metadata: new Map(id === 'live-room' ? [['k1', 'v1']] : []),
      muted: new Map(),
      banned: new Map(),
      admins: new Set(id === 'live-room' ? ['user3'] : []),
      robots: new Set(id === 'live-room' ? ['robot_1'] : []),
      seats: new Map(id === 'live-room' ? [[1, 'user2']] : []),
      viewers: new Set(id === 'live-room' ? ['user2', 'user3'] : []),
      messageCount: 0,
      giftCount: 0,
      likeCount: 0,
    });
  }
  for (const [id, name, coins] of [
    ['gift1', 'Rose', 10],
    ['gift2', 'Old gift', 1],
  ] as const) {
    state.gifts.set(id, {
      id,
      name,
      desc: '',
      iconUrl: 'https://example.com/gifts/icon.png',
      resourceUrl: '',
      coins,
      level: 0,
      extensionInfo: '',
      languages: new Map([['en', { name, desc: '' }]]),
    });
  }
  for (const [id, name] of [
    ['cat1', 'Hot'],
    ['cat2', 'Old category'],
  ] as const) {
    state.giftCategories.set(id, {
      id,
      name,
      desc: '',
      languages: new Map([['en', { name, desc: '' }]]),
      gifts: new Set(id === 'cat1' ? ['gift1'] : []),
    });
  }

  // Conference rooms: the example room (owner user2) and one to destroy.
  for (const id of ['room-test', 'room-old']) {
    state.conferenceRooms.set(id, {
      id,
      name: id,
      owner: 'user2',
      createTime: t0,
      scheduleStartTime: 0,
      scheduleEndTime: 0,
      isMicrophoneDisableForAllUser: false,
      isCameraDisableForAllUser: false,
      isMessageDisableForAllUser: false,
      members: new Set(['user2', 'user1']),
    });
  }
}
