import { type Body, isRecord, msgBody, recordList, seconds, str, strList, uint32 } from '../state/body';
import { nextId } from '../state/factory';
import { type CommandResult, fail, ok } from '../state/result';
import type { PushRecord, SandboxState } from '../state/types';
import type { CommandFn } from './types';

// Push to all users (all_member_push) and the push plugin (timpush). Nothing is delivered: every
// accepted push is recorded (the newest 500 are kept) with the accounts it targeted, and the trace
// commands read those records back. Attribute names are keys "0"–"9"; a user has at most 10 tags.

const MAX_TAGS = 10;

function attrNamesFrom(body: Body): Map<string, string> | undefined {
  const v = body.AttrNames;
  if (!isRecord(v)) return undefined;
  const out = new Map<string, string>();
  for (const [k, name] of Object.entries(v)) {
    if (!/^[0-9]$/.test(k) || typeof name !== 'string' || name.length === 0 || Buffer.byteLength(name) > 50)
      return undefined;
    out.set(k, name);
  }
  return out;
}

/** Accounts a condition selects: TagsAnd/TagsOr/AttrsAnd/AttrsOr, as the push API documents. */
function targets(state: SandboxState, condition: unknown): string[] {
  const all = [...state.accounts.keys()];
  if (!isRecord(condition)) return all;
  const tags = (id: string) => state.push.userTags.get(id) ?? new Set<string>();
  const attrs = (id: string) => state.push.userAttrs.get(id) ?? new Map<string, string>();
  const list = (k: string) =>
    Array.isArray(condition[k]) ? condition[k].filter((x) => typeof x === 'string') : undefined;
  const obj = (k: string) => {
    const v = condition[k];
    return isRecord(v) ? Object.entries(v) : undefined;
  };
  return all.filter((id) => {
    const tagsAnd = list('TagsAnd');
    const tagsOr = list('TagsOr');
    const attrsAnd = obj('AttrsAnd');
    const attrsOr = obj('AttrsOr');
    if (tagsAnd && !tagsAnd.every((t) => tags(id).has(t))) return false;
    if (tagsOr && !tagsOr.some((t) => tags(id).has(t))) return false;
    if (attrsAnd && !attrsAnd.every(([k, v]) => attrs(id).get(k) === v)) return false;
    if (attrsOr && !attrsOr.some(([k, v]) => attrs(id).get(k) === v)) return false;
    return true;
  });
}

function record(state: SandboxState, r: Omit<PushRecord, 'id'>, prefix: string): string {
  const id = nextId(state, prefix);
  state.push.records.push({ ...r, id });
  if (state.push.records.length > state.limits.pushRecords) state.push.records.shift();
  return id;
}

function sender(state: SandboxState, body: Body, admin: string): string | CommandResult {
  const from = str(body, 'From_Account') ?? admin;
  return state.accounts.has(from) ? from : fail(90048, 'From_Account does not exist');
}

export const imPush: CommandFn = (state, body, ctx) => {
  const random = uint32(body, 'MsgRandom');
  if (random === undefined) return fail(90005, 'MsgRandom is missing or is not an integer');
  const content = msgBody(body, 'MsgBody');
  if (!content) return fail(90007, 'MsgBody is not an array of message elements');
  const from = sender(state, body, ctx.admin);
  if (typeof from !== 'string') return from;
  const condition = body.Condition;
  const to = targets(state, condition);
  const id = record(
    state,
    {
      command: 'all_member_push/im_push',
      from,
      to: null,
      condition: condition ?? null,
      random,
      time: seconds(ctx.nowMs),
      body: content,
      targets: to.length,
    },
    'sandbox-task-',
  );
  return ok({ TaskId: id });
};

export const imSetAttrName: CommandFn = (state, body) => {
  const names = attrNamesFrom(body);
  if (!names) return fail(90001, 'AttrNames must map keys "0"–"9" to names of at most 50 bytes');
  for (const [k, v] of names) state.push.attrNames.set(k, v);
  return ok();
};

export const imGetAttrName: CommandFn = (state) =>
  ok({ AttrNames: Object.fromEntries(state.push.attrNames) });

