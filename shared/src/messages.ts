import type { ConversationMessage } from './api/explorer';

/**
 * Message lists as a conversation (issue 15): the answers of the commands that return messages,
 * turned into one shape the conversation view draws. Pure, so the server (the explorer's recent
 * messages) and the browser (a console answer) read a list the same way.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Obj, k: string): string | null => (typeof o[k] === 'string' ? (o[k] as string) : null);
const num = (o: Obj, k: string): number | null => {
  const v = o[k];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return null;
};

/** Where each command keeps its list of messages in the answer. */
const listField: Record<string, string> = {
  'openim/admin_getroammsg': 'MsgList',
  'group_open_http_svc/group_msg_get_simple': 'RspMsgList',
  'group_open_http_svc/group_msg_get_history': 'RspMsgList',
};

/** The `service/command`s whose answers have a conversation view. */
export const conversationCommands: readonly string[] = Object.keys(listField);

/** Senders that are not people: the service's own notices. */
const systemSenders = new Set(['', '@TIM#SYSTEM']);
const systemElements = new Set(['TIMGroupTipElem', 'TIMGroupSystemNoticeElem', 'TIMGroupSystemElem']);

/** One raw message (an item of MsgList / RspMsgList) in the conversation shape. */
export function toConversationMessage(raw: unknown): ConversationMessage | undefined {
  if (!isObj(raw)) return undefined;
  const body = Array.isArray(raw.MsgBody) ? raw.MsgBody : [];
  const elements = body.filter(isObj).map((el) => ({
    type: str(el, 'MsgType') ?? 'unknown',
    content: el.MsgContent ?? null,
  }));
  const from = str(raw, 'From_Account');
  // IsPlaceMsg 1: a hole in the history where a message was recalled, deleted or expired.
  const recalled = num(raw, 'IsPlaceMsg') === 1 || raw.Recalled === true;
  const system =
    num(raw, 'IsSystemMsg') === 1 ||
    (from !== null && systemSenders.has(from)) ||
    elements.some((e) => systemElements.has(e.type));
  return {
    from,
    to: str(raw, 'To_Account'),
    time: num(raw, 'MsgTimeStamp'),
    seq: num(raw, 'MsgSeq'),
    random: num(raw, 'MsgRandom'),
    key: str(raw, 'MsgKey'),
    recalled,
    system,
    elements,
  };
}

/**
 * The messages of a command's answer, oldest first (Tencent answers newest first), or undefined when
 * the command has no message list or the answer has none.
 */
export function conversationOf(
  service: string,
  command: string,
  response: unknown,
): ConversationMessage[] | undefined {
  const field = listField[`${service}/${command}`];
  if (field === undefined || !isObj(response) || !Array.isArray(response[field])) return undefined;
  const messages = (response[field] as unknown[])
    .map(toConversationMessage)
    .filter((m): m is ConversationMessage => m !== undefined);
  return messages.sort((a, b) => (a.time ?? 0) - (b.time ?? 0) || (a.seq ?? 0) - (b.seq ?? 0));
}
