import { seconds } from '../state/body';
import type { CommandFn } from './types';

/**
 * getappinfo answers `{ErrorCode, ErrorInfo:"OK", Result:[…]}` without ActionStatus, like the
 * documented sample; numbers are strings there too. Figures come from the sandbox's own state.
 */
export const getappinfo: CommandFn = (state, _body, ctx) => {
  const date = new Date(ctx.nowMs).toISOString().slice(0, 10).replaceAll('-', '');
  const online = [...state.accounts.values()].filter((a) => a.online !== 'Offline').length;
  const today = seconds(ctx.nowMs) - 86_400;
  const newUsers = [...state.accounts.values()].filter((a) => a.createTime > today).length;
  const stats: Record<string, string> = {
    AppId: String(ctx.sdkAppId),
    AppName: 'Chat REST Console sandbox',
    Company: 'Sandbox',
    Date: date,
    ActiveUserNum: String(online),
    LoginUserNum: String(online),
    MaxOnlineNum: String(online),
    RegistUserNumOneDay: String(newUsers),
    RegistUserNumTotal: String(state.accounts.size),
    C2CUpMsgNum: String(state.counters.c2cMsgs),
    C2CDownMsgNum: String(state.counters.c2cMsgs),
    GroupUpMsgNum: String(state.counters.groupMsgs),
    GroupAllGroupNum: String(state.groups.size),
    GroupNewGroupNum: String(state.counters.newGroups),
    UpMsgNum: String(state.counters.c2cMsgs + state.counters.groupMsgs),
  };
  return { kind: 'ok', bare: true, fields: { ErrorCode: 0, ErrorInfo: 'OK', Result: [stats] } };
};
