import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildUpstreamUrl } from './tencent-client';
import { UserSigSigner } from './usersig';

const identity = {
  id: 'env',
  sdkAppId: 1400000000,
  adminIdentifier: 'administrator',
  secretKey: 'k'.repeat(64),
};

function decode(sig: string): Record<string, unknown> {
  const b64 = sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  return JSON.parse(inflateSync(Buffer.from(b64, 'base64')).toString('utf8'));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('UserSigSigner', () => {
  it('makes a 24 h admin sig, reuses it, and renews it once less than an hour is left', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const signer = new UserSigSigner();
    const first = signer.sign(identity);
    expect(decode(first)).toMatchObject({
      'TLS.identifier': 'administrator',
      'TLS.sdkappid': 1400000000,
      'TLS.expire': 86400,
    });

    vi.setSystemTime(new Date('2026-01-01T22:59:00Z'));
    expect(signer.sign(identity)).toBe(first);

    vi.setSystemTime(new Date('2026-01-01T23:01:00Z'));
    const renewed = signer.sign(identity);
    expect(renewed).not.toBe(first);
    expect(decode(renewed)['TLS.time']).toBe(Date.parse('2026-01-01T23:01:00Z') / 1000);
  });

  it('keeps one sig per environment and renews when the key changes', () => {
    const signer = new UserSigSigner();
    const a = signer.sign(identity);
    const b = signer.sign({ ...identity, id: 'other', adminIdentifier: 'ops' });
    expect(decode(b)['TLS.identifier']).toBe('ops');
    expect(signer.sign(identity)).toBe(a);
    vi.useFakeTimers({ now: Date.now() + 2000 });
    expect(signer.sign({ ...identity, secretKey: 'x'.repeat(64) })).not.toBe(a);
  });
});

describe('buildUpstreamUrl', () => {
  it('builds the path from the command and URL-encodes every value', () => {
    const url = buildUpstreamUrl(
      {
        target: {
          baseUrl: 'https://adminapisgp.im.qcloud.com',
          sdkAppId: 20001234,
          adminIdentifier: 'a&b=c',
        },
        service: 'openim',
        command: 'sendmsg',
        userSig: 'sig*with-_chars',
      },
      4294967295,
    );
    expect(url).toBe(
      'https://adminapisgp.im.qcloud.com/v4/openim/sendmsg?sdkappid=20001234&identifier=a%26b%3Dc' +
        '&usersig=sig*with-_chars&random=4294967295&contenttype=json',
    );
  });
});
