import { emptyExtensions, makeGroup, makeGroupMessage, makeMember } from './factory';
import { LIMITS, type Limits } from './limits';
import { seedExampleWorld } from './seed-examples';
import { touchSession } from './sessions';
import type { Account, C2CMessage, GroupType, MemberRole, SandboxState } from './types';

// A small demo app, so a newcomer's first call returns something. Times are relative to `nowMs` so
// the seed always looks recent.

interface SeedUser {
  id: string;
  nick: string;
  gender: 'Gender_Type_Male' | 'Gender_Type_Female' | 'Gender_Type_Unknown';
  allow?: 'AllowType_Type_AllowAny' | 'AllowType_Type_NeedConfirm' | 'AllowType_Type_DenyAny';
  location?: string;
  signature?: string;
  online?: 'Online' | 'PushOnline';
}

const USERS: SeedUser[] = [
  { id: 'administrator', nick: 'Administrator', gender: 'Gender_Type_Unknown' },
  { id: 'alice', nick: 'Alice', gender: 'Gender_Type_Female', location: 'SG', online: 'Online' },
  { id: 'bob', nick: 'Bob', gender: 'Gender_Type_Male', signature: 'Building things', online: 'Online' },
  { id: 'carol', nick: 'Carol', gender: 'Gender_Type_Female', online: 'PushOnline' },
  { id: 'dave', nick: 'Dave', gender: 'Gender_Type_Male' },
  { id: 'erin', nick: 'Erin', gender: 'Gender_Type_Female', location: 'DE' },
  { id: 'frank', nick: 'Frank', gender: 'Gender_Type_Male', online: 'Online' },
  { id: 'grace', nick: 'Grace', gender: 'Gender_Type_Female' },
  { id: 'heidi', nick: 'Heidi', gender: 'Gender_Type_Female', allow: 'AllowType_Type_NeedConfirm' },
  { id: 'ivan', nick: 'Ivan', gender: 'Gender_Type_Male' },
  { id: 'judy', nick: 'Judy', gender: 'Gender_Type_Female' },
  { id: 'mallory', nick: 'Mallory', gender: 'Gender_Type_Unknown', allow: 'AllowType_Type_DenyAny' },
];

const MUTUAL_FRIENDS: [string, string][] = [
  ['alice', 'bob'],
  ['alice', 'carol'],
  ['bob', 'dave'],
  ['carol', 'erin'],
  ['frank', 'grace'],
];

interface SeedGroup {
  id: string;
  type: GroupType;
  name: string;
  owner: string;
  members: [string, MemberRole][];
  messages: [string, string][];
}

const GROUPS: SeedGroup[] = [
  {
    id: '@TGS#1SANDBOXPUB',
    type: 'Public',
    name: 'Announcements',
    owner: 'alice',
    members: [
      ['bob', 'Admin'],
      ['carol', 'Member'],
      ['dave', 'Member'],
      ['erin', 'Member'],
    ],
    messages: [
      ['alice', 'Welcome to the sandbox app!'],
      ['bob', 'Hi everyone'],
    ],
  },
  {
    id: '@TGS#2SANDBOXWRK',
    type: 'Private',
    name: 'Project Falcon',
    owner: 'bob',
    members: [
      ['alice', 'Member'],
      ['frank', 'Member'],
    ],
    messages: [['frank', 'Standup in 5 minutes']],
  },
  {
    id: 'sandbox_meeting',
    type: 'ChatRoom',
    name: 'Weekly sync',
    owner: 'carol',
    members: [
      ['grace', 'Member'],
      ['heidi', 'Member'],
    ],
    messages: [],
  },
  {
    id: '@TGS#aSANDBOXLIVE',
    type: 'AVChatRoom',
    name: 'Live stream',
    owner: 'frank',
    members: [],
    messages: [['frank', 'Going live now']],
  },
];

const C2C: [string, string, string][] = [
  ['alice', 'bob', 'Lunch today?'],
  ['bob', 'alice', 'Sure, 12:30'],
  ['carol', 'alice', 'Can you review my doc?'],
];

