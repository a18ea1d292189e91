import { createHmac, timingSafeEqual } from 'node:crypto';
import { inflateSync } from 'node:zlib';

/** The codes the real service answers for a UserSig it refuses (reference §3.2). */
export type UserSigFailure =
  | { code: 70001; info: string }
  | { code: 70002; info: string }
  | { code: 70003; info: string }
  | { code: 70013; info: string }
  | { code: 70014; info: string };

export interface VerifyInput {
  usersig: string;
  identifier: string;
  sdkAppId: number;
  secretKey: string;
  nowMs: number;
}

const URL_SAFE_B64 = /^[A-Za-z0-9*\-_]+$/;

/**
 * Verifies a TLSSigAPIv2 UserSig (reference §4.1), in the order Tencent's Go VerifyUserSig uses:
 * SDKAppID, identifier, expiry, then the HMAC. Returns null when the sig is good.
 */
export function verifyUserSig(input: VerifyInput): UserSigFailure | null {
  if (input.usersig.length === 0) return { code: 70002, info: 'Err_TLS_Sig_Length_Zero: usersig is empty' };
  const doc = decode(input.usersig);
  if (!doc) return corrupt();

  if (doc.sdkappid !== input.sdkAppId) {
    return { code: 70014, info: 'sdkappid in the request does not match the sdkappid in usersig' };
  }
  if (doc.identifier !== input.identifier) {
    return { code: 70013, info: 'identifier in the request does not match the identifier in usersig' };
  }
  if (Math.floor(input.nowMs / 1000) > doc.time + doc.expire) {
    return { code: 70001, info: 'usersig expired, please generate a new one' };
  }
  const content =
    `TLS.identifier:${doc.identifier}\n` +
    `TLS.sdkappid:${doc.sdkappid}\n` +
    `TLS.time:${doc.time}\n` +
    `TLS.expire:${doc.expire}\n` +
    (doc.userbuf === undefined ? '' : `TLS.userbuf:${doc.userbuf}\n`);
  // The key is the hex text itself, not hex-decoded (reference §4.1 step 3).
  const expected = createHmac('sha256', input.secretKey).update(content).digest();
  const given = Buffer.from(doc.sig, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { code: 70003, info: 'usersig check failed, please check the key or regenerate usersig' };
  }
  return null;
}

function corrupt(): UserSigFailure {
  return { code: 70003, info: 'usersig decode failed, it may be truncated or not url-encoded' };
}

interface SigDoc {
  identifier: string;
  sdkappid: number;
  time: number;
  expire: number;
  userbuf: string | undefined;
  sig: string;
}

function decode(usersig: string): SigDoc | null {
  if (!URL_SAFE_B64.test(usersig)) return null;
  const b64 = usersig.replaceAll('_', '=').replaceAll('-', '/').replaceAll('*', '+');
  let parsed: unknown;
  try {
    parsed = JSON.parse(inflateSync(Buffer.from(b64, 'base64')).toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const r: Record<string, unknown> = { ...parsed };
  const identifier = r['TLS.identifier'];
  const sdkappid = toInt(r['TLS.sdkappid']);
  const time = toInt(r['TLS.time']);
  const expire = toInt(r['TLS.expire']);
  const sig = r['TLS.sig'];
  const userbuf = r['TLS.userbuf'];
  if (typeof identifier !== 'string' || typeof sig !== 'string') return null;
  if (sdkappid === null || time === null || expire === null) return null;
  if (userbuf !== undefined && typeof userbuf !== 'string') return null;
  return { identifier, sdkappid, time, expire, userbuf, sig };
}

// Some signers (older Python) emit the numbers as strings; the real service accepts both.
function toInt(v: unknown): number | null {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^\d{1,15}$/.test(v)) return Number(v);
  return null;
}
