import {
  anyStr,
  type Body,
  int,
  isRecord,
  msgBody,
  recordList,
  seconds,
  str,
  strList,
  uint32,
} from '../state/body';
import { dedupeKey, findDuplicate, remember } from '../state/dedupe';
import { makeGroup, makeGroupMessage, makeMember } from '../state/factory';
import { overCap } from '../state/limits';
import { type CommandResult, fail, ok } from '../state/result';
import { touchSession } from '../state/sessions';
import type { Group, GroupMember, SandboxState } from '../state/types';
import { GROUP_TYPES, lookupGroup, newGroupId, publicTypeName } from './group-ids';
import type { CommandFn } from './types';

const NO_ACCOUNT = 'the account does not exist or is not imported';
const APPLY_OPTIONS = ['FreeAccess', 'NeedPermission', 'DisableApply'];

export function groupOr(state: SandboxState, body: Body): { group: Group } | CommandResult {
  const id = str(body, 'GroupId');
  if (!id) return fail(10004, 'GroupId is missing or is not a string');
  const found = lookupGroup(state, id);
  return 'group' in found ? found : fail(found.code, found.info);
}

const member = makeMember;

export function memberJson(m: GroupMember, group: Group) {
  return {
    Member_Account: m.account,
    Role: m.role,
    JoinTime: m.joinTime,
    MsgSeq: group.nextMsgSeq - 1,
    MsgFlag: m.msgFlag,
    LastSendMsgTime: m.lastSendMsgTime,
    ShutUpUntil: m.shutUpUntil,
    NameCard: m.nameCard,
    AppMemberDefinedData: [...m.custom].map(([Key, Value]) => ({ Key, Value })),
  };
}

export const createGroup: CommandFn = (state, body, ctx) => {
  const typeName = str(body, 'Type');
  const name = str(body, 'Name');
  if (!typeName || !name) return fail(10004, 'Type and Name are required');
  const type = GROUP_TYPES[typeName];
  if (!type) return fail(10004, `invalid group type: ${typeName}`);
  if (Buffer.byteLength(name) > 100) return fail(10004, 'Name is longer than 100 bytes');
  const owner = str(body, 'Owner_Account') ?? '';
  if (owner && !state.accounts.has(owner)) return fail(10019, `Owner_Account: ${NO_ACCOUNT}`);
  const list = recordList(body, 'MemberList') ?? [];
  if (type === 'AVChatRoom' && list.length > 0)
    return fail(10004, 'AVChatRoom does not accept an initial MemberList');
  if (list.length > 500) return fail(10005, 'too many accounts in MemberList');
  const applyJoinOption =
    str(body, 'ApplyJoinOption') ?? (type === 'Private' ? 'DisableApply' : 'FreeAccess');
  if (!APPLY_OPTIONS.includes(applyJoinOption)) return fail(10004, 'invalid ApplyJoinOption');

  let id = str(body, 'GroupId');
  if (id !== undefined) {
    const found = lookupGroup(state, id);
    if ('group' in found) return fail(10021, 'the group id is already in use');
    if (found.code === 10015 || id.startsWith('@TGS#')) return fail(10015, `invalid group id: ${id}`);
    if (type === 'Community' && !id.startsWith('@TGS#_'))
      return fail(10015, 'a Community group id must start with @TGS#_');
  } else {
    id = newGroupId(state, type);
  }

  const full = overCap(state.groups.size, 1, state.limits.groups, 'groups');
  if (full) return full;
  const now = seconds(ctx.nowMs);
  const members = new Map<string, GroupMember>();
  if (owner) members.set(owner, member(owner, 'Owner', now));
  for (const item of list) {
    const acc = str(item, 'Member_Account');
    if (!acc || !state.accounts.has(acc)) return fail(10019, `MemberList: ${NO_ACCOUNT}`);
    if (!members.has(acc)) members.set(acc, member(acc, item.Role === 'Admin' ? 'Admin' : 'Member', now));
  }
  const group = makeGroup({
    id,
    type,
    name,
    owner,
    createTime: now,
    introduction: str(body, 'Introduction') ?? '',
    notification: str(body, 'Notification') ?? '',
    faceUrl: str(body, 'FaceUrl') ?? '',
    applyJoinOption,
    members,
  });
  const max = int(body, 'MaxMemberCount');
  if (max !== undefined) group.maxMemberNum = max;
  state.groups.set(id, group);
  state.counters.newGroups += 1;
  return ok({ GroupId: id });
};

