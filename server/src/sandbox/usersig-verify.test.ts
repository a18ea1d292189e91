import { describe, expect, it } from 'vitest';
import { verifyUserSig } from './usersig-verify';

// Vector from reference §4.2, computed with tls-sig-api-v2@1.0.2 and a frozen clock: it checks the
// verifier against an independent signer, not against itself.
const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const XIAOJUN =
  'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZBaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__';
const SIGNED_AT_MS = 1_700_000_000_000;
const EXPIRE = 15_552_000;

const input = {
  usersig: XIAOJUN,
  identifier: 'xiaojun',
  sdkAppId: 1400000000,
  secretKey: KEY,
  nowMs: SIGNED_AT_MS,
};

describe('verifyUserSig', () => {
  it('accepts the published vector up to and including its last valid second', () => {
    expect(verifyUserSig(input)).toBeNull();
    expect(verifyUserSig({ ...input, nowMs: (1_700_000_000 + EXPIRE) * 1000 + 999 })).toBeNull();
  });

  it('answers 70001 one second after time + expire', () => {
    expect(verifyUserSig({ ...input, nowMs: (1_700_000_000 + EXPIRE + 1) * 1000 })?.code).toBe(70001);
  });

  it('answers 70003 with another key, 70013 for another identifier, 70014 for another SDKAppID', () => {
    expect(verifyUserSig({ ...input, secretKey: KEY.replace('5b', '5c') })?.code).toBe(70003);
    expect(verifyUserSig({ ...input, identifier: 'xiaojun2' })?.code).toBe(70013);
    expect(verifyUserSig({ ...input, sdkAppId: 1400000001 })?.code).toBe(70014);
  });

  it('answers 70002 for an empty sig and 70003 for a truncated one', () => {
    expect(verifyUserSig({ ...input, usersig: '' })?.code).toBe(70002);
    expect(verifyUserSig({ ...input, usersig: XIAOJUN.slice(0, 40) })?.code).toBe(70003);
  });
});