function accountsIn(state: SandboxState, body: Body): string[] | CommandResult {
  const ids = strList(body, 'To_Account');
  if (!ids) return fail(90001, 'To_Account is missing or is not an array of strings');
  if (ids.length > 500) return fail(90011, 'at most 500 accounts per request');
  const missing = ids.filter((id) => !state.accounts.has(id));
  return missing.length > 0 ? fail(90012, `accounts not imported: ${missing.join(', ')}`) : ids;
}

export const imGetAttr: CommandFn = (state, body) => {
  const ids = accountsIn(state, body);
  if (!Array.isArray(ids)) return ids;
  return ok({
    UserAttrs: ids.map((id) => ({
      To_Account: id,
      Attrs: Object.fromEntries(state.push.userAttrs.get(id) ?? []),
    })),
  });
};

function userItems(state: SandboxState, body: Body, key: string): Body[] | CommandResult {
  const items = recordList(body, key);
  if (!items) return fail(90001, `${key} is missing or invalid`);
  if (items.length > 500) return fail(90011, 'at most 500 accounts per request');
  for (const item of items) {
    const id = str(item, 'To_Account');
    if (!id) return fail(90001, `each ${key} entry needs To_Account`);
    if (!state.accounts.has(id)) return fail(90012, `account not imported: ${id}`);
  }
  return items;
}

export const imSetAttr: CommandFn = (state, body) => {
  const items = userItems(state, body, 'UserAttrs');
  if (!Array.isArray(items)) return items;
  const known = new Set(state.push.attrNames.values());
  for (const item of items) {
    const attrs = item.Attrs;
    if (!isRecord(attrs)) return fail(90001, 'Attrs must be an object of attribute name → value');
    const unknown = Object.keys(attrs).filter((k) => !known.has(k));
    if (unknown.length > 0)
      return fail(90001, `attribute names not set with im_set_attr_name: ${unknown.join(', ')}`);
  }
  for (const item of items) {
    const id = str(item, 'To_Account') ?? '';
    const m = state.push.userAttrs.get(id) ?? new Map<string, string>();
    for (const [k, v] of Object.entries(isRecord(item.Attrs) ? item.Attrs : {})) m.set(k, String(v));
    state.push.userAttrs.set(id, m);
  }
  return ok();
};

export const imRemoveAttr: CommandFn = (state, body) => {
  const items = userItems(state, body, 'UserAttrs');
  if (!Array.isArray(items)) return items;
  for (const item of items) {
    const names = strList(item, 'Attrs') ?? [];
    const m = state.push.userAttrs.get(str(item, 'To_Account') ?? '');
    for (const n of names) m?.delete(n);
  }
  return ok();
};

export const imGetTag: CommandFn = (state, body) => {
  const ids = accountsIn(state, body);
  if (!Array.isArray(ids)) return ids;
  return ok({
    UserTags: ids.map((id) => ({ To_Account: id, Tags: [...(state.push.userTags.get(id) ?? [])] })),
  });
};

export const imAddTag: CommandFn = (state, body) => {
  const items = userItems(state, body, 'UserTags');
  if (!Array.isArray(items)) return items;
  for (const item of items) {
    const tags = strList(item, 'Tags');
    if (!tags || tags.some((t) => Buffer.byteLength(t) > 50))
      return fail(90001, 'Tags must be strings of at most 50 bytes');
    const set = new Set([...(state.push.userTags.get(str(item, 'To_Account') ?? '') ?? []), ...tags]);
    if (set.size > MAX_TAGS) return fail(90001, `a user has at most ${MAX_TAGS} tags`);
  }
  for (const item of items) {
    const id = str(item, 'To_Account') ?? '';
    const set = state.push.userTags.get(id) ?? new Set<string>();
    for (const t of strList(item, 'Tags') ?? []) set.add(t);
    state.push.userTags.set(id, set);
  }
  return ok();
};

export const imRemoveTag: CommandFn = (state, body) => {
  const items = userItems(state, body, 'UserTags');
  if (!Array.isArray(items)) return items;
  for (const item of items) {
    const set = state.push.userTags.get(str(item, 'To_Account') ?? '');
    for (const t of strList(item, 'Tags') ?? []) set?.delete(t);
  }
  return ok();
};

