import { anyStr, type Body, int, msgBody, recordList, seconds, str, strList, uint32 } from '../state/body';
import { nextId } from '../state/factory';
import { accountsFull, overCap } from '../state/limits';
import { type CommandResult, fail, ok } from '../state/result';
import type { OfficialAccount, SandboxState } from '../state/types';
import type { CommandFn } from './types';
import { page } from './util';

// Chatbots (openim_robot_http_svc): accounts whose UserID starts with @RBT#.

export const createRobot: CommandFn = (state, body, ctx) => {
  const id = str(body, 'UserID');
  if (!id?.startsWith('@RBT#') || Buffer.byteLength(id) > 32)
    return fail(70402, 'UserID must start with @RBT# and be at most 32 bytes');
  const existing = state.accounts.get(id);
  if (existing && !existing.robot) return fail(70402, `${id} is an ordinary account`);
  if (!existing) {
    const full = accountsFull(state);
    if (full) return full;
  }
  // Like account_import, creating an existing chatbot again updates its nickname and avatar.
  const acc = existing ?? {
    userId: id,
    createTime: seconds(ctx.nowMs),
    profile: new Map(),
    online: 'Offline' as const,
    platform: '',
    robot: true,
  };
  const nick = str(body, 'Nick');
  const face = str(body, 'FaceUrl');
  if (nick !== undefined) acc.profile.set('Tag_Profile_IM_Nick', nick);
  if (face !== undefined) acc.profile.set('Tag_Profile_IM_Image', face);
  state.accounts.set(id, acc);
  return ok();
};

export const deleteRobot: CommandFn = (state, body) => {
  const id = str(body, 'Robot_Account');
  if (!id) return fail(70402, 'Robot_Account is missing or is not a string');
  if (!state.accounts.get(id)?.robot) return fail(70107, `no chatbot ${id}`);
  state.accounts.delete(id);
  return ok();
};

export const getAllRobots: CommandFn = (state) =>
  ok({
    RobotList: [...state.accounts.values()]
      .filter((a) => a.robot)
      .map((a) => ({
        UserID: a.userId,
        Nick: a.profile.get('Tag_Profile_IM_Nick') ?? '',
        FaceUrl: a.profile.get('Tag_Profile_IM_Image') ?? '',
      })),
  });

// Official accounts (`@TOA#_…`): profile, subscribers and broadcast messages. Codes follow the group
// module: 10004 invalid parameter, 10010 no such official account, 10019 no such user.

const MAX_NAME = 150;

function oaJson(oa: OfficialAccount) {
  return {
    Official_Account: oa.id,
    Name: oa.name,
    Owner_Account: oa.owner,
    Introduction: oa.introduction,
    FaceUrl: oa.faceUrl,
    CustomString: oa.customString,
    CreateTime: oa.createTime,
    InfoSeq: oa.infoSeq,
    SubscriberNum: oa.subscribers.size,
    NextMsgSeq: oa.nextSeq,
  };
}

function officialAccount(state: SandboxState, body: Body): OfficialAccount | CommandResult {
  const id = str(body, 'Official_Account') ?? str(body, 'OfficialAccount');
  if (!id) return fail(10004, 'Official_Account is missing or is not a string');
  return state.officialAccounts.get(id) ?? fail(10010, `the official account ${id} does not exist`);
}
const isOa = (v: OfficialAccount | CommandResult): v is OfficialAccount => 'subscribers' in v;

export const createOfficialAccount: CommandFn = (state, body, ctx) => {
  const owner = str(body, 'Owner_Account');
  const name = str(body, 'Name');
  if (!owner || !name || Buffer.byteLength(name) > MAX_NAME)
    return fail(10004, 'Owner_Account or Name is missing or invalid');
  if (!state.accounts.has(owner)) return fail(10019, 'Owner_Account does not exist or is not imported');
  const full = overCap(state.officialAccounts.size, 1, state.limits.collection, 'official accounts');
  if (full) return full;
  const custom = str(body, 'OfficialAccountUserID');
  const id = custom ? (custom.startsWith('@TOA#_') ? custom : `@TOA#_${custom}`) : nextId(state, '@TOA#_');
  if (state.officialAccounts.has(id)) return fail(10021, 'the official account id is already in use');
  state.officialAccounts.set(id, {
    id,
    name,
    owner,
    introduction: str(body, 'Introduction') ?? '',
    faceUrl: str(body, 'FaceUrl') ?? '',
    customString: str(body, 'CustomString') ?? '',
    createTime: seconds(ctx.nowMs),
    infoSeq: 1,
    subscribers: new Map(),
    messages: [],
    nextSeq: 1,
  });
  return ok({ Official_Account: id });
};

