import { int, recordList, seconds, str, strList } from '../state/body';
import { overCap } from '../state/limits';
import { fail, ok } from '../state/result';
import type { CommandFn } from './types';

// The rest of the relationship chain (sns): friend_update, friend_delete_all, checks, friend lists.

const NOT_EXIST = 'Err_SNS_Account_Not_Exist';
const SNS_TAGS = new Set(['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_SNS_IM_AddWording']);

export const friendUpdate: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const items = recordList(body, 'UpdateItem');
  if (!from || !items) return fail(30001, 'From_Account or UpdateItem is missing or invalid');
  if (items.length > 100) return fail(30001, 'at most 100 UpdateItem entries per request');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const mine = state.friends.get(from);
  const failAccount: string[] = [];
  const resultItem = items.map((item) => {
    const to = str(item, 'To_Account') ?? '';
    const friend = mine?.get(to);
    const sns = recordList(item, 'SnsItem');
    // Standard friend fields, or custom ones (Tag_SNS_Custom_*) the app defined.
    const tagsOk = sns?.every((s) => {
      const tag = str(s, 'Tag') ?? '';
      return SNS_TAGS.has(tag) || /^Tag_SNS_Custom_\w{1,8}$/.test(tag);
    });
    const code = !sns || !tagsOk ? 30001 : !friend ? 31704 : 0;
    if (friend && sns) {
      for (const s of sns) {
        const tag = str(s, 'Tag') ?? '';
        if (tag === 'Tag_SNS_IM_Remark' && typeof s.Value === 'string') friend.remark = s.Value;
        else if (tag === 'Tag_SNS_IM_AddWording' && typeof s.Value === 'string') friend.addWording = s.Value;
        else if (tag === 'Tag_SNS_IM_Group') friend.groups = strList(s, 'Value') ?? [];
      }
    }
    if (code !== 0) failAccount.push(to);
    return {
      To_Account: to,
      ResultCode: code,
      ResultInfo:
        code === 0 ? '' : code === 31704 ? 'Err_SNS_FriendUpdate_Not_Friend' : 'Err_SNS_Invalid_Param',
    };
  });
  return ok({ ResultItem: resultItem, Fail_Account: failAccount, ErrorDisplay: '' });
};

export const friendDeleteAll: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  if (!from) return fail(30001, 'From_Account is missing or is not a string');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const both = body.DeleteType === 'Delete_Type_Both';
  const mine = state.friends.get(from);
  if (both && mine) for (const peer of mine.keys()) state.friends.get(peer)?.delete(from);
  state.friends.delete(from);
  return ok();
};

function isFriend(state: Parameters<CommandFn>[0], a: string, b: string): boolean {
  return state.friends.get(a)?.has(b) === true;
}

/**
 * friend_check and black_list_check answer alike: per peer, whether A has B, B has A (only for the
 * "Both" check type), both or neither, by the relation `has(owner, peer)`.
 */
function relationCheck(spec: {
  prefix: 'CheckResult_Type' | 'BlackCheckResult_Type';
  none: 'NoRelation' | 'NO';
  itemsKey: 'InfoItem' | 'BlackListCheckItem';
  has: (state: Parameters<CommandFn>[0], owner: string, peer: string) => boolean;
}): CommandFn {
  const both = `${spec.prefix}_Both`;
  const single = `${spec.prefix}_Single`;
  const relation = (name: string) => `${spec.prefix}_${name}`;
  return (state, body) => {
    const from = str(body, 'From_Account');
    const to = strList(body, 'To_Account');
    const type = str(body, 'CheckType');
    if (!from || !to || (type !== both && type !== single))
      return fail(30001, 'From_Account, To_Account or CheckType is missing or invalid');
    if (to.length > 1000) return fail(30001, 'at most 1000 accounts per request');
    if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
    const failAccount: string[] = [];
    const items = to.map((peer) => {
      if (!state.accounts.has(peer)) {
        failAccount.push(peer);
        return { To_Account: peer, Relation: relation(spec.none), ResultCode: 30003, ResultInfo: NOT_EXIST };
      }
      const aWithB = spec.has(state, from, peer);
      const bWithA = type === both && spec.has(state, peer, from);
      const name = aWithB && bWithA ? 'BothWay' : aWithB ? 'AWithB' : bWithA ? 'BWithA' : spec.none;
      return { To_Account: peer, Relation: relation(name), ResultCode: 0, ResultInfo: '' };
    });
    return ok({ [spec.itemsKey]: items, Fail_Account: failAccount });
  };
}

