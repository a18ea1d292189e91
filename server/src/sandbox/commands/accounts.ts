import { type Body, isValidUserId, recordList, seconds, str, strList } from '../state/body';
import { accountsFull } from '../state/limits';
import { fail, ok } from '../state/result';
import type { Account, SandboxState } from '../state/types';
import type { CommandFn } from './types';

const NOT_EXIST = 'Err_TLS_PT_Open_Login_Account_Not_Exist';

function upsert(
  state: SandboxState,
  userId: string,
  nick: string | undefined,
  face: string | undefined,
  nowMs: number,
) {
  let acc = state.accounts.get(userId);
  if (!acc) {
    acc = { userId, createTime: seconds(nowMs), profile: new Map(), online: 'Offline', platform: '' };
    state.accounts.set(userId, acc);
  }
  // Re-import is allowed and updates the nickname and avatar, as documented.
  if (nick !== undefined) acc.profile.set('Tag_Profile_IM_Nick', nick);
  if (face !== undefined) acc.profile.set('Tag_Profile_IM_Image', face);
}

export const accountImport: CommandFn = (state, body, ctx) => {
  const userId = str(body, 'UserID') ?? str(body, 'Identifier');
  if (!userId || !isValidUserId(userId)) return fail(70402, 'UserID is missing or invalid');
  const full = state.accounts.has(userId) ? undefined : accountsFull(state);
  if (full) return full;
  upsert(state, userId, str(body, 'Nick'), str(body, 'FaceUrl'), ctx.nowMs);
  return ok();
};

export const multiaccountImport: CommandFn = (state, body, ctx) => {
  // Two documented shapes: AccountList [{UserID, Nick, FaceUrl}] and the older Accounts ["id"].
  const list = recordList(body, 'AccountList');
  const old = strList(body, 'Accounts');
  const items: { id: unknown; nick: string | undefined; face: string | undefined }[] = list
    ? list.map((r) => ({ id: r.UserID, nick: str(r, 'Nick'), face: str(r, 'FaceUrl') }))
    : (old ?? []).map((id) => ({ id, nick: undefined, face: undefined }));
  if (items.length === 0) return fail(70402, 'AccountList is missing or empty');
  if (items.length > 100) return fail(70206, 'invalid batch count, at most 100 accounts per request');
  const adding = new Set(
    items.map((it) => it.id).filter((id) => typeof id === 'string' && !state.accounts.has(id)),
  );
  const full = accountsFull(state, adding.size);
  if (full) return full;
  const failAccounts: string[] = [];
  for (const it of items) {
    if (typeof it.id !== 'string' || !isValidUserId(it.id)) {
      failAccounts.push(String(it.id));
      continue;
    }
    upsert(state, it.id, it.nick, it.face, ctx.nowMs);
  }
  return ok({ FailAccounts: failAccounts });
};

function userIdItems(body: Body, key: string): string[] | undefined {
  const items = recordList(body, key);
  if (!items) return undefined;
  const ids: string[] = [];
  for (const it of items) {
    const id = str(it, 'UserID');
    if (!id) return undefined;
    ids.push(id);
  }
  return ids;
}

/** Removes everything the account owned: profile, relationships, sessions, memberships. */
function deleteAccount(state: SandboxState, userId: string): void {
  state.accounts.delete(userId);
  state.friends.delete(userId);
  for (const list of state.friends.values()) list.delete(userId);
  state.blocklists.delete(userId);
  for (const list of state.blocklists.values()) list.delete(userId);
  state.sessions.delete(userId);
  for (const list of state.sessions.values()) list.delete(`1:${userId}`);
  state.globalMute.delete(userId);
  for (const g of state.groups.values()) {
    g.members.delete(userId);
    if (g.owner === userId) g.owner = '';
  }
}

export const accountDelete: CommandFn = (state, body) => {
  const ids = userIdItems(body, 'DeleteItem');
  if (!ids) return fail(70402, 'DeleteItem is missing or invalid');
  if (ids.length > 100) return fail(70206, 'invalid batch count, at most 100 accounts per request');
  const resultItem = ids.map((id) => {
    if (!state.accounts.has(id)) return { ResultCode: 70107, ResultInfo: NOT_EXIST, UserID: id };
    deleteAccount(state, id);
    return { ResultCode: 0, ResultInfo: '', UserID: id };
  });
  return ok({ ResultItem: resultItem });
};

export const accountCheck: CommandFn = (state, body) => {
  const ids = userIdItems(body, 'CheckItem');
  if (!ids) return fail(70402, 'CheckItem is missing or invalid');
  if (ids.length > 100) return fail(70206, 'invalid batch count, at most 100 accounts per request');
  return ok({
    ResultItem: ids.map((id) => ({
      UserID: id,
      ResultCode: 0,
      ResultInfo: '',
      AccountStatus: state.accounts.has(id) ? 'Imported' : 'NotImported',
    })),
  });
};

export const kick: CommandFn = (state, body) => {
  const id = str(body, 'UserID') ?? str(body, 'Identifier');
  if (!id) return fail(70402, 'UserID is missing or invalid');
  const acc = state.accounts.get(id);
  if (!acc) return fail(70107, NOT_EXIST);
  acc.online = 'Offline';
  acc.platform = '';
  return ok();
};

function statusItem(acc: Account, detail: boolean): Record<string, unknown> {
  const item: Record<string, unknown> = { To_Account: acc.userId, Status: acc.online };
  if (detail) {
    item.Detail =
      acc.online === 'Offline' ? [] : [{ Platform: acc.platform || 'Android', Status: acc.online }];
  }
  return item;
}

export const queryOnlineStatus: CommandFn = (state, body) => {
  const ids = strList(body, 'To_Account');
  if (!ids) return fail(90003, 'To_Account is missing or is not an array of strings');
  if (ids.length > 500) return fail(90011, 'the number of accounts exceeds 500');
  const detail = body.IsNeedDetail === 1;
  const queryResult: Record<string, unknown>[] = [];
  const errorList: Record<string, unknown>[] = [];
  for (const id of ids) {
    const acc = state.accounts.get(id);
    if (acc) queryResult.push(statusItem(acc, detail));
    else errorList.push({ To_Account: id, ErrorCode: 70107 });
  }
  return ok({ QueryResult: queryResult, ErrorList: errorList });
};
