import { int, msgBody, recordList, seconds, str, strList, uint32 } from '../state/body';
import { dedupeKey, findDuplicate, remember } from '../state/dedupe';
import { emptyExtensions } from '../state/factory';
import { overCap } from '../state/limits';
import { fail, ok } from '../state/result';
import { touchSession } from '../state/sessions';
import type { C2CMessage, CommandContext, SandboxState } from '../state/types';
import type { CommandFn } from './types';

interface Draft {
  from: string;
  to: string;
  random: number;
  time: number;
  body: unknown[];
  read: boolean;
}

function store(state: SandboxState, d: Draft): C2CMessage {
  state.counters.c2cSeq += 1;
  state.counters.c2cMsgs += 1;
  const seq = state.counters.c2cSeq;
  const msg: C2CMessage = {
    ...d,
    seq,
    key: `${seq}_${d.random}_${d.time}`,
    withdrawn: false,
    deletedFor: new Set(),
    receipt: false,
    modified: 0,
    ext: emptyExtensions(),
  };
  state.c2c.push(msg);
  touchSession(state, d.from, 1, d.to, d.time);
  touchSession(state, d.to, 1, d.from, d.time);
  return msg;
}

function c2cFull(state: SandboxState, adding: number) {
  return overCap(state.c2c.length, adding, state.limits.c2cMessages, 'one-to-one messages');
}

function c2cMuted(state: SandboxState, from: string, ctx: CommandContext): boolean {
  const mute = state.globalMute.get(from);
  return mute !== undefined && mute.c2cUntil > seconds(ctx.nowMs);
}

export const sendmsg: CommandFn = (state, body, ctx) => {
  const to = str(body, 'To_Account');
  if (!to) return fail(90003, 'To_Account is missing or is not a string');
  const random = uint32(body, 'MsgRandom');
  if (random === undefined) return fail(90005, 'MsgRandom is missing or is not an integer');
  const content = msgBody(body, 'MsgBody');
  if (!content) return fail(90007, 'MsgBody is not an array of message elements');
  // Without From_Account the message comes from the admin identifier.
  const from = str(body, 'From_Account') ?? ctx.admin;
  if (!state.accounts.has(from)) return fail(20003, 'From_Account is invalid or not imported');
  if (!state.accounts.has(to)) return fail(90012, 'To_Account is not imported or does not exist');
  if (state.blocklists.get(to)?.has(from))
    return fail(20007, 'the sender is in the recipient\u2019s blocklist');
  if (c2cMuted(state, from, ctx)) return fail(20012, 'the sender is globally muted for one-to-one messages');
  const key = dedupeKey(`c2c:${to}`, from, random, content);
  const dup = findDuplicate(state, key, ctx.nowMs);
  if (dup) return ok(dup.fields);
  const full = c2cFull(state, 1);
  if (full) return full;
  const msg = store(state, { from, to, random, time: seconds(ctx.nowMs), body: content, read: false });
  const fields = { MsgTime: msg.time, MsgKey: msg.key };
  remember(state, key, ctx.nowMs, fields);
  return ok(fields);
};

export const batchsendmsg: CommandFn = (state, body, ctx) => {
  const to = strList(body, 'To_Account');
  if (!to) return fail(90003, 'To_Account is missing or is not an array of strings');
  if (to.length > 500) return fail(90011, 'the number of target accounts exceeds 500');
  const random = uint32(body, 'MsgRandom');
  if (random === undefined) return fail(90005, 'MsgRandom is missing or is not an integer');
  const content = msgBody(body, 'MsgBody');
  if (!content) return fail(90007, 'MsgBody is not an array of message elements');
  const from = str(body, 'From_Account') ?? ctx.admin;
  if (!state.accounts.has(from)) return fail(20003, 'From_Account is invalid or not imported');
  if (c2cMuted(state, from, ctx)) return fail(20012, 'the sender is globally muted for one-to-one messages');
  const key = dedupeKey(`batch:${to.join(',')}`, from, random, content);
  const dup = findDuplicate(state, key, ctx.nowMs);
  if (dup) return ok(dup.fields);
  const full = c2cFull(state, to.length);
  if (full) return full;
  const errorList: { To_Account: string; ErrorCode: number }[] = [];
  const time = seconds(ctx.nowMs);
  let lastKey = '';
  for (const peer of to) {
    if (!state.accounts.has(peer)) errorList.push({ To_Account: peer, ErrorCode: 90012 });
    else if (state.blocklists.get(peer)?.has(from)) errorList.push({ To_Account: peer, ErrorCode: 20007 });
    else lastKey = store(state, { from, to: peer, random, time, body: content, read: false }).key;
  }
  const fields = { MsgKey: lastKey, ErrorList: errorList };
  remember(state, key, ctx.nowMs, fields);
  return ok(fields);
};