export const friendCheck = relationCheck({
  prefix: 'CheckResult_Type',
  none: 'NoRelation',
  itemsKey: 'InfoItem',
  has: isFriend,
});

export const blackListCheck = relationCheck({
  prefix: 'BlackCheckResult_Type',
  none: 'NO',
  itemsKey: 'BlackListCheckItem',
  has: (state, owner, peer) => state.blocklists.get(owner)?.has(peer) === true,
});

function listsOf(state: Parameters<CommandFn>[0], owner: string): Set<string> {
  let lists = state.friendLists.get(owner);
  if (!lists) {
    lists = new Set();
    state.friendLists.set(owner, lists);
  }
  return lists;
}

/** Friend lists are versioned per owner; the sandbox reports the number of lists as the sequence. */
function sequence(state: Parameters<CommandFn>[0], owner: string): number {
  return state.friendLists.get(owner)?.size ?? 0;
}

export const groupAdd: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const names = strList(body, 'GroupName');
  if (!from || !names) return fail(30001, 'From_Account or GroupName is missing or invalid');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  if (names.some((n) => Buffer.byteLength(n) > 30))
    return fail(30001, 'a friend list name is at most 30 bytes');
  const lists = listsOf(state, from);
  const full = overCap(
    lists.size,
    names.filter((n) => !lists.has(n)).length,
    1000,
    'friend lists per account',
  );
  if (full) return full;
  for (const n of names) lists.add(n);
  const to = body.To_Account === undefined ? [] : strList(body, 'To_Account');
  if (!to) return fail(30001, 'To_Account must be an array of UserIDs');
  const mine = state.friends.get(from);
  const failAccount: string[] = [];
  const resultItem = to.map((peer) => {
    const f = mine?.get(peer);
    if (!f) {
      failAccount.push(peer);
      return { To_Account: peer, ResultCode: 32216, ResultInfo: 'Err_SNS_GroupAdd_Not_Friend' };
    }
    f.groups = [...new Set([...f.groups, ...names])];
    return { To_Account: peer, ResultCode: 0, ResultInfo: '' };
  });
  return ok({ CurrentSequence: sequence(state, from), ResultItem: resultItem, Fail_Account: failAccount });
};

export const groupDelete: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const names = strList(body, 'GroupName');
  if (!from || !names) return fail(30001, 'From_Account or GroupName is missing or invalid');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const lists = listsOf(state, from);
  const unknown = names.filter((n) => !lists.has(n));
  if (unknown.length > 0) return fail(32218, `Err_SNS_GroupDelete_Group_Not_Exist: ${unknown.join(', ')}`);
  for (const n of names) lists.delete(n);
  for (const f of state.friends.get(from)?.values() ?? [])
    f.groups = f.groups.filter((g) => !names.includes(g));
  return ok({ CurrentSequence: sequence(state, from) });
};

export const groupGet: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  if (!from) return fail(30001, 'From_Account is missing or is not a string');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const wanted = body.GroupName === undefined ? undefined : strList(body, 'GroupName');
  const needFriend = body.NeedFriend === 'Need_Friend_Type_Yes';
  const friends = [...(state.friends.get(from) ?? new Map()).entries()];
  const names = [...(state.friendLists.get(from) ?? [])].filter((n) => !wanted || wanted.includes(n));
  return ok({
    ResultItem: names.map((name) => {
      const members = friends.filter(([, f]) => f.groups.includes(name)).map(([id]) => id);
      return needFriend
        ? { GroupName: name, FriendNumber: members.length, To_Account: members }
        : { GroupName: name, FriendNumber: members.length };
    }),
    CurrentSequence: sequence(state, from),
  });
};

// Follow (follow/*): a one-way relation with counts; FollowType 1 = following, 2 = followers,
// 3 = mutual followers.

function follows(state: Parameters<CommandFn>[0], owner: string): Map<string, number> {
  let m = state.follows.get(owner);
  if (!m) {
    m = new Map();
    state.follows.set(owner, m);
  }
  return m;
}

function followersOf(state: Parameters<CommandFn>[0], id: string): string[] {
  return [...state.follows].filter(([, m]) => m.has(id)).map(([owner]) => owner);
}

