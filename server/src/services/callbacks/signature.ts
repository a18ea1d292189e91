import { createHash, timingSafeEqual } from 'node:crypto';
import { CALLBACK_TIME_WINDOW_SEC } from '@console/shared/api';

/** Tencent's callback signature: lowercase hex of SHA-256 over the token then RequestTime (not an HMAC). */
export function callbackSign(token: string, requestTime: string): string {
  return createHash('sha256')
    .update(token + requestTime, 'utf8')
    .digest('hex');
}

export type SignatureFailure =
  | { kind: 'bad-signature'; reason: string }
  | { kind: 'expired'; reason: string };

/**
 * Checks `Sign` and `RequestTime` of a callback's query. The comparison is constant-time over the
 * digest's length, so the answer's timing says nothing about how much of a forged Sign was right.
 */
export function checkSignature(
  token: string,
  query: { Sign?: string | undefined; RequestTime?: string | undefined },
  nowMs: number,
): SignatureFailure | null {
  const { Sign: sign, RequestTime: requestTime } = query;
  if (sign === undefined || sign === '') {
    return { kind: 'bad-signature', reason: 'Sign is missing from the query' };
  }
  if (requestTime === undefined || !/^\d{1,12}$/.test(requestTime)) {
    return { kind: 'bad-signature', reason: 'RequestTime is missing or not a number of seconds' };
  }
  const expected = Buffer.from(callbackSign(token, requestTime), 'utf8');
  const given = Buffer.from(sign.toLowerCase(), 'utf8');
  const same = given.length === expected.length && timingSafeEqual(given, expected);
  if (!same) return { kind: 'bad-signature', reason: 'Sign is not sha256(token + RequestTime)' };
  const skew = Math.round(nowMs / 1000 - Number(requestTime));
  if (Math.abs(skew) > CALLBACK_TIME_WINDOW_SEC) {
    const where = skew > 0 ? 'behind' : 'ahead of';
    return {
      kind: 'expired',
      reason: `RequestTime is ${Math.abs(skew)} s ${where} the console's clock (more than ${CALLBACK_TIME_WINDOW_SEC} s)`,
    };
  }
  return null;
}