export const importmsg: CommandFn = (state, body, ctx) => {
  const from = str(body, 'From_Account');
  const to = str(body, 'To_Account');
  if (!from || !to) return fail(90003, 'From_Account or To_Account is missing or is not a string');
  const random = uint32(body, 'MsgRandom');
  if (random === undefined) return fail(90005, 'MsgRandom is missing or is not an integer');
  const time = int(body, 'MsgTimeStamp');
  if (time === undefined || time < 0) return fail(90006, 'MsgTimeStamp is missing or is not an integer');
  const content = msgBody(body, 'MsgBody');
  if (!content) return fail(90007, 'MsgBody is not an array of message elements');
  if (!state.accounts.has(from)) return fail(20003, 'From_Account is invalid or not imported');
  if (!state.accounts.has(to)) return fail(90012, 'To_Account is not imported or does not exist');
  const key = dedupeKey(`import:${to}`, from, random, content);
  if (findDuplicate(state, key, ctx.nowMs)) return ok();
  const full = c2cFull(state, 1);
  if (full) return full;
  // Imported history is stored as read: importing must not raise unread counters.
  store(state, { from, to, random, time, body: content, read: true });
  remember(state, key, ctx.nowMs, {});
  return ok();
};

function between(m: C2CMessage, a: string, b: string): boolean {
  return (m.from === a && m.to === b) || (m.from === b && m.to === a);
}

export const adminGetroammsg: CommandFn = (state, body) => {
  const op = str(body, 'Operator_Account');
  const peer = str(body, 'Peer_Account');
  const min = int(body, 'MinTime');
  const max = int(body, 'MaxTime');
  if (!op || !peer) return fail(90003, 'Operator_Account or Peer_Account is missing or is not a string');
  if (min === undefined || max === undefined) return fail(90001, 'MinTime or MaxTime is missing or invalid');
  if (!state.accounts.has(op) || !state.accounts.has(peer)) return fail(90012, 'the account does not exist');
  const maxCnt = Math.min(Math.max(int(body, 'MaxCnt') ?? 100, 1), 100);
  const lastKey = str(body, 'LastMsgKey');
  // Newest first, like the real API; LastMsgKey continues after the previous page's oldest message.
  let list = state.c2c
    .filter(
      (m) => !m.withdrawn && !m.deletedFor.has(op) && between(m, op, peer) && m.time >= min && m.time <= max,
    )
    .sort((x, y) => y.time - x.time || y.seq - x.seq);
  if (lastKey) {
    const idx = list.findIndex((m) => m.key === lastKey);
    list = idx < 0 ? [] : list.slice(idx + 1);
  }
  const page = list.slice(0, maxCnt);
  const last = page[page.length - 1];
  return ok({
    Complete: list.length <= maxCnt ? 1 : 0,
    MsgCnt: page.length,
    LastMsgTime: last?.time ?? 0,
    LastMsgKey: last?.key ?? '',
    MsgList: page.map((m) => ({
      From_Account: m.from,
      To_Account: m.to,
      MsgSeq: m.seq,
      MsgRandom: m.random,
      MsgTimeStamp: m.time,
      MsgFlagBits: 0,
      IsPeerRead: m.read ? 1 : 0,
      MsgKey: m.key,
      MsgBody: m.body,
    })),
  });
};

export const adminMsgwithdraw: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const to = str(body, 'To_Account');
  const key = str(body, 'MsgKey');
  if (!from || !to || !key)
    return fail(90003, 'From_Account, To_Account or MsgKey is missing or is not a string');
  if (!state.accounts.has(from)) return fail(20003, 'From_Account is invalid or not imported');
  const msg = state.c2c.find((m) => m.key === key && m.from === from && m.to === to);
  // REST withdrawal has no 2-minute limit (that applies to clients); an unknown key is a bad request.
  if (!msg || msg.withdrawn)
    return fail(20001, 'the message to withdraw does not exist or was already withdrawn');
  msg.withdrawn = true;
  return ok();
};

