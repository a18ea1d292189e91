// "Fetch all pages" (issue 14): how each paged command's cursor is followed. The rule says where the
// items are in an answer, how the next request is made from the previous request and its answer,
// and when the list ends. Pure data and functions: the server follows the rule, the client shows
// "Fetch all" for the commands that have one.

type Json = Record<string, unknown>;

export interface CursorRule {
  /** The answer's field holding this page's items. */
  list: string;
  /** Answer fields copied into the next request (answer field → request field). */
  carry?: ReadonlyArray<{ from: string; to: string }>;
  /** A request field advanced by the number of items received (offset paging). */
  offset?: { field: string; limitField: string; defaultLimit: number };
  /** The next request asks from one below the smallest `itemField` of this page (sequence paging). */
  belowLowest?: { field: string; itemField: string };
  /** The request field is an hour `YYYYMMDDHH`: each page is the hour before (archives by hour). */
  hourBack?: { field: string };
  /** The answer says the list is complete when `field` equals `value`. */
  endWhen?: { field: string; value: number | string };
  /** An empty page ends the list (not for hourly archives, where an hour may be empty). */
  endOnEmpty: boolean;
}

export const cursorRules: Readonly<Record<string, CursorRule>> = {
  'group_open_http_svc/get_appid_group_list': {
    list: 'GroupIdList',
    carry: [{ from: 'Next', to: 'Next' }],
    endWhen: { field: 'Next', value: 0 },
    endOnEmpty: true,
  },
  'group_open_http_svc/get_group_member_info': {
    list: 'MemberList',
    offset: { field: 'Offset', limitField: 'Limit', defaultLimit: 100 },
    endOnEmpty: true,
  },
  'openim/admin_getroammsg': {
    list: 'MsgList',
    carry: [
      { from: 'LastMsgTime', to: 'MaxTime' },
      { from: 'LastMsgKey', to: 'LastMsgKey' },
    ],
    endWhen: { field: 'Complete', value: 1 },
    endOnEmpty: true,
  },
  'group_open_http_svc/group_msg_get_simple': {
    list: 'RspMsgList',
    belowLowest: { field: 'ReqMsgSeq', itemField: 'MsgSeq' },
    endWhen: { field: 'IsFinished', value: 1 },
    endOnEmpty: true,
  },
  'sns/friend_get': {
    list: 'UserDataItem',
    carry: [
      { from: 'NextStartIndex', to: 'StartIndex' },
      { from: 'StandardSequence', to: 'StandardSequence' },
    ],
    endWhen: { field: 'CompleteFlag', value: 1 },
    endOnEmpty: true,
  },
  'recentcontact/get_list': {
    list: 'SessionItem',
    carry: [
      { from: 'TimeStamp', to: 'TimeStamp' },
      { from: 'StartIndex', to: 'StartIndex' },
      { from: 'TopTimeStamp', to: 'TopTimeStamp' },
      { from: 'TopStartIndex', to: 'TopStartIndex' },
    ],
    endWhen: { field: 'CompleteFlag', value: 1 },
    endOnEmpty: true,
  },
  'open_msg_svc/get_history': {
    list: 'File',
    hourBack: { field: 'MsgTime' },
    endOnEmpty: false,
  },
};

export function cursorRuleFor(service: string, command: string): CursorRule | undefined {
  return cursorRules[`${service}/${command}`];
}

/** The hour before `YYYYMMDDHH`, or undefined when the text is not such an hour. */
export function previousHour(hour: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(hour);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4])) - 3_600_000;
  if (Number.isNaN(t)) return undefined;
  return new Date(t).toISOString().slice(0, 13).replace(/[-T]/g, '');
}

export interface PageStep {
  items: unknown[];
  /** The next page's request, or null when the list is complete. */
  next: Json | null;
}

/** This page's items and the request for the next one, by the command's rule. */
export function followCursor(rule: CursorRule, request: Json, answerObject: object): PageStep {
  const answer: Json = Object.fromEntries(Object.entries(answerObject));
  const raw = answer[rule.list];
  const items = Array.isArray(raw) ? raw : [];
  if (rule.endOnEmpty && items.length === 0) return { items, next: null };
  if (rule.endWhen && answer[rule.endWhen.field] === rule.endWhen.value) return { items, next: null };
  const next: Json = { ...request };
  for (const { from, to } of rule.carry ?? []) {
    if (answer[from] === undefined) return { items, next: null };
    next[to] = answer[from];
  }
  if (rule.offset) {
    const { field, limitField, defaultLimit } = rule.offset;
    const limit = typeof request[limitField] === 'number' ? request[limitField] : defaultLimit;
    if (items.length < limit) return { items, next: null };
    const at = typeof request[field] === 'number' ? request[field] : 0;
    next[field] = at + items.length;
  }
  if (rule.belowLowest) {
    const seqs = items
      .map((i) =>
        typeof i === 'object' && i !== null ? (i as Json)[rule.belowLowest?.itemField ?? ''] : null,
      )
      .filter((s): s is number => typeof s === 'number');
    if (seqs.length === 0) return { items, next: null };
    const lowest = Math.min(...seqs);
    if (lowest <= 1) return { items, next: null };
    next[rule.belowLowest.field] = lowest - 1;
  }
  if (rule.hourBack) {
    const current = request[rule.hourBack.field];
    const before = typeof current === 'string' ? previousHour(current) : undefined;
    if (before === undefined) return { items, next: null };
    next[rule.hourBack.field] = before;
  }
  return { items, next };
}
