import { anyStr, type Body, int, msgBody, recordList, seconds, str, strList, uint32 } from '../state/body';
import { makeGroupMessage, makeMember } from '../state/factory';
import { overCap } from '../state/limits';
import { type CommandResult, fail, ok } from '../state/result';
import { touchSession } from '../state/sessions';
import type { Group, MemberRole, SandboxState } from '../state/types';
import { createGroup, groupOr, memberJson } from './groups';
import type { CommandFn } from './types';

// Group management, messages, attributes, counters and AVChatRoom commands beyond the basics in
// groups.ts. Codes: 10004 invalid parameter, 10005 too many accounts, 10007 not allowed, 10010 no
// such group, 10019 no such account.

type Found = { group: Group } | CommandResult;
const isFound = (f: Found): f is { group: Group } => 'group' in f;

function storeFull(state: SandboxState, g: Group, adding: number): CommandResult | undefined {
  return overCap(g.messages.length, adding, state.limits.groupMessages, 'messages per group');
}

export const getSpecifiedGroupMemberInfo: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const ids = strList(body, 'Member_List_Account');
  if (!ids) return fail(10004, 'Member_List_Account is missing or is not an array of strings');
  if (ids.length > 500) return fail(10005, 'at most 500 accounts per request');
  const g = f.group;
  return ok({
    MemberList: ids.flatMap((id) => {
      const m = g.members.get(id);
      return m ? [memberJson(m, g)] : [];
    }),
  });
};

export const modifyGroupMemberInfo: CommandFn = (state, body, ctx) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const g = f.group;
  const account = str(body, 'Member_Account');
  if (!account) return fail(10004, 'Member_Account is missing or is not a string');
  if (!state.accounts.has(account)) return fail(10019, 'Member_Account does not exist or is not imported');
  const m = g.members.get(account);
  if (!m) return fail(10007, 'Member_Account is not a member of the group');
  const role = body.Role;
  if (role !== undefined) {
    if (role !== 'Admin' && role !== 'Member') return fail(10004, 'Role must be Admin or Member');
    if (m.role === 'Owner')
      return fail(10004, 'the owner\u2019s role cannot be changed; use change_group_owner');
    if (g.type === 'AVChatRoom' || g.type === 'Private')
      return fail(10007, `a ${g.type} group has no admins`);
    m.role = role;
  }
  const flag = body.MsgFlag;
  if (flag !== undefined) {
    if (flag !== 'AcceptAndNotify' && flag !== 'AcceptNotNotify' && flag !== 'Discard')
      return fail(10004, 'MsgFlag must be AcceptAndNotify, AcceptNotNotify or Discard');
    m.msgFlag = flag;
  }
  const card = anyStr(body, 'NameCard');
  if (card !== undefined) {
    if (Buffer.byteLength(card) > 50) return fail(10004, 'NameCard is at most 50 bytes');
    m.nameCard = card;
  }
  const shut = uint32(body, 'ShutUpTime');
  if (shut !== undefined) m.shutUpUntil = shut === 0 ? 0 : seconds(ctx.nowMs) + shut;
  const custom = recordList(body, 'AppMemberDefinedData');
  for (const item of custom ?? []) {
    const key = str(item, 'Key');
    if (!key) return fail(10004, 'AppMemberDefinedData items need a Key');
    const value = anyStr(item, 'Value') ?? '';
    if (value === '') m.custom.delete(key);
    else m.custom.set(key, value);
  }
  return ok();
};

export const getRoleInGroup: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const ids = strList(body, 'User_Account');
  if (!ids) return fail(10004, 'User_Account is missing or is not an array of strings');
  if (ids.length > 500) return fail(10005, 'at most 500 accounts per request');
  const g = f.group;
  return ok({
    UserIdList: ids.map((id) => ({
      Member_Account: id,
      Role: g.members.get(id)?.role ?? (g.avAdmins.has(id) ? 'Admin' : 'NotMember'),
    })),
  });
};

export const getGroupMutedAccount: CommandFn = (state, body, ctx) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const now = seconds(ctx.nowMs);
  return ok({
    GroupId: f.group.id,
    ShuttedUinList: [...f.group.members.values()]
      .filter((m) => m.shutUpUntil > now)
      .map((m) => ({ Member_Account: m.account, ShuttedUntil: m.shutUpUntil })),
  });
};

