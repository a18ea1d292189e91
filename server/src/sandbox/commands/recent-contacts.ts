import { int, str } from '../state/body';
import { fail, ok } from '../state/result';
import { sessionKey } from '../state/sessions';
import type { Session } from '../state/types';
import type { CommandFn } from './types';

const PAGE = 100;

function item(s: Session): Record<string, unknown> {
  return s.type === 1
    ? { Type: 1, To_Account: s.peer, MsgTime: s.msgTime, TopFlag: s.top ? 1 : 0 }
    : { Type: 2, GroupId: s.peer, MsgTime: s.msgTime, TopFlag: s.top ? 1 : 0 };
}

export const getList: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const start = int(body, 'StartIndex');
  if (!from || start === undefined || start < 0 || int(body, 'TimeStamp') === undefined) {
    return fail(50002, 'From_Account, TimeStamp or StartIndex is missing or invalid');
  }
  if (!state.accounts.has(from)) return fail(50001, 'the account does not exist');
  // Newest conversation first; pinned ones first of all, as the real list is ordered.
  const all = [...(state.sessions.get(from)?.values() ?? [])].sort(
    (a, b) => Number(b.top) - Number(a.top) || b.msgTime - a.msgTime,
  );
  const page = all.slice(start, start + PAGE);
  const complete = start + PAGE >= all.length;
  const last = page[page.length - 1];
  return ok({
    CompleteFlag: complete ? 1 : 0,
    TimeStamp: last?.msgTime ?? 0,
    StartIndex: complete ? 0 : start + PAGE,
    TopTimeStamp: 0,
    TopStartIndex: 0,
    SessionItem: page.map(item),
  });
};

export const deleteContact: CommandFn = (state, body) => {
  const from = str(body, 'From_Account');
  const type = int(body, 'Type');
  if (!from || (type !== 1 && type !== 2)) return fail(50002, 'From_Account or Type is missing or invalid');
  const peer = type === 1 ? str(body, 'To_Account') : str(body, 'ToGroupid');
  if (!peer) return fail(50002, type === 1 ? 'To_Account is missing' : 'ToGroupid is missing');
  if (!state.accounts.has(from)) return fail(50001, 'the account does not exist');
  state.sessions.get(from)?.delete(sessionKey(type, peer));
  // ClearRamble=1 also removes the one-to-one roaming messages, from this account's side only in
  // the real service; the sandbox has one copy per message, so it only hides the conversation.
  return ok();
};