export function createSeedState(nowMs: number, limits: Limits = LIMITS): SandboxState {
  const now = Math.floor(nowMs / 1000);
  const day = 86_400;
  const state: SandboxState = {
    limits,
    accounts: new Map(),
    friends: new Map(),
    blocklists: new Map(),
    c2c: [],
    groups: new Map(),
    sessions: new Map(),
    globalMute: new Map(),
    dedupe: new Map(),
    friendLists: new Map(),
    follows: new Map(),
    contactGroups: new Map(),
    contactMarks: new Map(),
    push: {
      attrNames: new Map(),
      timpushAttrNames: new Map(),
      userAttrs: new Map(),
      userTags: new Map(),
      records: [],
    },
    moderation: { local: new Map(), cloudLibs: new Map(), dirtyWords: new Set(), bannedObjects: new Set() },
    officialAccounts: new Map(),
    liveRooms: new Map(),
    gifts: new Map(),
    giftCategories: new Map(),
    conferenceRooms: new Map(),
    counters: { c2cSeq: 1000, groupId: 0, c2cMsgs: 0, groupMsgs: 0, newGroups: 0, ids: 0 },
  };

  for (const u of USERS) {
    const profile = new Map<string, string | number>([
      ['Tag_Profile_IM_Nick', u.nick],
      ['Tag_Profile_IM_Gender', u.gender],
      ['Tag_Profile_IM_AllowType', u.allow ?? 'AllowType_Type_AllowAny'],
      ['Tag_Profile_IM_Image', `https://example.com/avatars/${u.id}.png`],
    ]);
    if (u.location) profile.set('Tag_Profile_IM_Location', u.location);
    if (u.signature) profile.set('Tag_Profile_IM_SelfSignature', u.signature);
    const account: Account = {
      userId: u.id,
      createTime: now - 30 * day,
      profile,
      online: u.online ?? 'Offline',
      platform: u.online ? 'iPhone' : '',
    };
    state.accounts.set(u.id, account);
  }

  for (const [a, b] of MUTUAL_FRIENDS) {
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
        groups: [],
        addWording: '',
        addTime: now - 20 * day,
      });
    }
  }
  state.blocklists.set('alice', new Map([['mallory', now - 10 * day]]));

  let t = now - 2 * day;
  for (const g of GROUPS) {
    const group = makeGroup({ id: g.id, type: g.type, name: g.name, owner: g.owner, createTime: t });
    const members = group.members;
    const add = (account: string, role: MemberRole) => members.set(account, makeMember(account, role, t));
    add(g.owner, 'Owner');
    for (const [m, role] of g.members) add(m, role);
    for (const [from, text] of g.messages) {
      t += 60;
      group.messages.push(
        makeGroupMessage({
          seq: group.nextMsgSeq,
          from,
          random: group.nextMsgSeq * 7919,
          time: t,
          body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
        }),
      );
      group.nextMsgSeq += 1;
      group.lastMsgTime = t;
      const sender = members.get(from);
      if (sender) sender.lastSendMsgTime = t;
      if (g.type !== 'AVChatRoom') for (const m of members.keys()) touchSession(state, m, 2, g.id, t);
    }
    state.groups.set(g.id, group);
  }

  for (const [from, to, text] of C2C) {
    t += 60;
    state.counters.c2cSeq += 1;
    const seq = state.counters.c2cSeq;
    const random = seq * 104729;
    const msg: C2CMessage = {
      seq,
      key: `${seq}_${random}_${t}`,
      from,
      to,
      random,
      time: t,
      body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
      read: to !== 'alice',
      withdrawn: false,
      deletedFor: new Set(),
      receipt: false,
      modified: 0,
      ext: emptyExtensions(),
    };
    state.c2c.push(msg);
    touchSession(state, from, 1, to, t);
    touchSession(state, to, 1, from, t);
  }
  seedExampleWorld(state, nowMs);
  return state;
}