export const followAdd: CommandFn = (state, body, ctx) => {
  const from = str(body, 'From_Account');
  const items = recordList(body, 'FollowItem');
  if (!from || !items) return fail(30001, 'From_Account or FollowItem is missing or invalid');
  if (items.length > 20) return fail(30001, 'at most 20 accounts per request');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const mine = follows(state, from);
  const full = overCap(mine.size, items.length, state.limits.collection, 'followed accounts per account');
  if (full) return full;
  const resultItem = items.map((item) => {
    const to = str(item, 'To_Account') ?? '';
    if (!state.accounts.has(to) || to === from)
      return {
        To_Account: to,
        ResultCode: to === from ? 30001 : 30003,
        ResultInfo: to === from ? 'Err_SNS_Invalid_Param' : NOT_EXIST,
      };
    if (!mine.has(to)) mine.set(to, seconds(ctx.nowMs));
    return { To_Account: to, ResultCode: 0, ResultInfo: '' };
  });
  return ok({ ResultItem: resultItem });
};

export const followDelete: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const to = strList(body, 'To_Account');
  if (!from || !to) return fail(30001, 'From_Account or To_Account is missing or invalid');
  if (to.length > 20) return fail(30001, 'at most 20 accounts per request');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const mine = state.follows.get(from);
  return ok({
    ResultItem: to.map((peer) => {
      if (!state.accounts.has(peer)) return { To_Account: peer, ResultCode: 30003, ResultInfo: NOT_EXIST };
      mine?.delete(peer);
      return { To_Account: peer, ResultCode: 0, ResultInfo: '' };
    }),
  });
};

export const followGet: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const type = int(body, 'FollowType');
  if (!from || (type !== 1 && type !== 2 && type !== 3))
    return fail(30001, 'From_Account or FollowType is missing or invalid');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  const want = Math.min(Math.max(int(body, 'WantNum') ?? 100, 1), 1000);
  const following = [...(state.follows.get(from) ?? new Map<string, number>())];
  const followers = followersOf(state, from).map((id): [string, number] => [
    id,
    state.follows.get(id)?.get(from) ?? 0,
  ]);
  const all =
    type === 1
      ? following
      : type === 2
        ? followers
        : following.filter(([id]) => state.follows.get(id)?.has(from));
  const cursor = str(body, 'StartCursor');
  const start = cursor && /^\d+$/.test(cursor) ? Number(cursor) : 0;
  const items = all.slice(start, start + want);
  return ok({
    FollowItem: items.map(([id, t]) => ({ To_Account: id, FollowTime: t })),
    NextCursor: start + want < all.length ? String(start + want) : '',
  });
};

export const followCheck: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const to = strList(body, 'To_Account');
  if (!from || !to) return fail(30001, 'From_Account or To_Account is missing or invalid');
  if (to.length > 100) return fail(30001, 'at most 100 accounts per request');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  return ok({
    ResultItem: to.map((peer) => {
      if (!state.accounts.has(peer))
        return { To_Account: peer, ResultCode: 30003, ResultInfo: NOT_EXIST, FollowType: 0 };
      // Bit 1: the peer follows me; bit 2: I follow the peer (3 = mutual).
      const followType =
        (state.follows.get(peer)?.has(from) ? 1 : 0) + (state.follows.get(from)?.has(peer) ? 2 : 0);
      return { To_Account: peer, ResultCode: 0, ResultInfo: '', FollowType: followType };
    }),
  });
};

export const followGetInfo: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const to = strList(body, 'To_Account');
  if (!from || !to) return fail(30001, 'From_Account or To_Account is missing or invalid');
  if (to.length > 100) return fail(30001, 'at most 100 accounts per request');
  if (!state.accounts.has(from)) return fail(30003, NOT_EXIST);
  return ok({
    FollowInfo: to.map((id) => {
      if (!state.accounts.has(id)) return { To_Account: id, ResultCode: 30003, ResultInfo: NOT_EXIST };
      const following = [...(state.follows.get(id)?.keys() ?? [])];
      const followers = followersOf(state, id);
      return {
        To_Account: id,
        FollowingCount: following.length,
        FollowerCount: followers.length,
        MutualFollowingCount: following.filter((f) => followers.includes(f)).length,
        ResultCode: 0,
        ResultInfo: '',
      };
    }),
  });
};
