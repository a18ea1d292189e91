import { createHash } from 'node:crypto';
import { str } from '../state/body';
import { fail, ok } from '../state/result';
import type { CommandFn } from './types';

// Operations beside getappinfo (app-info.ts): history archive files and the server IP list.

/** MsgTime is YYYYMMDDHH (UTC here; Beijing time in the real service). */
function hourRange(msgTime: string): [number, number] | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(msgTime);
  if (!m) return undefined;
  const [, y, mo, d, h] = m.map(Number);
  if (y === undefined || mo === undefined || d === undefined || h === undefined) return undefined;
  const start = Date.UTC(y, mo - 1, d, h) / 1000;
  const check = new Date(start * 1000);
  if (check.getUTCHours() !== h || check.getUTCDate() !== d) return undefined;
  return [start, start + 3600];
}

/**
 * get_history lists the archive file of one hour of messages. The sandbox builds the file's
 * figures from the messages it holds for that hour; the URL names the archive but is not served.
 */
export const getHistory: CommandFn = (state, body, ctx) => {
  const chatType = str(body, 'ChatType');
  const msgTime = str(body, 'MsgTime');
  if (chatType !== 'C2C' && chatType !== 'Group') return fail(90001, 'ChatType must be C2C or Group');
  const range = msgTime ? hourRange(msgTime) : undefined;
  if (!msgTime || !range) return fail(90001, 'MsgTime must be an hour as YYYYMMDDHH');
  const [from, to] = range;
  if (from * 1000 > ctx.nowMs) return fail(90001, 'MsgTime is in the future');
  const messages =
    chatType === 'C2C'
      ? state.c2c.filter((m) => m.time >= from && m.time < to)
      : [...state.groups.values()].flatMap((g) => g.messages.filter((m) => m.time >= from && m.time < to));
  if (messages.length === 0) return ok({ File: [] });
  const content = JSON.stringify(messages);
  const md5 = createHash('md5').update(content).digest('hex');
  return ok({
    File: [
      {
        URL: `https://sandbox.invalid/history/${ctx.sdkAppId}/${chatType}/${msgTime}.gz`,
        ExpireTime: new Date(ctx.nowMs + 3 * 86_400_000).toISOString().replace('T', ' ').slice(0, 19),
        FileSize: Buffer.byteLength(content),
        FileMD5: md5,
        GzipSize: Math.ceil(Buffer.byteLength(content) / 4),
        GzipMD5: createHash('md5').update(md5).digest('hex'),
      },
    ],
  });
};

/** Documentation addresses (RFC 5737): an allow-list built from them reaches nothing real. */
export const getIpList: CommandFn = () =>
  ok({ IPList: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'] });