export const destroyOfficialAccount: CommandFn = (state, body) => {
  const oa = officialAccount(state, body);
  if (!isOa(oa)) return oa;
  state.officialAccounts.delete(oa.id);
  return ok();
};

export const modifyOfficialAccountBaseInfo: CommandFn = (state, body) => {
  const oa = officialAccount(state, body);
  if (!isOa(oa)) return oa;
  const name = body.Name === undefined ? undefined : str(body, 'Name');
  if (body.Name !== undefined && (!name || Buffer.byteLength(name) > MAX_NAME))
    return fail(10004, 'invalid Name');
  if (name) oa.name = name;
  oa.introduction = anyStr(body, 'Introduction') ?? oa.introduction;
  oa.faceUrl = anyStr(body, 'FaceUrl') ?? oa.faceUrl;
  oa.customString = anyStr(body, 'CustomString') ?? oa.customString;
  oa.infoSeq += 1;
  return ok();
};

export const sendOfficialAccountMsg: CommandFn = (state, body, ctx) => {
  const oa = officialAccount(state, body);
  if (!isOa(oa)) return oa;
  const random = uint32(body, 'Random');
  const content = msgBody(body, 'MsgBody');
  if (random === undefined || !content) return fail(10004, 'Random or MsgBody is missing or invalid');
  const full = overCap(oa.messages.length, 1, state.limits.groupMessages, 'messages per official account');
  if (full) return full;
  const time = seconds(ctx.nowMs);
  const seq = oa.nextSeq;
  oa.nextSeq += 1;
  const key = `${seq}_${random}_${time}`;
  oa.messages.push({ key, seq, random, time, body: content, recalled: false });
  return ok({ MsgKey: key, MsgTime: time, MsgSeq: seq });
};

export const getOfficialAccountInfo: CommandFn = (state, body) => {
  const list = recordList(body, 'OfficialAccountIdList');
  if (!list) return fail(10004, 'OfficialAccountIdList is missing or invalid');
  if (list.length > 50) return fail(10005, 'at most 50 official accounts per request');
  return ok({
    OfficialAccountInfo: list.map((item) => {
      const id = str(item, 'Official_Account') ?? '';
      const oa = state.officialAccounts.get(id);
      return oa
        ? { ...oaJson(oa), ErrorCode: 0, ErrorInfo: '' }
        : { Official_Account: id, ErrorCode: 10010, ErrorInfo: 'the official account does not exist' };
    }),
  });
};

export const getSubscriberInfo: CommandFn = (state, body) => {
  const oa = officialAccount(state, body);
  if (!isOa(oa)) return oa;
  const limit = Math.min(Math.max(int(body, 'Limit') ?? 100, 1), 500);
  const p = page([...oa.subscribers], body.Next, limit);
  return ok({
    SubscriberNum: oa.subscribers.size,
    SubscriberList: p.items.map(([id, s]) => ({
      Subscriber_Account: id,
      SubscribeTime: s.time,
      CustomString: s.customString,
    })),
    Next: p.next,
  });
};

export const officialAccountMsgRecall: CommandFn = (state, body) => {
  const oa = officialAccount(state, body);
  if (!isOa(oa)) return oa;
  const keys = strList(body, 'MsgKeyList');
  if (!keys) return fail(10004, 'MsgKeyList is missing or is not an array of strings');
  return ok({
    RecallRetList: keys.map((key) => {
      const msg = oa.messages.find((m) => m.key === key && !m.recalled);
      if (!msg) return { MsgKey: key, RetCode: 10030 };
      msg.recalled = true;
      return { MsgKey: key, RetCode: 0 };
    }),
  });
};