export const importGroup: CommandFn = (state, body, ctx) => {
  const createTime = body.CreateTime === undefined ? undefined : int(body, 'CreateTime');
  if (
    body.CreateTime !== undefined &&
    (createTime === undefined || createTime < 0 || createTime > seconds(ctx.nowMs))
  )
    return fail(10004, 'CreateTime must be a past UNIX time in seconds');
  if (str(body, 'Type') === 'AVChatRoom') return fail(10007, 'AVChatRoom groups cannot be imported');
  const result = createGroup(state, body, ctx);
  if (result.kind === 'ok' && createTime !== undefined) {
    const g = state.groups.get(String(result.fields.GroupId));
    if (g) {
      g.createTime = createTime;
      for (const m of g.members.values()) m.joinTime = createTime;
    }
  }
  return result;
};

export const importGroupMember: CommandFn = (state, body, ctx) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const g = f.group;
  if (g.type === 'AVChatRoom') return fail(10007, 'AVChatRoom members cannot be imported');
  const list = recordList(body, 'MemberList');
  if (!list) return fail(10004, 'MemberList is missing or invalid');
  if (list.length > 300) return fail(10005, 'at most 300 members per request');
  const now = seconds(ctx.nowMs);
  return ok({
    MemberList: list.map((item) => {
      const acc = str(item, 'Member_Account') ?? '';
      if (!state.accounts.has(acc)) return { Member_Account: acc, Result: 0 };
      if (g.members.has(acc)) return { Member_Account: acc, Result: 2 };
      if (g.maxMemberNum > 0 && g.members.size >= g.maxMemberNum) return { Member_Account: acc, Result: 0 };
      const role: MemberRole = item.Role === 'Admin' ? 'Admin' : 'Member';
      const m = makeMember(acc, role, int(item, 'JoinTime') ?? now);
      m.unreadMsgNum = Math.max(int(item, 'UnreadMsgNum') ?? 0, 0);
      g.members.set(acc, m);
      return { Member_Account: acc, Result: 1 };
    }),
  });
};

export const setUnreadMsgNum: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const account = str(body, 'Member_Account');
  const n = uint32(body, 'UnreadMsgNum');
  if (!account || n === undefined) return fail(10004, 'Member_Account or UnreadMsgNum is missing or invalid');
  const m = f.group.members.get(account);
  if (!m) return fail(10007, 'Member_Account is not a member of the group');
  // The unread count cannot exceed the group's message count.
  m.unreadMsgNum = Math.min(n, f.group.nextMsgSeq - 1);
  return ok();
};

export const getOnlineMemberNum: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const g = f.group;
  const online =
    g.type === 'AVChatRoom'
      ? g.online.size
      : [...g.members.keys()].filter((id) => state.accounts.get(id)?.online !== 'Offline').length;
  return ok({ OnlineMemberNum: online });
};

function liveBans(g: Group, now: number): [string, { until: number; reason: string }][] {
  return [...g.bans].filter(([, b]) => b.until > now);
}

export const getGroupBanMember: CommandFn = (state, body, ctx) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const limit = Math.min(Math.max(int(body, 'Limit') ?? 10, 1), 100);
  const offset = Math.max(int(body, 'Offset') ?? 0, 0);
  const all = liveBans(f.group, seconds(ctx.nowMs));
  return ok({
    BannedAccountList: all
      .slice(offset, offset + limit)
      .map(([id, b]) => ({ Member_Account: id, BannedUntil: b.until, Description: b.reason })),
    NextOffset: offset + limit < all.length ? offset + limit : 0,
  });
};

export const banGroupMember: CommandFn = (state, body, ctx) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const g = f.group;
  const ids = strList(body, 'Members_Account');
  const duration = uint32(body, 'Duration');
  if (!ids || duration === undefined || duration === 0)
    return fail(10004, 'Members_Account or Duration (seconds, > 0) is missing or invalid');
  if (ids.length > 20) return fail(10005, 'at most 20 accounts per request');
  if (ids.includes(g.owner)) return fail(10004, 'the group owner cannot be banned');
  const unknown = ids.filter((id) => !state.accounts.has(id));
  if (unknown.length > 0) return fail(10019, `accounts not imported: ${unknown.join(', ')}`);
  const full = overCap(g.bans.size, ids.length, state.limits.collection, 'banned accounts per group');
  if (full) return full;
  const until = seconds(ctx.nowMs) + duration;
  const reason = anyStr(body, 'Description') ?? '';
  for (const id of ids) {
    // A ban removes the member and bars them from rejoining until it ends.
    g.members.delete(id);
    g.bans.set(id, { until, reason });
  }
  return ok();
};