export const getAppidGroupList: CommandFn = (state, body) => {
  const limit = body.Limit === undefined ? 10000 : int(body, 'Limit');
  const next = body.Next === undefined ? 0 : int(body, 'Next');
  if (limit === undefined || limit <= 0 || limit > 10000 || next === undefined || next < 0) {
    return fail(10004, 'Limit or Next is invalid');
  }
  const typeFilter = str(body, 'GroupType');
  if (body.GroupType !== undefined && (!typeFilter || !GROUP_TYPES[typeFilter])) {
    return fail(10004, 'invalid GroupType');
  }
  const wanted = typeFilter ? GROUP_TYPES[typeFilter] : undefined;
  // Next is an opaque cursor in the real API; here it is the position after the previous page.
  const all = [...state.groups.values()].filter((g) => wanted === undefined || g.type === wanted);
  const page = all.slice(next, next + limit);
  const after = next + limit;
  return ok({
    TotalCount: all.length,
    GroupIdList: page.map((g) => ({ GroupId: g.id })),
    Next: after >= all.length ? 0 : after,
  });
};

export const getGroupInfo: CommandFn = (state, body) => {
  const ids = strList(body, 'GroupIdList');
  if (!ids) return fail(10004, 'GroupIdList is missing or is not an array of strings');
  if (ids.length > 50) return fail(10005, 'at most 50 groups per request');
  return ok({
    GroupInfo: ids.map((id) => {
      const found = lookupGroup(state, id);
      if (!('group' in found)) return { GroupId: id, ErrorCode: found.code, ErrorInfo: found.info };
      const g = found.group;
      const info: Record<string, unknown> = {
        GroupId: g.id,
        ErrorCode: 0,
        ErrorInfo: '',
        Type: publicTypeName(g.type),
        Name: g.name,
        Introduction: g.introduction,
        Notification: g.notification,
        FaceUrl: g.faceUrl,
        Owner_Account: g.owner,
        CreateTime: g.createTime,
        InfoSeq: g.infoSeq,
        LastInfoTime: g.lastInfoTime,
        LastMsgTime: g.lastMsgTime,
        NextMsgSeq: g.nextMsgSeq,
        MemberNum: g.members.size,
        MaxMemberNum: g.maxMemberNum,
        ApplyJoinOption: g.applyJoinOption,
        ShutUpAllMember: g.shutUpAll ? 'On' : 'Off',
        AppDefinedData: [...g.custom].map(([Key, Value]) => ({ Key, Value })),
      };
      if (g.type !== 'AVChatRoom') info.MemberList = [...g.members.values()].map((m) => memberJson(m, g));
      return info;
    }),
  });
};

export const getGroupMemberInfo: CommandFn = (state, body) => {
  const found = groupOr(state, body);
  if (!('group' in found)) return found;
  const g = found.group;
  const limit = Math.min(Math.max(int(body, 'Limit') ?? 100, 1), 6000);
  const offset = Math.max(int(body, 'Offset') ?? 0, 0);
  const all = [...g.members.values()];
  return ok({
    MemberNum: all.length,
    MemberList: all.slice(offset, offset + limit).map((m) => memberJson(m, g)),
  });
};

