import { type Body, int, isRecord, recordList, str, strList } from '../state/body';
import { overCap } from '../state/limits';
import { type CommandResult, fail, ok } from '../state/result';
import { sessionKey } from '../state/sessions';
import type { SandboxState } from '../state/types';
import type { CommandFn } from './types';

// Conversation groups and marks (recentcontact/*_contact_group, mark_contact). A contact is
// `{Type: 1, To_Account}` or `{Type: 2, ToGroupId}`; groups hold at most 1000 contacts, names ≤ 32 bytes.

function contactKey(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  const type = int(item, 'Type');
  if (type === 1) {
    const to = str(item, 'To_Account');
    return to ? sessionKey(1, to) : undefined;
  }
  if (type === 2) {
    const to = str(item, 'ToGroupId');
    return to ? sessionKey(2, to) : undefined;
  }
  return undefined;
}

function contactJson(key: string): Record<string, unknown> {
  const [type, ...rest] = key.split(':');
  const peer = rest.join(':');
  return type === '1' ? { Type: 1, To_Account: peer } : { Type: 2, ToGroupId: peer };
}

function owner(state: SandboxState, body: Body): string | CommandResult {
  const from = str(body, 'From_Account');
  if (!from) return fail(50002, 'From_Account is missing or is not a string');
  if (!state.accounts.has(from)) return fail(50001, 'the account does not exist');
  return from;
}

function groupsOf(state: SandboxState, from: string): Map<string, Set<string>> {
  let m = state.contactGroups.get(from);
  if (!m) {
    m = new Map();
    state.contactGroups.set(from, m);
  }
  return m;
}

/** A conversation group's id is its position in the owner's list, stable until one is deleted. */
function groupItems(groups: Map<string, Set<string>>) {
  return [...groups.keys()].map((name, i) => ({ GroupName: name, GroupId: i + 1 }));
}

export const createContactGroup: CommandFn = (state, body) => {
  const from = owner(state, body);
  if (typeof from !== 'string') return from;
  const items = recordList(body, 'GroupContactItem');
  if (!items) return fail(50002, 'GroupContactItem is missing or invalid');
  const groups = groupsOf(state, from);
  const result = [];
  for (const item of items) {
    const name = str(item, 'GroupName');
    if (!name || Buffer.byteLength(name) > 32)
      return fail(50002, 'GroupName is missing or longer than 32 bytes');
    const contacts = Array.isArray(item.ContactItem) ? item.ContactItem.map(contactKey) : [];
    if (contacts.some((c) => c === undefined))
      return fail(50002, 'ContactItem entries need Type and To_Account/ToGroupId');
    const full = overCap(
      groups.size,
      groups.has(name) ? 0 : 1,
      state.limits.collection,
      'conversation groups per account',
    );
    if (full) return full;
    const set = groups.get(name) ?? new Set<string>();
    for (const c of contacts) if (c) set.add(c);
    if (set.size > 1000) return fail(50002, 'a conversation group holds at most 1000 conversations');
    groups.set(name, set);
    result.push({
      GroupName: name,
      GroupId: [...groups.keys()].indexOf(name) + 1,
      ContactItem: [...set].map(contactJson),
    });
  }
  return ok({ GroupResultItem: result });
};

