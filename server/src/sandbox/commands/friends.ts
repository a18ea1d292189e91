import { type Body, int, recordList, seconds, str, strList } from '../state/body';
import { fail, ok } from '../state/result';
import type { Friend, SandboxState } from '../state/types';
import type { CommandFn } from './types';

const NOT_EXIST = 'Err_SNS_Account_Not_Exist';

function friendsOf(state: SandboxState, owner: string): Map<string, Friend> {
  let list = state.friends.get(owner);
  if (!list) {
    list = new Map();
    state.friends.set(owner, list);
  }
  return list;
}

function blocklistOf(state: SandboxState, owner: string): Map<string, number> {
  let list = state.blocklists.get(owner);
  if (!list) {
    list = new Map();
    state.blocklists.set(owner, list);
  }
  return list;
}

function makeFriend(item: Body, nowSec: number): Friend {
  const groupName = str(item, 'GroupName');
  const groups = strList(item, 'GroupName') ?? (groupName ? [groupName] : []);
  return {
    addSource: str(item, 'AddSource') ?? 'AddSource_Type_Unknown',
    remark: str(item, 'Remark') ?? '',
    groups,
    addWording: str(item, 'AddWording') ?? '',
    addTime: int(item, 'AddTime') ?? nowSec,
  };
}

/**
 * friend_add honours the peer's AllowType: DenyAny → 30516; NeedConfirm → 30539 (the sandbox does
 * not keep pending requests; ForceAddFlags=1 skips the check, as documented).
 */
export const friendAdd: CommandFn = (state, body, ctx) => {
  const from = str(body, 'From_Account');
  const items = recordList(body, 'AddFriendItem');
  if (!from || !items) return fail(30001, 'From_Account or AddFriendItem is missing or invalid');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const both = body.AddType !== 'Add_Type_Single';
  const force = body.ForceAddFlags === 1;
  const failAccount: string[] = [];
  const resultItem = items.map((item) => {
    const to = str(item, 'To_Account');
    const code = ((): number => {
      if (!to || to === from) return 30001;
      const peer = state.accounts.get(to);
      if (!peer) return 30003;
      if (state.blocklists.get(from)?.has(to)) return 30515;
      if (state.blocklists.get(to)?.has(from)) return 30525;
      const allow = peer.profile.get('Tag_Profile_IM_AllowType');
      if (!force && allow === 'AllowType_Type_DenyAny') return 30516;
      if (!force && allow === 'AllowType_Type_NeedConfirm') return 30539;
      friendsOf(state, from).set(to, makeFriend(item, seconds(ctx.nowMs)));
      if (both && !friendsOf(state, to).has(from)) {
        friendsOf(state, to).set(from, makeFriend({ AddSource: str(item, 'AddSource') }, seconds(ctx.nowMs)));
      }
      return 0;
    })();
    if (code !== 0 && code !== 30539) failAccount.push(String(to));
    return { To_Account: to ?? '', ResultCode: code, ResultInfo: code === 0 ? '' : resultInfo(code) };
  });
  return ok({ ResultItem: resultItem, Fail_Account: failAccount });
};

/** friend_import writes the relationship one way, without any verification. */
export const friendImport: CommandFn = (state, body, ctx) => {
  const from = str(body, 'From_Account');
  const items = recordList(body, 'AddFriendItem');
  if (!from || !items) return fail(30001, 'From_Account or AddFriendItem is missing or invalid');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const failAccount: string[] = [];
  const resultItem = items.map((item) => {
    const to = str(item, 'To_Account');
    let code = 0;
    if (!to || to === from || !str(item, 'AddSource')) code = 30001;
    else if (!state.accounts.has(to)) code = 30003;
    else friendsOf(state, from).set(to, makeFriend(item, seconds(ctx.nowMs)));
    if (code !== 0) failAccount.push(String(to));
    return { To_Account: to ?? '', ResultCode: code, ResultInfo: code === 0 ? '' : resultInfo(code) };
  });
  return ok({ ResultItem: resultItem, Fail_Account: failAccount });
};

function resultInfo(code: number): string {
  switch (code) {
    case 30001:
      return 'Err_SNS_Invalid_Param';
    case 30003:
      return NOT_EXIST;
    case 30515:
      return 'Err_SNS_FriendAdd_Peer_In_Self_BlackList';
    case 30516:
      return 'Err_SNS_FriendAdd_Peer_Deny_Any';
    case 30525:
      return 'Err_SNS_FriendAdd_Self_In_Peer_BlackList';
    case 30539:
      return 'Err_SNS_FriendAdd_Need_Confirm';
    case 31704:
      return 'Err_SNS_FriendDelete_Not_Friend';
    default:
      return 'Err_SNS_Unknown';
  }
}

export const friendDelete: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const to = strList(body, 'To_Account');
  if (!from || !to) return fail(30001, 'From_Account or To_Account is missing or invalid');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const both = body.DeleteType === 'Delete_Type_Both';
  const resultItem = to.map((peer) => {
    const mine = state.friends.get(from);
    if (!mine?.has(peer)) return { To_Account: peer, ResultCode: 31704, ResultInfo: resultInfo(31704) };
    mine.delete(peer);
    if (both) state.friends.get(peer)?.delete(from);
    return { To_Account: peer, ResultCode: 0, ResultInfo: '' };
  });
  return ok({ ResultItem: resultItem });
};