export const addGroupMember: CommandFn = (state, body, ctx) => {
  const found = groupOr(state, body);
  if (!('group' in found)) return found;
  const g = found.group;
  const list = recordList(body, 'MemberList');
  if (!list) return fail(10004, 'MemberList is missing or invalid');
  if (list.length > 300) return fail(10005, 'at most 300 members per request');
  if (g.type === 'AVChatRoom')
    return fail(10007, 'AVChatRoom does not support adding members; users join from the SDK');
  const now = seconds(ctx.nowMs);
  const result = list.map((item) => {
    const acc = str(item, 'Member_Account') ?? '';
    // Result: 0 failed, 1 added, 2 already a member (documented values).
    if (!state.accounts.has(acc)) return { Member_Account: acc, Result: 0 };
    if (g.members.has(acc)) return { Member_Account: acc, Result: 2 };
    if (g.maxMemberNum > 0 && g.members.size >= g.maxMemberNum) return { Member_Account: acc, Result: 0 };
    g.members.set(acc, member(acc, 'Member', now));
    return { Member_Account: acc, Result: 1 };
  });
  return ok({ MemberList: result });
};

export const deleteGroupMember: CommandFn = (state, body) => {
  const found = groupOr(state, body);
  if (!('group' in found)) return found;
  const g = found.group;
  const accounts = strList(body, 'MemberToDel_Account');
  if (!accounts) return fail(10004, 'MemberToDel_Account is missing or is not an array of strings');
  if (g.type === 'AVChatRoom')
    return fail(10004, 'AVChatRoom members cannot be deleted; mute or ban them instead');
  if (accounts.includes(g.owner)) return fail(10004, 'the group owner cannot be removed');
  for (const a of accounts) g.members.delete(a);
  return ok();
};

export const modifyGroupBaseInfo: CommandFn = (state, body, ctx) => {
  const found = groupOr(state, body);
  if (!('group' in found)) return found;
  const g = found.group;
  const name = body.Name === undefined ? undefined : str(body, 'Name');
  if (body.Name !== undefined && (!name || Buffer.byteLength(name) > 100)) return fail(10004, 'invalid Name');
  const apply = body.ApplyJoinOption === undefined ? undefined : str(body, 'ApplyJoinOption');
  if (body.ApplyJoinOption !== undefined && (!apply || !APPLY_OPTIONS.includes(apply))) {
    return fail(10004, 'invalid ApplyJoinOption');
  }
  const shut = body.ShutUpAllMember;
  if (shut !== undefined && shut !== 'On' && shut !== 'Off')
    return fail(10004, 'ShutUpAllMember must be On or Off');
  const max = body.MaxMemberNum === undefined ? undefined : int(body, 'MaxMemberNum');
  if (body.MaxMemberNum !== undefined && (max === undefined || max < g.members.size)) {
    return fail(10004, 'MaxMemberNum is invalid or smaller than the current member count');
  }
  if (name !== undefined) g.name = name;
  if (apply !== undefined) g.applyJoinOption = apply;
  if (max !== undefined) g.maxMemberNum = max;
  const intro = anyStr(body, 'Introduction');
  if (intro !== undefined) g.introduction = intro;
  const notice = anyStr(body, 'Notification');
  if (notice !== undefined) g.notification = notice;
  const face = anyStr(body, 'FaceUrl');
  if (face !== undefined) g.faceUrl = face;
  if (shut !== undefined) g.shutUpAll = shut === 'On';
  g.infoSeq += 1;
  g.lastInfoTime = seconds(ctx.nowMs);
  return ok();
};

export const changeGroupOwner: CommandFn = (state, body) => {
  const found = groupOr(state, body);
  if (!('group' in found)) return found;
  const g = found.group;
  const next = str(body, 'NewOwner_Account');
  if (!next) return fail(10004, 'NewOwner_Account is missing or is not a string');
  if (g.type === 'AVChatRoom') return fail(10007, 'AVChatRoom does not support transferring ownership');
  if (!state.accounts.has(next)) return fail(10019, `NewOwner_Account: ${NO_ACCOUNT}`);
  const m = g.members.get(next);
  if (!m) return fail(10004, 'the new owner must be a member of the group');
  const old = g.members.get(g.owner);
  if (old) old.role = 'Member';
  m.role = 'Owner';
  g.owner = next;
  return ok();
};