export const unbanGroupMember: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const ids = strList(body, 'Members_Account');
  if (!ids) return fail(10004, 'Members_Account is missing or is not an array of strings');
  if (ids.length > 20) return fail(10005, 'at most 20 accounts per request');
  for (const id of ids) f.group.bans.delete(id);
  return ok();
};

// Group messages.

function appendMessage(
  state: SandboxState,
  g: Group,
  from: string,
  random: number,
  time: number,
  content: unknown[],
) {
  const seq = g.nextMsgSeq;
  g.messages.push(makeGroupMessage({ seq, from, random, time, body: content }));
  g.nextMsgSeq += 1;
  g.lastMsgTime = Math.max(g.lastMsgTime, time);
  state.counters.groupMsgs += 1;
  if (g.type !== 'AVChatRoom') for (const a of g.members.keys()) touchSession(state, a, 2, g.id, time);
  return seq;
}

export const sendGroupSystemNotification: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const content = str(body, 'Content');
  if (!content) return fail(10004, 'Content is missing or is not a string');
  if (Buffer.byteLength(content) > 8192) return fail(80002, 'Content is longer than 8 KB');
  const to = body.ToMembers_Account === undefined ? undefined : strList(body, 'ToMembers_Account');
  if (body.ToMembers_Account !== undefined && !to)
    return fail(10004, 'ToMembers_Account must be an array of UserIDs');
  if (to && to.length > 500) return fail(10005, 'at most 500 accounts per request');
  // A system notification is delivered to the members online and is not part of the history, so
  // the sandbox (which delivers nothing) only checks it.
  return ok();
};

export const sendBroadcastMsg: CommandFn = (state, body, ctx) => {
  const random = uint32(body, 'Random');
  const content = msgBody(body, 'MsgBody');
  if (random === undefined || !content) return fail(10004, 'Random or MsgBody is missing or invalid');
  const from = str(body, 'From_Account') ?? ctx.admin;
  if (!state.accounts.has(from)) return fail(10019, 'From_Account does not exist or is not imported');
  // A broadcast reaches every audio-video group of the app; AVChatRoom messages are not stored.
  let groups = 0;
  for (const g of state.groups.values()) {
    if (g.type !== 'AVChatRoom') continue;
    g.nextMsgSeq += 1;
    g.lastMsgTime = seconds(ctx.nowMs);
    groups += 1;
  }
  state.counters.groupMsgs += groups;
  return ok();
};

export const importGroupMsg: CommandFn = (state, body, ctx) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const g = f.group;
  if (g.type === 'AVChatRoom') return fail(10007, 'AVChatRoom messages cannot be imported');
  const list = recordList(body, 'MsgList');
  if (!list) return fail(10004, 'MsgList is missing or invalid');
  if (list.length > 20) return fail(10005, 'at most 20 messages per request');
  const full = storeFull(state, g, list.length);
  if (full) return full;
  const now = seconds(ctx.nowMs);
  for (const m of list) {
    const from = str(m, 'From_Account');
    const time = int(m, 'SendTime');
    if (
      !from ||
      time === undefined ||
      time < 0 ||
      time > now ||
      uint32(m, 'Random') === undefined ||
      !msgBody(m, 'MsgBody')
    )
      return fail(10004, 'each message needs From_Account, a past SendTime, Random and MsgBody');
    if (!state.accounts.has(from))
      return fail(10019, `From_Account ${from} does not exist or is not imported`);
  }
  // Imported messages are stored in SendTime order; they do not raise unread counts.
  const result = [...list]
    .sort((a, b) => (int(a, 'SendTime') ?? 0) - (int(b, 'SendTime') ?? 0))
    .map((m) => {
      const time = int(m, 'SendTime') ?? now;
      const seq = appendMessage(
        state,
        g,
        str(m, 'From_Account') ?? '',
        uint32(m, 'Random') ?? 0,
        time,
        msgBody(m, 'MsgBody') ?? [],
      );
      // Result 0 = imported (1 failed, 2 duplicate), as documented.
      return { MsgSeq: seq, MsgTime: time, Result: 0 };
    });
  return ok({ ImportMsgResult: result });
};