export const officialAccountMsgGetSimple: CommandFn = (state, body) => {
  const oa = officialAccount(state, body);
  if (!isOa(oa)) return oa;
  const count = int(body, 'ReqMsgNumber');
  if (count === undefined || count < 1 || count > 20) return fail(10004, 'ReqMsgNumber must be from 1 to 20');
  const from = int(body, 'ReqMsgSeq') ?? oa.nextSeq - 1;
  const older = oa.messages.filter((m) => m.seq <= from && !m.recalled).sort((a, b) => b.seq - a.seq);
  return ok({
    Official_Account: oa.id,
    IsFinished: older.length <= count ? 1 : 0,
    RspMsgList: older.slice(0, count).map((m) => ({
      MsgKey: m.key,
      MsgSeq: m.seq,
      MsgRandom: m.random,
      MsgTimeStamp: m.time,
      MsgBody: m.body,
    })),
  });
};

function subscriberIds(body: Body): string[] | undefined {
  const list = recordList(body, 'SubscriberList');
  if (!list) return undefined;
  // The documented item is {Subscriber_Account}; an older SDK sends {Official_Account}.
  const ids = list.map((i) => str(i, 'Subscriber_Account') ?? str(i, 'Official_Account'));
  return ids.every((id): id is string => id !== undefined) ? ids : undefined;
}

export const addSubscriber: CommandFn = (state, body, ctx) => {
  const oa = officialAccount(state, body);
  if (!isOa(oa)) return oa;
  const ids = subscriberIds(body);
  if (!ids) return fail(10004, 'SubscriberList is missing or its items lack Subscriber_Account');
  if (ids.length > 500) return fail(10005, 'at most 500 subscribers per request');
  const full = overCap(
    oa.subscribers.size,
    ids.length,
    state.limits.accounts,
    'subscribers per official account',
  );
  if (full) return full;
  return ok({
    SubscriberList: ids.map((id) => {
      if (!state.accounts.has(id)) return { Subscriber_Account: id, Result: 0 };
      if (oa.subscribers.has(id)) return { Subscriber_Account: id, Result: 2 };
      oa.subscribers.set(id, { time: seconds(ctx.nowMs), customString: '' });
      return { Subscriber_Account: id, Result: 1 };
    }),
  });
};

export const deleteSubscriber: CommandFn = (state, body) => {
  const oa = officialAccount(state, body);
  if (!isOa(oa)) return oa;
  const ids = strList(body, 'SubscriberToDel_Account');
  if (!ids) return fail(10004, 'SubscriberToDel_Account is missing or is not an array of strings');
  if (ids.length > 500) return fail(10005, 'at most 500 subscribers per request');
  for (const id of ids) oa.subscribers.delete(id);
  return ok();
};

export const modifySubscriberInfo: CommandFn = (state, body) => {
  const oa = officialAccount(state, body);
  if (!isOa(oa)) return oa;
  const id = str(body, 'Subscriber_Account');
  if (!id) return fail(10004, 'Subscriber_Account is missing or is not a string');
  const s = oa.subscribers.get(id);
  if (!s) return fail(10007, `${id} does not subscribe to ${oa.id}`);
  const custom = anyStr(body, 'CustomString');
  if (custom !== undefined) {
    if (Buffer.byteLength(custom) > 3000) return fail(10004, 'CustomString is at most 3000 bytes');
    s.customString = custom;
  }
  return ok();
};

export const getSubscribedOfficialAccountList: CommandFn = (state, body) => {
  const id = str(body, 'Subscriber_Account');
  if (!id) return fail(10004, 'Subscriber_Account is missing or is not a string');
  if (!state.accounts.has(id)) return fail(10019, 'Subscriber_Account does not exist or is not imported');
  const list = [...state.officialAccounts.values()].filter((oa) => oa.subscribers.has(id));
  return ok({
    TotalCount: list.length,
    OfficialAccountList: list.map((oa) => ({ Official_Account: oa.id, Name: oa.name })),
  });
};
