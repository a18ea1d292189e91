import { describe, expect, it } from 'vitest';
import { callbackSign, checkSignature } from './signature';

describe('callbackSign', () => {
  it("matches Tencent's published vector", () => {
    expect(callbackSign('xxxxyyyy', '1669872112')).toBe(
      '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
    );
  });
});

describe('checkSignature', () => {
  const now = 1_669_872_112_000;
  const sign = '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061';

  it('accepts the right Sign within the window, in either case of hex', () => {
    expect(checkSignature('xxxxyyyy', { Sign: sign, RequestTime: '1669872112' }, now)).toBeNull();
    expect(
      checkSignature('xxxxyyyy', { Sign: sign.toUpperCase(), RequestTime: '1669872112' }, now + 59_000),
    ).toBeNull();
  });

  it('refuses a missing or wrong Sign, a wrong token and a non-numeric RequestTime', () => {
    expect(checkSignature('xxxxyyyy', { RequestTime: '1669872112' }, now)?.kind).toBe('bad-signature');
    expect(checkSignature('xxxxyyyz', { Sign: sign, RequestTime: '1669872112' }, now)?.kind).toBe(
      'bad-signature',
    );
    expect(checkSignature('xxxxyyyy', { Sign: sign.slice(1), RequestTime: '1669872112' }, now)?.kind).toBe(
      'bad-signature',
    );
    expect(checkSignature('xxxxyyyy', { Sign: sign, RequestTime: '1669872113' }, now)?.kind).toBe(
      'bad-signature',
    );
    expect(checkSignature('xxxxyyyy', { Sign: sign, RequestTime: 'soon' }, now)?.kind).toBe('bad-signature');
  });

  it('refuses a RequestTime more than 60 s away, and says how far', () => {
    const late = checkSignature('xxxxyyyy', { Sign: sign, RequestTime: '1669872112' }, now + 61_000);
    expect(late).toEqual({ kind: 'expired', reason: expect.stringContaining('61 s behind') });
    const early = checkSignature('xxxxyyyy', { Sign: sign, RequestTime: '1669872112' }, now - 90_000);
    expect(early).toEqual({ kind: 'expired', reason: expect.stringContaining('90 s ahead of') });
  });
});