export const forbidSendMsg: CommandFn = (state, body, ctx) => {
  const found = groupOr(state, body);
  if (!('group' in found)) return found;
  const g = found.group;
  const accounts = strList(body, 'Members_Account');
  const muteTime = uint32(body, 'MuteTime');
  if (!accounts || muteTime === undefined)
    return fail(10004, 'Members_Account or MuteTime is missing or invalid');
  if (accounts.length > 500) return fail(10005, 'at most 500 accounts per request');
  const until = muteTime === 0 ? 0 : seconds(ctx.nowMs) + muteTime;
  for (const a of accounts) {
    const m = g.members.get(a);
    if (m) m.shutUpUntil = until;
  }
  return ok();
};

export const sendGroupMsg: CommandFn = (state, body, ctx) => {
  const found = groupOr(state, body);
  if (!('group' in found)) return found;
  const g = found.group;
  const random = uint32(body, 'Random');
  if (random === undefined) return fail(10004, 'Random is missing or is not an integer');
  const content = msgBody(body, 'MsgBody');
  if (!content) return fail(10004, 'MsgBody is not an array of message elements');
  const now = seconds(ctx.nowMs);
  const from = str(body, 'From_Account');
  if (from !== undefined) {
    if (!state.accounts.has(from)) return fail(10019, `From_Account: ${NO_ACCOUNT}`);
    const m = g.members.get(from);
    // AVChatRoom senders need not be members (they join from the SDK, which we do not emulate).
    if (!m && g.type !== 'AVChatRoom') return fail(10007, 'From_Account is not a member of the group');
    if (m && m.shutUpUntil > now) return fail(10017, 'the sender is muted in this group');
    if (g.shutUpAll && m?.role === 'Member') return fail(10017, 'the group is muted for all members');
    const mute = state.globalMute.get(from);
    if (mute && mute.groupUntil > now) return fail(10017, 'the sender is globally muted for group messages');
  }
  const sender = from ?? ctx.admin;
  const key = dedupeKey(`group:${g.id}`, sender, random, content);
  const dup = findDuplicate(state, key, ctx.nowMs);
  if (dup) return ok(dup.fields);
  // AVChatRoom messages are delivered, not stored (the real service keeps no history for them).
  if (g.type !== 'AVChatRoom') {
    const full = overCap(g.messages.length, 1, state.limits.groupMessages, 'messages per group');
    if (full) return full;
  }
  const seq = g.nextMsgSeq;
  if (g.type !== 'AVChatRoom')
    g.messages.push(makeGroupMessage({ seq, from: sender, random, time: now, body: content }));
  g.nextMsgSeq += 1;
  g.lastMsgTime = now;
  state.counters.groupMsgs += 1;
  const m = g.members.get(sender);
  if (m) m.lastSendMsgTime = now;
  if (g.type !== 'AVChatRoom') for (const a of g.members.keys()) touchSession(state, a, 2, g.id, now);
  const fields = { MsgTime: now, MsgSeq: seq };
  remember(state, key, ctx.nowMs, fields);
  return ok(fields);
};

export const groupMsgGetSimple: CommandFn = (state, body) => {
  const found = groupOr(state, body);
  if (!('group' in found)) return found;
  const g = found.group;
  const count = int(body, 'ReqMsgNumber');
  if (count === undefined || count < 1 || count > 20)
    return fail(10004, 'ReqMsgNumber must be an integer from 1 to 20');
  if (g.type === 'AVChatRoom') return fail(10007, 'AVChatRoom does not store message history');
  const fromSeq = int(body, 'ReqMsgSeq') ?? g.nextMsgSeq - 1;
  // Recalled messages are dropped from history, as clients see them.
  const older = g.messages
    .filter((m) => m.seq <= fromSeq && !m.recalled && !m.deleted)
    .sort((a, b) => b.seq - a.seq);
  const page = older.slice(0, count);
  return ok({
    GroupId: g.id,
    IsFinished: older.length <= count ? 1 : 0,
    RspMsgList: page.map((m) => ({
      From_Account: m.from,
      IsPlaceMsg: 0,
      MsgBody: m.body,
      MsgPriority: 1,
      MsgRandom: m.random,
      MsgSeq: m.seq,
      MsgTimeStamp: m.time,
    })),
  });
};

