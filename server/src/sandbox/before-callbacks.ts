import { WEBHOOK_CUSTOM_RANGE } from '@console/shared/error-codes';
import { type Body, isRecord, msgBody, str } from './state/body';
import type { SandboxState } from './state/types';

/**
 * "Before" callbacks (decision 041): the sandbox asks the calling environment's receiver before it
 * stores a one-to-one or group message, and does what the answer says, as Tencent does.
 */
export interface BeforeCallback {
  command: 'C2C.CallbackBeforeSendMsg' | 'Group.CallbackBeforeSendMsg';
  body: Record<string, unknown>;
}

/** Tencent waits this long for a "before" callback's answer, then goes on as if it were allowed. */
export const BEFORE_CALLBACK_BUDGET_MS = 2_000;

/**
 * The "before" callback a call raises, or null. Only for a message the sandbox would go on to send: a
 * sender or recipient that is not imported, or a group that does not exist, fails first (as it does at
 * Tencent, which checks the accounts before it asks the app).
 */
export function beforeCallbackFor(
  key: string,
  body: Body,
  state: SandboxState,
  ctx: { nowMs: number; admin: string },
): BeforeCallback | null {
  const content = msgBody(body, 'MsgBody');
  if (!content) return null;
  const extra = body.CloudCustomData === undefined ? {} : { CloudCustomData: body.CloudCustomData };
  if (key === 'openim/sendmsg') {
    const from = str(body, 'From_Account') ?? ctx.admin;
    const to = str(body, 'To_Account');
    if (to === undefined || !state.accounts.has(from) || !state.accounts.has(to)) return null;
    return {
      command: 'C2C.CallbackBeforeSendMsg',
      body: {
        CallbackCommand: 'C2C.CallbackBeforeSendMsg',
        From_Account: from,
        To_Account: to,
        MsgRandom: body.MsgRandom,
        OnlineOnlyFlag: body.OnlineOnlyFlag ?? 0,
        MsgBody: content,
        ...extra,
        EventTime: ctx.nowMs,
      },
    };
  }
  if (key === 'group_open_http_svc/send_group_msg') {
    const groupId = str(body, 'GroupId');
    const group = groupId === undefined ? undefined : state.groups.get(groupId);
    if (group === undefined) return null;
    const from = str(body, 'From_Account') ?? ctx.admin;
    return {
      command: 'Group.CallbackBeforeSendMsg',
      body: {
        CallbackCommand: 'Group.CallbackBeforeSendMsg',
        GroupId: group.id,
        Type: group.type,
        From_Account: from,
        Operator_Account: ctx.admin,
        Random: body.Random,
        OnlineOnlyFlag: body.OnlineOnlyFlag ?? 0,
        MsgBody: content,
        ...extra,
        EventTime: ctx.nowMs,
      },
    };
  }
  return null;
}

/** What came back from the receiver: its JSON answer, or why there is none (timeout, refused, not JSON). */
export type BeforeAnswer = { kind: 'answered'; answer: unknown } | { kind: 'silent'; why: string };

export type BeforeVerdict =
  | {
      kind: 'allow';
      /** The call's body, with MsgBody / CloudCustomData replaced when the answer rewrote them. */
      body: Body;
      /** Said in the call's ErrorInfo when the sandbox went on without a usable answer. */
      note: string | null;
    }
  | { kind: 'refuse'; code: number; info: string };

/**
 * Tencent's reading of the answer (reference §6): ErrorCode 0 allows, with the answer's MsgBody (and
 * CloudCustomData) replacing the message's; any other code refuses it, which the sender sees as 20006
 * (one-to-one) or 10016 (group), or as the app's own code when a one-to-one answer uses 120001–130000.
 * No answer in time, or one that is not understood: the message goes through, as at Tencent.
 */
export function verdictOf(callback: BeforeCallback, body: Body, reply: BeforeAnswer): BeforeVerdict {
  const c2c = callback.command === 'C2C.CallbackBeforeSendMsg';
  if (reply.kind === 'silent') {
    return {
      kind: 'allow',
      body,
      note: `the ${callback.command} callback ${reply.why}: sent, as Tencent does`,
    };
  }
  const answer = reply.answer;
  if (!isRecord(answer) || typeof answer.ErrorCode !== 'number' || !Number.isInteger(answer.ErrorCode)) {
    return {
      kind: 'allow',
      body,
      note: `the ${callback.command} callback's answer has no ErrorCode: sent, as Tencent does`,
    };
  }
  const code = answer.ErrorCode;
  const info = typeof answer.ErrorInfo === 'string' ? answer.ErrorInfo.slice(0, 200) : '';
  if (code !== 0) {
    if (c2c && code >= WEBHOOK_CUSTOM_RANGE.min && code <= WEBHOOK_CUSTOM_RANGE.max) {
      return { kind: 'refuse', code, info: info || `refused by the app's before-send callback (${code})` };
    }
    const said = info ? `: ${info}` : '';
    return c2c
      ? {
          kind: 'refuse',
          code: 20006,
          info: `refused by the app's C2C.CallbackBeforeSendMsg callback${said}`,
        }
      : {
          kind: 'refuse',
          code: 10016,
          info: `refused by the app's Group.CallbackBeforeSendMsg callback${said}`,
        };
  }
  const rewritten: Body = { ...body };
  const replacement = msgBody(answer, 'MsgBody');
  if (replacement) rewritten.MsgBody = replacement;
  if (typeof answer.CloudCustomData === 'string') rewritten.CloudCustomData = answer.CloudCustomData;
  return { kind: 'allow', body: rewritten, note: null };
}