export const updateContactGroup: CommandFn = (state, body) => {
  const from = owner(state, body);
  if (typeof from !== 'string') return from;
  const groups = groupsOf(state, from);
  const update = isRecord(body.UpdateGroup) ? body.UpdateGroup : undefined;
  const oldName = update ? str(update, 'OldGroupName') : undefined;
  if (!update || !oldName) return fail(50002, 'UpdateGroup.OldGroupName is missing');
  const set = groups.get(oldName);
  if (!set) return fail(51008, `the conversation group ${oldName} does not exist`);
  const type = int(update, 'UpdateGroupType');
  if (type === 1) {
    // Rename, keeping the group's place in the list.
    const next = str(update, 'NewGroupName');
    if (!next || Buffer.byteLength(next) > 32)
      return fail(50002, 'NewGroupName is missing or longer than 32 bytes');
    if (next !== oldName && groups.has(next))
      return fail(51007, `the conversation group ${next} already exists`);
    const entries = [...groups].map(([n, s]): [string, Set<string>] => [n === oldName ? next : n, s]);
    groups.clear();
    for (const [n, s] of entries) groups.set(n, s);
    return ok({ GroupItem: groupItems(groups).find((g) => g.GroupName === next) });
  }
  if (type === 2) {
    // Add (ContactUpdateType 1) or remove (2) conversations.
    const remove = int(update, 'ContactUpdateType') === 2;
    const contacts = Array.isArray(update.ContactItem) ? update.ContactItem.map(contactKey) : [];
    if (contacts.length === 0 || contacts.some((c) => c === undefined))
      return fail(50002, 'ContactItem entries need Type and To_Account/ToGroupId');
    for (const c of contacts) if (c) remove ? set.delete(c) : set.add(c);
    return ok({ ContactResultItem: contacts.map((c) => ({ ...(c ? contactJson(c) : {}), ResultCode: 0 })) });
  }
  return fail(50002, 'UpdateGroupType must be 1 (rename) or 2 (update conversations)');
};

export const getContactGroup: CommandFn = (state, body) => {
  const from = owner(state, body);
  if (typeof from !== 'string') return from;
  const start = int(body, 'StartIndex') ?? 0;
  const all = groupItems(groupsOf(state, from));
  const items = all.slice(start, start + 100);
  const complete = start + 100 >= all.length;
  return ok({
    ContactGroupItem: items,
    CompleteFlag: complete ? 1 : 0,
    NextStartIndex: complete ? 0 : start + 100,
  });
};

export const delContactGroup: CommandFn = (state, body) => {
  const from = owner(state, body);
  if (typeof from !== 'string') return from;
  const names = strList(body, 'GroupName');
  if (!names) return fail(50002, 'GroupName is missing or invalid');
  const groups = groupsOf(state, from);
  const unknown = names.filter((n) => !groups.has(n));
  if (unknown.length > 0) return fail(51008, `the conversation group does not exist: ${unknown.join(', ')}`);
  for (const n of names) groups.delete(n);
  return ok({ GroupName: names });
};

export const searchContactGroup: CommandFn = (state, body) => {
  const from = owner(state, body);
  if (typeof from !== 'string') return from;
  const contacts = Array.isArray(body.ContactItem) ? body.ContactItem.map(contactKey) : [];
  if (contacts.length === 0 || contacts.some((c) => c === undefined))
    return fail(50002, 'ContactItem entries need Type and To_Account/ToGroupId');
  const groups = groupItems(groupsOf(state, from));
  const sets = groupsOf(state, from);
  return ok({
    ContactResultItem: contacts.map((c) => ({
      ...(c ? contactJson(c) : {}),
      ContactGroupItem: groups.filter((g) => c && sets.get(g.GroupName)?.has(c)),
      ResultCode: 0,
    })),
  });
};

export const markContact: CommandFn = (state, body) => {
  const from = owner(state, body);
  if (typeof from !== 'string') return from;
  const items = recordList(body, 'MarkItem');
  if (!items) return fail(50002, 'MarkItem is missing or invalid');
  let marks = state.contactMarks.get(from);
  if (!marks) {
    marks = new Map();
    state.contactMarks.set(from, marks);
  }
  const result = [];
  for (const item of items) {
    const key = contactKey(item.ContactItem);
    const op = int(item, 'OptType');
    if (!key || (op !== 1 && op !== 2))
      return fail(50002, 'each MarkItem needs OptType 1 or 2 and a ContactItem');
    const set = marks.get(key) ?? new Set<number>();
    // Marks are bit positions 0–63 of the conversation's mark field.
    const values = Array.isArray(item.SetMark) ? item.SetMark : [];
    const clear = Array.isArray(item.ClearMark) ? item.ClearMark : [];
    for (const v of values) if (typeof v === 'number' && v >= 0 && v < 64) set.add(v);
    for (const v of clear) if (typeof v === 'number') set.delete(v);
    if (op === 2) set.clear();
    marks.set(key, set);
    result.push({ ContactItem: contactJson(key), ResultCode: 0, MarkValue: [...set].sort((a, b) => a - b) });
  }
  return ok({ MarkResultItem: result });
};