function friendValueItems(f: Friend): { Tag: string; Value: string | number | string[] }[] {
  const items: { Tag: string; Value: string | number | string[] }[] = [
    { Tag: 'Tag_SNS_IM_AddSource', Value: f.addSource },
    { Tag: 'Tag_SNS_IM_AddTime', Value: f.addTime },
  ];
  if (f.remark) items.push({ Tag: 'Tag_SNS_IM_Remark', Value: f.remark });
  if (f.groups.length > 0) items.push({ Tag: 'Tag_SNS_IM_Group', Value: f.groups });
  if (f.addWording) items.push({ Tag: 'Tag_SNS_IM_AddWording', Value: f.addWording });
  return items;
}

const FRIEND_PAGE = 100;

export const friendGet: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const start = int(body, 'StartIndex');
  if (!from || start === undefined || start < 0)
    return fail(30001, 'From_Account or StartIndex is missing or invalid');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const all = [...(state.friends.get(from) ?? new Map<string, Friend>()).entries()];
  const page = all.slice(start, start + FRIEND_PAGE);
  const complete = start + FRIEND_PAGE >= all.length;
  return ok({
    UserDataItem: page.map(([id, f]) => ({ To_Account: id, ValueItem: friendValueItems(f) })),
    StandardSequence: all.length,
    CustomSequence: 0,
    FriendNum: all.length,
    CompleteFlag: complete ? 1 : 0,
    NextStartIndex: complete ? 0 : start + FRIEND_PAGE,
  });
};

export const friendGetList: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const to = strList(body, 'To_Account');
  const tags = strList(body, 'TagList');
  if (!from || !to || !tags) return fail(30001, 'From_Account, To_Account or TagList is missing or invalid');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const mine = state.friends.get(from);
  const failAccount: string[] = [];
  const infoItem = to.map((peer) => {
    const f = mine?.get(peer);
    const acc = state.accounts.get(peer);
    if (!f || !acc) {
      failAccount.push(peer);
      return { To_Account: peer, ResultCode: 30001, ResultInfo: 'Err_SNS_GetSpecifyFriend_Not_Friend' };
    }
    const values = new Map<string, unknown>(friendValueItems(f).map((v) => [v.Tag, v.Value]));
    const sns = tags.flatMap((tag) => {
      const v = tag.startsWith('Tag_Profile_') ? acc.profile.get(tag) : values.get(tag);
      return v === undefined ? [] : [{ Tag: tag, Value: v }];
    });
    return { To_Account: peer, SnsProfileItem: sns, ResultCode: 0, ResultInfo: '' };
  });
  return ok({ InfoItem: infoItem, Fail_Account: failAccount, ErrorDisplay: '' });
};

export const blackListAdd: CommandFn = (state, body, ctx) => {
  const from = str(body, 'From_Account');
  const to = strList(body, 'To_Account');
  if (!from || !to) return fail(30001, 'From_Account or To_Account is missing or invalid');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const failAccount: string[] = [];
  const resultItem = to.map((peer) => {
    if (!state.accounts.has(peer) || peer === from) {
      failAccount.push(peer);
      const code = peer === from ? 30001 : 30003;
      return { To_Account: peer, ResultCode: code, ResultInfo: resultInfo(code) };
    }
    const list = blocklistOf(state, from);
    if (!list.has(peer)) list.set(peer, seconds(ctx.nowMs));
    return { To_Account: peer, ResultCode: 0, ResultInfo: '' };
  });
  return ok({ ResultItem: resultItem, Fail_Account: failAccount });
};

export const blackListDelete: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const to = strList(body, 'To_Account');
  if (!from || !to) return fail(30001, 'From_Account or To_Account is missing or invalid');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const list = state.blocklists.get(from);
  const failAccount: string[] = [];
  const resultItem = to.map((peer) => {
    if (!list?.delete(peer)) {
      failAccount.push(peer);
      return { To_Account: peer, ResultCode: 30001, ResultInfo: 'Err_SNS_BlackListDelete_Not_In_BlackList' };
    }
    return { To_Account: peer, ResultCode: 0, ResultInfo: '' };
  });
  return ok({ ResultItem: resultItem, Fail_Account: failAccount });
};

export const blackListGet: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const start = int(body, 'StartIndex');
  const max = int(body, 'MaxLimited');
  if (!from || start === undefined || start < 0 || max === undefined || max <= 0) {
    return fail(30001, 'From_Account, StartIndex or MaxLimited is missing or invalid');
  }
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const all = [...(state.blocklists.get(from) ?? new Map<string, number>()).entries()];
  const page = all.slice(start, start + max);
  const next = start + max >= all.length ? 0 : start + max;
  return ok({
    BlackListItem: page.map(([id, t]) => ({ To_Account: id, AddBlackTimeStamp: t })),
    StartIndex: next,
    // Sic: the real API spells it this way.
    CurruentSequence: all.length,
  });
};