export const groupMsgRecall: CommandFn = (state, body) => {
  const found = groupOr(state, body);
  if (!('group' in found)) return found;
  const g = found.group;
  const list = recordList(body, 'MsgSeqList');
  if (!list) return fail(10004, 'MsgSeqList is missing or invalid');
  if (g.type === 'AVChatRoom') return fail(10033, 'this group type does not support recalling messages');
  return ok({
    RecallRetList: list.map((item) => {
      const seq = int(item, 'MsgSeq');
      const msg = g.messages.find((m) => m.seq === seq && !m.recalled && !m.deleted);
      if (!msg) return { MsgSeq: seq ?? 0, RetCode: 10030 };
      msg.recalled = true;
      return { MsgSeq: msg.seq, RetCode: 0 };
    }),
  });
};

export const destroyGroup: CommandFn = (state, body) => {
  const found = groupOr(state, body);
  if (!('group' in found)) return found;
  state.groups.delete(found.group.id);
  for (const list of state.sessions.values()) list.delete(`2:${found.group.id}`);
  return ok();
};

export const getJoinedGroupList: CommandFn = (state, body) => {
  const account = str(body, 'Member_Account');
  if (!account) return fail(10004, 'Member_Account is missing or is not a string');
  if (!state.accounts.has(account)) return fail(10019, `Member_Account: ${NO_ACCOUNT}`);
  const typeFilter = str(body, 'GroupType');
  const wanted = typeFilter ? GROUP_TYPES[typeFilter] : undefined;
  if (typeFilter && !wanted) return fail(10004, 'invalid GroupType');
  // AVChatRoom groups are only listed when asked for explicitly, as documented.
  const all = [...state.groups.values()].filter(
    (g) => g.members.has(account) && (wanted ? g.type === wanted : g.type !== 'AVChatRoom'),
  );
  const limit = int(body, 'Limit');
  const offset = Math.max(int(body, 'Offset') ?? 0, 0);
  const page = limit === undefined ? all.slice(offset) : all.slice(offset, offset + Math.max(limit, 0));
  // ResponseFilter names the group fields (GroupBaseInfoFilter) and the member's own (SelfInfoFilter) to add.
  const filter = isRecord(body.ResponseFilter) ? body.ResponseFilter : {};
  const baseFields = strList(filter, 'GroupBaseInfoFilter') ?? [];
  const selfFields = strList(filter, 'SelfInfoFilter') ?? [];
  return ok({
    TotalCount: all.length,
    GroupIdList: page.map((g) => {
      const item: Record<string, unknown> = { GroupId: g.id };
      const base: Record<string, unknown> = {
        Type: publicTypeName(g.type),
        Name: g.name,
        Introduction: g.introduction,
        Notification: g.notification,
        FaceUrl: g.faceUrl,
        Owner_Account: g.owner,
        CreateTime: g.createTime,
        MemberNum: g.members.size,
        MaxMemberNum: g.maxMemberNum,
        ApplyJoinOption: g.applyJoinOption,
        LastMsgTime: g.lastMsgTime,
        NextMsgSeq: g.nextMsgSeq,
      };
      for (const f of baseFields) if (f in base) item[f] = base[f];
      const self = g.members.get(account);
      if (self && selfFields.length > 0) {
        const mine: Record<string, unknown> = memberJson(self, g);
        const selfInfo: Record<string, unknown> = {};
        for (const f of selfFields) if (f in mine) selfInfo[f] = mine[f];
        item.SelfInfo = selfInfo;
      }
      return item;
    }),
  });
};
