import { describe, expect, it } from 'vitest';
import { buildUpstreamUrl, scrub } from './tencent-client';

const target = {
  baseUrl: 'https://adminapisgp.im.qcloud.com',
  sdkAppId: 1400000001,
  adminIdentifier: 'admin',
};

describe('scrub', () => {
  it('removes a UserSig as is, URL-encoded and encoded with * as %2A, for each of several UserSigs in turn', () => {
    for (const userSig of ['eJw*abc+/=', 'eJyXyz*9+/=', 'eJw*abc+/=']) {
      const encoded = encodeURIComponent(userSig);
      const text = `a ${userSig} b ${encoded} c ${encoded.replaceAll('*', '%2A')} d`;
      expect(scrub(text, userSig)).toBe('a REDACTED b REDACTED c REDACTED d');
    }
  });

  it('leaves a text without the UserSig as it is', () => {
    expect(scrub('{"ActionStatus":"OK"}', 'eJw*abc')).toBe('{"ActionStatus":"OK"}');
    expect(scrub('anything', '')).toBe('anything');
  });
});

describe('buildUpstreamUrl', () => {
  it('encodes the UserSig of each call, and writes REDACTED as is', () => {
    const call = { target, service: 'im_open_login_svc', command: 'account_check' };
    expect(buildUpstreamUrl({ ...call, userSig: 'a+b/c=' }, 7)).toBe(
      'https://adminapisgp.im.qcloud.com/v4/im_open_login_svc/account_check?sdkappid=1400000001&identifier=admin&usersig=a%2Bb%2Fc%3D&random=7&contenttype=json',
    );
    expect(buildUpstreamUrl({ ...call, userSig: 'x*y' }, 8)).toContain('&usersig=x*y&random=8');
    expect(buildUpstreamUrl({ ...call, userSig: 'REDACTED' }, 9)).toContain('&usersig=REDACTED&random=9');
  });
});
