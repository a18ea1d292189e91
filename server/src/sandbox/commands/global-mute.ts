import { seconds, str, uint32 } from '../state/body';
import { fail, ok } from '../state/result';
import type { CommandFn } from './types';

/** 4294967295 means "muted for ever" in both directions of this API. */
const FOREVER = 4294967295;

export const setnospeaking: CommandFn = (state, body, ctx) => {
  const account = str(body, 'Set_Account');
  if (!account) return fail(90003, 'Set_Account is missing or is not a string');
  const c2c = body.C2CmsgNospeakingTime === undefined ? undefined : uint32(body, 'C2CmsgNospeakingTime');
  const group =
    body.GroupmsgNospeakingTime === undefined ? undefined : uint32(body, 'GroupmsgNospeakingTime');
  if (
    (body.C2CmsgNospeakingTime !== undefined && c2c === undefined) ||
    (body.GroupmsgNospeakingTime !== undefined && group === undefined)
  ) {
    return fail(
      90001,
      'C2CmsgNospeakingTime and GroupmsgNospeakingTime must be integers from 0 to 4294967295',
    );
  }
  if (!state.accounts.has(account)) return fail(70107, 'Err_TLS_PT_Open_Login_Account_Not_Exist');
  const now = seconds(ctx.nowMs);
  const current = state.globalMute.get(account) ?? { c2cUntil: 0, groupUntil: 0 };
  const until = (s: number) => (s === 0 ? 0 : s === FOREVER ? Number.POSITIVE_INFINITY : now + s);
  if (c2c !== undefined) current.c2cUntil = until(c2c);
  if (group !== undefined) current.groupUntil = until(group);
  state.globalMute.set(account, current);
  return ok();
};

export const getnospeaking: CommandFn = (state, body, ctx) => {
  const account = str(body, 'Get_Account');
  if (!account) return fail(90003, 'Get_Account is missing or is not a string');
  if (!state.accounts.has(account)) return fail(70107, 'Err_TLS_PT_Open_Login_Account_Not_Exist');
  const now = seconds(ctx.nowMs);
  const m = state.globalMute.get(account);
  // The remaining mute time in seconds, 0 when not muted.
  const left = (until: number) => (until === Number.POSITIVE_INFINITY ? FOREVER : Math.max(until - now, 0));
  return ok({
    C2CmsgNospeakingTime: left(m?.c2cUntil ?? 0),
    GroupmsgNospeakingTime: left(m?.groupUntil ?? 0),
  });
};