export const deleteGroupMsgBySender: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const sender = str(body, 'Sender_Account');
  if (!sender) return fail(10004, 'Sender_Account is missing or is not a string');
  if (!state.accounts.has(sender)) return fail(10019, 'Sender_Account does not exist or is not imported');
  for (const m of f.group.messages) if (m.from === sender) m.deleted = true;
  return ok();
};

export const modifyGroupMsg: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const seq = int(body, 'MsgSeq');
  const content = msgBody(body, 'MsgBody');
  if (seq === undefined || !content) return fail(10004, 'MsgSeq or MsgBody is missing or invalid');
  if (f.group.type === 'AVChatRoom')
    return fail(10007, 'AVChatRoom messages are not stored, so they cannot be modified');
  const msg = f.group.messages.find((m) => m.seq === seq && !m.recalled && !m.deleted);
  if (!msg) return fail(10030, 'the message does not exist, was recalled or was deleted');
  msg.body = content;
  msg.modified += 1;
  return ok();
};

export const clearGroupMsg: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const upTo = body.MsgSeq === undefined ? f.group.nextMsgSeq - 1 : int(body, 'MsgSeq');
  if (upTo === undefined || upTo < 0) return fail(10004, 'MsgSeq must be a non-negative integer');
  // Clears the history up to and including MsgSeq (all of it without MsgSeq).
  for (const m of f.group.messages) if (m.seq <= upTo) m.deleted = true;
  return ok();
};

function seqList(body: Body): number[] | undefined {
  const list = recordList(body, 'MsgSeqList');
  if (!list) return undefined;
  const seqs = list.map((i) => int(i, 'MsgSeq'));
  return seqs.every((s): s is number => s !== undefined) ? seqs : undefined;
}

export const groupMsgReceipt: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const g = f.group;
  const from = str(body, 'From_Account');
  const seqs = seqList(body);
  if (!from || !seqs) return fail(10004, 'From_Account or MsgSeqList is missing or invalid');
  if (!g.members.has(from)) return fail(10007, 'From_Account is not a member of the group');
  return ok({
    MsgSeqList: seqs.map((seq) => {
      const msg = g.messages.find((m) => m.seq === seq && !m.recalled && !m.deleted);
      if (!msg) return { MsgSeq: seq, ErrorCode: 10030 };
      if (msg.from !== from) msg.readBy.add(from);
      return { MsgSeq: seq, ErrorCode: 0 };
    }),
  });
};

function readersOf(g: Group, seq: number) {
  const msg = g.messages.find((m) => m.seq === seq && !m.recalled && !m.deleted);
  if (!msg) return undefined;
  const others = [...g.members.keys()].filter((id) => id !== msg.from);
  return {
    read: others.filter((id) => msg.readBy.has(id)),
    unread: others.filter((id) => !msg.readBy.has(id)),
  };
}

export const getGroupMsgReceipt: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const seqs = seqList(body);
  if (!seqs) return fail(10004, 'MsgSeqList is missing or invalid');
  return ok({
    GroupMsgReceiptList: seqs.map((seq) => {
      const r = readersOf(f.group, seq);
      return r
        ? { MsgSeq: seq, ReadNum: r.read.length, UnreadNum: r.unread.length, ErrorCode: 0 }
        : { MsgSeq: seq, ReadNum: 0, UnreadNum: 0, ErrorCode: 10030 };
    }),
  });
};