export const imRemoveAllTags: CommandFn = (state, body) => {
  const ids = accountsIn(state, body);
  if (!Array.isArray(ids)) return ids;
  for (const id of ids) state.push.userTags.delete(id);
  return ok();
};

function offlinePush(body: Body): CommandResult | undefined {
  const info = body.OfflinePushInfo;
  if (body.MsgBody === undefined && !isRecord(info))
    return fail(90001, 'a push needs OfflinePushInfo (or MsgBody)');
  if (body.MsgBody !== undefined && !msgBody(body, 'MsgBody'))
    return fail(90007, 'MsgBody is not an array of message elements');
  return undefined;
}

export const timpushPush: CommandFn = (state, body, ctx) => {
  const random = uint32(body, 'MsgRandom');
  if (random === undefined) return fail(90005, 'MsgRandom is missing or is not an integer');
  const bad = offlinePush(body);
  if (bad) return bad;
  const from = sender(state, body, ctx.admin);
  if (typeof from !== 'string') return from;
  const to = targets(state, body.Condition);
  const id = record(
    state,
    {
      command: 'timpush/push',
      from,
      to: null,
      condition: body.Condition ?? null,
      random,
      time: seconds(ctx.nowMs),
      body: body.OfflinePushInfo ?? body.MsgBody,
      targets: to.length,
    },
    'sandbox-task-',
  );
  return ok({ TaskId: id });
};

export const timpushBatch: CommandFn = (state, body, ctx) => {
  const random = uint32(body, 'MsgRandom');
  if (random === undefined) return fail(90005, 'MsgRandom is missing or is not an integer');
  const to = strList(body, 'To_Account');
  if (!to) return fail(90003, 'To_Account is missing or is not an array of strings');
  if (to.length > 500) return fail(90011, 'at most 500 accounts per request');
  const bad = offlinePush(body);
  if (bad) return bad;
  const from = sender(state, body, ctx.admin);
  if (typeof from !== 'string') return from;
  const errorList = to
    .filter((id) => !state.accounts.has(id))
    .map((id) => ({ To_Account: id, ErrorCode: 90012 }));
  const delivered = to.filter((id) => state.accounts.has(id));
  const id = record(
    state,
    {
      command: 'timpush/batch',
      from,
      to: delivered,
      condition: null,
      random,
      time: seconds(ctx.nowMs),
      body: body.OfflinePushInfo ?? body.MsgBody,
      targets: delivered.length,
    },
    'sandbox-push-',
  );
  return ok({ TaskId: id, ErrorList: errorList });
};

export const timpushSetAttrName: CommandFn = (state, body) => {
  const names = attrNamesFrom(body);
  if (!names) return fail(90001, 'AttrNames must map keys "0"–"9" to names of at most 50 bytes');
  for (const [k, v] of names) state.push.timpushAttrNames.set(k, v);
  return ok();
};

function trace(r: PushRecord) {
  return {
    PushTime: r.time,
    Command: r.command,
    From_Account: r.from,
    TargetNum: r.targets,
    // Nothing leaves the sandbox: every target counts as reached, none as clicked.
    SuccessNum: r.targets,
    FailNum: 0,
    ClickNum: 0,
  };
}

export const allMemberPushTrace: CommandFn = (state, body) => {
  const id = str(body, 'TaskID');
  if (!id) return fail(90001, 'TaskID is missing or is not a string');
  const r = state.push.records.find((p) => p.id === id && p.to === null);
  if (!r) return fail(90001, `no all-member push task ${id}`);
  const user = str(body, 'UserID');
  if (user !== undefined && !state.accounts.has(user)) return fail(90012, `account not imported: ${user}`);
  return ok({ TaskID: id, ...trace(r), UserID: user ?? '', UserReached: user ? 1 : 0 });
};

export const normalPushTrace: CommandFn = (state, body) => {
  const id = str(body, 'PushID');
  if (!id) return fail(90001, 'PushID is missing or is not a string');
  const r = state.push.records.find((p) => p.id === id && p.to !== null);
  if (!r) return fail(90001, `no push ${id}`);
  return ok({ PushID: id, ...trace(r), To_Account: r.to ?? [] });
};