function unread(state: SandboxState, owner: string, peer?: string): number {
  return state.c2c.filter(
    (m) => m.to === owner && !m.read && !m.withdrawn && (peer === undefined || m.from === peer),
  ).length;
}

export const getC2cUnreadMsgNum: CommandFn = (state, body) => {
  const to = str(body, 'To_Account');
  if (!to) return fail(90003, 'To_Account is missing or is not a string');
  if (!state.accounts.has(to)) return fail(90012, 'To_Account is not imported or does not exist');
  const peers = strList(body, 'Peer_Account');
  const fields: Record<string, unknown> = { AllC2CUnreadMsgNum: unread(state, to) };
  if (peers) {
    fields.C2CUnreadMsgNumList = peers.map((p) => ({
      Peer_Account: p,
      C2CUnreadMsgNum: unread(state, to, p),
    }));
  }
  return ok(fields);
};

export const adminSetMsgRead: CommandFn = (state, body) => {
  const reporter = str(body, 'Report_Account');
  const peer = str(body, 'Peer_Account');
  if (!reporter || !peer) return fail(90003, 'Report_Account or Peer_Account is missing or is not a string');
  if (!state.accounts.has(reporter) || !state.accounts.has(peer)) {
    return fail(90012, 'Report_Account or Peer_Account is not imported or does not exist');
  }
  for (const m of state.c2c) if (m.to === reporter && m.from === peer) m.read = true;
  return ok();
};

function findC2C(state: SandboxState, from: string, to: string, key: string): C2CMessage | undefined {
  return state.c2c.find((m) => m.key === key && m.from === from && m.to === to && !m.withdrawn);
}

export const modifyC2cMsg: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const to = str(body, 'To_Account');
  const key = str(body, 'MsgKey');
  if (!from || !to || !key)
    return fail(90003, 'From_Account, To_Account or MsgKey is missing or is not a string');
  const content = msgBody(body, 'MsgBody');
  if (body.MsgBody !== undefined && !content)
    return fail(90007, 'MsgBody is not an array of message elements');
  if (!state.accounts.has(from)) return fail(20003, 'From_Account is invalid or not imported');
  if (!state.accounts.has(to)) return fail(90012, 'To_Account is not imported or does not exist');
  const msg = findC2C(state, from, to, key);
  if (!msg) return fail(20001, 'the message does not exist or was withdrawn');
  if (content) msg.body = content;
  msg.modified += 1;
  return ok();
};

export const deleteC2cMsgRamble: CommandFn = (state, body) => {
  const op = str(body, 'Operator_Account');
  const peer = str(body, 'Peer_Account');
  const keys = strList(body, 'MsgKeyList');
  if (!op || !peer || !keys)
    return fail(90001, 'Operator_Account, Peer_Account or MsgKeyList is missing or invalid');
  if (keys.length > 100) return fail(90001, 'at most 100 MsgKeys per request');
  if (!state.accounts.has(op)) return fail(20003, 'Operator_Account is invalid or not imported');
  if (!state.accounts.has(peer)) return fail(90012, 'Peer_Account is not imported or does not exist');
  // One-way: the message disappears from the operator's roaming history only.
  for (const m of state.c2c) if (keys.includes(m.key) && between(m, op, peer)) m.deletedFor.add(op);
  return ok();
};

export const c2cMsgReadReceipt: CommandFn = (state, body) => {
  const op = str(body, 'Operator_Account');
  const peer = str(body, 'Peer_Account');
  const items = recordList(body, 'C2CMsgInfo');
  if (!op || !peer || !items)
    return fail(90001, 'Operator_Account, Peer_Account or C2CMsgInfo is missing or invalid');
  if (!state.accounts.has(op) || !state.accounts.has(peer))
    return fail(90012, 'Operator_Account or Peer_Account is not imported or does not exist');
  const failed: { MsgKey: string; ErrorCode: number }[] = [];
  for (const item of items) {
    const key = str(item, 'MsgKey') ?? '';
    // The operator acknowledges messages the peer sent to them.
    const msg = findC2C(state, str(item, 'From_Account') ?? '', str(item, 'To_Account') ?? '', key);
    if (!msg || msg.to !== op || msg.from !== peer) failed.push({ MsgKey: key, ErrorCode: 20001 });
    else {
      msg.receipt = true;
      msg.read = true;
    }
  }
  return ok({ ErrorList: failed });
};