export const getGroupMsgReceiptDetail: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const seq = int(body, 'MsgSeq');
  const filter = int(body, 'Filter') ?? 0;
  if (seq === undefined || (filter !== 0 && filter !== 1))
    return fail(10004, 'MsgSeq or Filter (0 read, 1 unread) is invalid');
  const r = readersOf(f.group, seq);
  if (!r) return fail(10030, 'the message does not exist');
  const count = Math.min(Math.max(int(body, 'Count') ?? 100, 1), 100);
  const all = filter === 0 ? r.read : r.unread;
  const cursor = str(body, 'Cursor');
  const start = cursor && /^\d+$/.test(cursor) ? Number(cursor) : 0;
  const next = start + count < all.length ? String(start + count) : '';
  return ok({
    ReadNum: r.read.length,
    UnreadNum: r.unread.length,
    [filter === 0 ? 'ReadList' : 'UnreadList']: all
      .slice(start, start + count)
      .map((id) => ({ Member_Account: id })),
    Cursor: next,
    IsFinished: next === '' ? 1 : 0,
  });
};

// Group attributes: at most 16 keys, key ≤ 32 bytes, value ≤ 4 KB, 16 KB in all.

function attrsFrom(body: Body, needValue: boolean): [string, string][] | CommandResult {
  const list = recordList(body, 'GroupAttr');
  if (!list) return fail(10004, 'GroupAttr is missing or invalid');
  const out: [string, string][] = [];
  for (const item of list) {
    const key = str(item, 'key');
    const value = anyStr(item, 'value');
    if (!key || Buffer.byteLength(key) > 32)
      return fail(10004, 'each attribute needs a key of at most 32 bytes');
    if (needValue && (value === undefined || Buffer.byteLength(value) > 4096))
      return fail(10004, 'each attribute needs a value of at most 4 KB');
    out.push([key, value ?? '']);
  }
  return out;
}

function attrsFit(attrs: Map<string, string>): CommandResult | undefined {
  if (attrs.size > 16) return fail(10004, 'a group keeps at most 16 attributes');
  let total = 0;
  for (const [k, v] of attrs) total += Buffer.byteLength(k) + Buffer.byteLength(v);
  return total > 16384 ? fail(10004, 'the attributes of a group are at most 16 KB in all') : undefined;
}

export const getGroupAttr: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  return ok({ GroupAttrAry: [...f.group.attrs].map(([key, value]) => ({ key, value })) });
};

function writeAttrs(state: SandboxState, body: Body, replace: boolean): CommandResult {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const parsed = attrsFrom(body, true);
  if (!Array.isArray(parsed)) return parsed;
  const next = new Map(replace ? [] : f.group.attrs);
  for (const [k, v] of parsed) next.set(k, v);
  const bad = attrsFit(next);
  if (bad) return bad;
  f.group.attrs = next;
  return ok();
}

export const modifyGroupAttr: CommandFn = (state, body) => writeAttrs(state, body, false);
export const setGroupAttr: CommandFn = (state, body) => writeAttrs(state, body, true);

export const clearGroupAttr: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  f.group.attrs.clear();
  return ok();
};

export const deleteGroupAttr: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const parsed = attrsFrom(body, false);
  if (!Array.isArray(parsed)) return parsed;
  for (const [k] of parsed) f.group.attrs.delete(k);
  return ok();
};

// Group counters: at most 20 keys per group; values are 64-bit integers, ≥ 0.

function counterJson(g: Group, keys?: string[]) {
  const wanted = keys ?? [...g.counters.keys()];
  return wanted.flatMap((Key) => {
    const Value = g.counters.get(Key);
    return Value === undefined ? [] : [{ Key, Value }];
  });
}

export const getGroupCounter: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const keys = body.GroupCounterKeys === undefined ? undefined : strList(body, 'GroupCounterKeys');
  if (body.GroupCounterKeys !== undefined && !keys)
    return fail(10004, 'GroupCounterKeys must be an array of strings');
  return ok({ GroupCounter: counterJson(f.group, keys) });
};

export const updateGroupCounter: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const g = f.group;
  const list = recordList(body, 'GroupCounter');
  const mode = str(body, 'Mode') ?? 'Set';
  if (!list || !['Set', 'Increase', 'Decrease'].includes(mode))
    return fail(10004, 'GroupCounter is missing or Mode is not Set, Increase or Decrease');
  const next = new Map(g.counters);
  for (const item of list) {
    const key = str(item, 'Key');
    const value = int(item, 'Value');
    if (!key || Buffer.byteLength(key) > 128 || value === undefined || value < 0)
      return fail(10004, 'each counter needs a Key of at most 128 bytes and a non-negative integer Value');
    const old = next.get(key) ?? 0;
    const v = mode === 'Set' ? value : mode === 'Increase' ? old + value : old - value;
    if (v < 0) return fail(10004, `counter ${key} would drop below 0`);
    next.set(key, v);
  }
  if (next.size > 20) return fail(10004, 'a group keeps at most 20 counters');
  g.counters = next;
  return ok({
    GroupCounter: counterJson(
      g,
      list.map((i) => str(i, 'Key') ?? ''),
    ),
  });
};

