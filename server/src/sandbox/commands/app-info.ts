import type { SandboxState } from '../state/types';
import type { CommandFn } from './types';

const DAY_MS = 86_400_000;
/** Beijing time (UTC+8, no daylight saving): Tencent's statistics days start at its midnight. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** Day numbers count from here, so a day's figures depend only on the app and the date. */
const EPOCH_MS = Date.UTC(2024, 0, 1) - BEIJING_OFFSET_MS;

/** A small, well-mixed PRNG (mulberry32): the same app and day give the same figures every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Registered users by the end of day `n`: grows every day (the derivative stays above 100/day). */
function totalRegistered(base: number, n: number): number {
  return base + 140 * n + Math.floor(60 * Math.sin(n / 3));
}

/** One day's figures, as Tencent sends them: every value a string. */
function dayFigures(
  sdkAppId: number,
  n: number,
  state: SandboxState,
  latest: boolean,
): Record<string, string> {
  const rnd = random(sdkAppId * 7919 + n * 104_729);
  const jitter = (spread: number) => 1 + (rnd() * 2 - 1) * spread;
  const base = 20_000 + (sdkAppId % 50_000);
  const total = totalRegistered(base, n);
  const dayOfWeek = new Date(EPOCH_MS + n * DAY_MS + BEIJING_OFFSET_MS).getUTCDay();
  const weekend = dayOfWeek === 0 || dayOfWeek === 6 ? 1.12 : 1;
  const active = Math.round(total * 0.3 * weekend * jitter(0.05));
  const login = Math.round(active * 0.9 * jitter(0.02));
  const c2cUp = Math.round(active * 14 * jitter(0.08)) + (latest ? state.counters.c2cMsgs : 0);
  const groupUp = Math.round(active * 9 * jitter(0.1)) + (latest ? state.counters.groupMsgs : 0);
  const c2cDown = Math.round(c2cUp * 1.02);
  const groupDown = Math.round(groupUp * 35 * jitter(0.05));
  const callbacks = Math.round((c2cUp + groupUp) * 0.6);
  // Roughly one day in eleven the app's callback server struggles: the ratio the dashboard watches.
  const badDay = rnd() < 1 / 11;
  const answered = Math.round(callbacks * (badDay ? 0.9 + rnd() * 0.04 : 0.985 + rnd() * 0.014));
  const c2cPush = Math.round(c2cDown * 0.08);
  const groupPush = Math.round(groupDown * 0.01);
  const groups = 800 + Math.floor(n * 3.5) + (latest ? state.groups.size : 0);
  return {
    ActiveUserNum: String(active),
    RegistUserNumOneDay: String(total - totalRegistered(base, n - 1) + (latest ? state.accounts.size : 0)),
    RegistUserNumTotal: String(total + (latest ? state.accounts.size : 0)),
    LoginTimes: String(Math.round(login * 2.3 * jitter(0.05))),
    LoginUserNum: String(login),
    MaxOnlineNum: String(Math.round(active * 0.12 * jitter(0.1))),
    UpMsgNum: String(c2cUp + groupUp),
    DownMsgNum: String(c2cDown + groupDown),
    SendMsgUserNum: String(Math.round(active * 0.6)),
    APNSMsgNum: String(c2cPush + groupPush),
    C2CUpMsgNum: String(c2cUp),
    C2CDownMsgNum: String(c2cDown),
    C2CSendMsgUserNum: String(Math.round(active * 0.5)),
    C2CAPNSMsgNum: String(c2cPush),
    GroupUpMsgNum: String(groupUp),
    GroupDownMsgNum: String(groupDown),
    GroupSendMsgUserNum: String(Math.round(active * 0.3)),
    GroupSendMsgGroupNum: String(Math.round(groups * 0.4)),
    GroupAPNSMsgNum: String(groupPush),
    GroupAllGroupNum: String(groups),
    GroupNewGroupNum: String(Math.round(4 * jitter(0.5)) + (latest ? state.counters.newGroups : 0)),
    GroupDestroyGroupNum: String(Math.round(1 * jitter(0.9))),
    GroupJoinGroupTimes: String(Math.round(active * 0.02 * jitter(0.2))),
    GroupQuitGroupTimes: String(Math.round(active * 0.005 * jitter(0.3))),
    ChainIncrease: String(Math.round(active * 0.01 * jitter(0.2))),
    ChainDecrease: String(Math.round(active * 0.002 * jitter(0.4))),
    CallBackReq: String(callbacks),
    CallBackRsp: String(answered),
  };
}

/**
 * getappinfo answers `{ErrorCode, ErrorInfo:"OK", Result:[…]}` without ActionStatus, like the
 * documented sample, one row per Beijing-time day for the last 30 complete days (newest first),
 * values as strings. The figures are generated from the app and the date alone, so they are the
 * same on every call and every machine (a dashboard has something plausible to chart); the newest
 * day also counts what was done in this sandbox (accounts, messages, groups). `RequestField`
 * narrows each row to the fields named, as the real API does.
 */
export const getappinfo: CommandFn = (state, body, ctx) => {
  const today = Math.floor((ctx.nowMs - EPOCH_MS) / DAY_MS);
  const requested = Array.isArray(body.RequestField)
    ? body.RequestField.filter((f): f is string => typeof f === 'string')
    : undefined;
  const rows = Array.from({ length: 30 }, (_, i) => {
    const n = today - 1 - i;
    const date = new Date(EPOCH_MS + n * DAY_MS + BEIJING_OFFSET_MS)
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
    const row: Record<string, string> = {
      AppId: String(ctx.sdkAppId),
      AppName: 'Chat REST Console sandbox',
      Company: 'Sandbox',
      Date: date,
      ...dayFigures(ctx.sdkAppId, n, state, i === 0),
    };
    if (!requested || requested.length === 0) return row;
    return Object.fromEntries(Object.entries(row).filter(([k]) => k === 'Date' || requested.includes(k)));
  });
  return { kind: 'ok', bare: true, fields: { ErrorCode: 0, ErrorInfo: 'OK', Result: rows } };
};