export const deleteGroupCounter: CommandFn = (state, body) => {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  const keys = strList(body, 'GroupCounterKeys');
  if (!keys) return fail(10004, 'GroupCounterKeys is missing or is not an array of strings');
  for (const k of keys) f.group.counters.delete(k);
  return ok();
};

// AVChatRoom: the members online in the room (seeded; users join from the SDK), marks and admins.

function avGroup(state: SandboxState, body: Body): Found {
  const f = groupOr(state, body);
  if (!isFound(f)) return f;
  return f.group.type === 'AVChatRoom' ? f : fail(10007, 'this command is for AVChatRoom groups only');
}

function marksOf(g: Group): Map<string, number[]> {
  return g.avMarks;
}

export const avGetMembers: CommandFn = (state, body) => {
  const f = avGroup(state, body);
  if (!isFound(f)) return f;
  const marks = marksOf(f.group);
  return ok({
    MemberList: [...f.group.online].map((id) => ({ Member_Account: id, Marks: marks.get(id) ?? [] })),
    NextTimestamp: 0,
  });
};

export const avModifyUserInfo: CommandFn = (state, body) => {
  const f = avGroup(state, body);
  if (!isFound(f)) return f;
  const type = int(body, 'CommandType');
  const list = recordList(body, 'MemberList');
  if ((type !== 1 && type !== 2) || !list)
    return fail(10004, 'CommandType (1 set, 2 delete) or MemberList is invalid');
  const marks = marksOf(f.group);
  for (const item of list) {
    const id = str(item, 'Member_Account');
    const values = Array.isArray(item.Marks)
      ? item.Marks.filter((v): v is number => typeof v === 'number')
      : [];
    if (!id || values.length === 0 || values.some((v) => v < 1000 || v > 1999))
      return fail(10004, 'each member needs Member_Account and Marks from 1000 to 1999');
    const current = new Set(marks.get(id) ?? []);
    for (const v of values) type === 1 ? current.add(v) : current.delete(v);
    if (current.size > 10) return fail(10004, 'a member keeps at most 10 marks');
    marks.set(id, [...current]);
  }
  return ok();
};

export const avModifyAdmin: CommandFn = (state, body) => {
  const f = avGroup(state, body);
  if (!isFound(f)) return f;
  const type = int(body, 'CommandType');
  const ids = strList(body, 'Admin_Account');
  if ((type !== 1 && type !== 2) || !ids)
    return fail(10004, 'CommandType (1 add, 2 remove) or Admin_Account is invalid');
  if (ids.length > 10) return fail(10005, 'at most 10 accounts per request');
  const unknown = ids.filter((id) => !state.accounts.has(id));
  if (unknown.length > 0) return fail(10019, `accounts not imported: ${unknown.join(', ')}`);
  for (const id of ids) type === 1 ? f.group.avAdmins.add(id) : f.group.avAdmins.delete(id);
  if (f.group.avAdmins.size > 100) return fail(10004, 'an AVChatRoom has at most 100 admins');
  return ok();
};

export const avGetAdminList: CommandFn = (state, body) => {
  const f = avGroup(state, body);
  if (!isFound(f)) return f;
  return ok({ AdminList: [...f.group.avAdmins].map((id) => ({ Member_Account: id })) });
};

export const avCheckMembers: CommandFn = (state, body) => {
  const f = avGroup(state, body);
  if (!isFound(f)) return f;
  const ids = strList(body, 'Member_Account');
  if (!ids) return fail(10004, 'Member_Account is missing or is not an array of strings');
  if (ids.length > 500) return fail(10005, 'at most 500 accounts per request');
  return ok({
    MemberList: ids.map((id) => ({ Member_Account: id, IsMember: f.group.online.has(id) ? 1 : 0 })),
  });
};
