import { describe, expect, it } from 'vitest';
import { parseProxyAuth } from '../../config/proxy-auth';
import { readProxyIdentity } from './proxy-identity';

const config = parseProxyAuth({
  AUTH_PROXY_HEADER: 'X-Forwarded-User',
  AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
  AUTH_PROXY_ROLE_MAP: 'ops-admins:admin,ops:operator',
  AUTH_PROXY_TRUSTED: '127.0.0.1/32',
});
if (config === null) throw new Error('expected a proxy configuration');

describe('readProxyIdentity', () => {
  it('believes the headers from a trusted peer, also as an IPv4-mapped IPv6 address', () => {
    for (const peer of ['127.0.0.1', '::ffff:127.0.0.1']) {
      expect(
        readProxyIdentity(config, peer, { 'x-forwarded-user': 'dora', 'x-forwarded-groups': '' }),
      ).toEqual({ kind: 'identified', identity: { username: 'dora', role: 'viewer' } });
    }
  });

  it('says nothing about the role when the groups header is missing, so the stored role stays', () => {
    expect(readProxyIdentity(config, '127.0.0.1', { 'x-forwarded-user': 'dora' })).toEqual({
      kind: 'identified',
      identity: { username: 'dora', role: undefined },
    });
  });

  it('ignores them from any other peer, whatever X-Forwarded-For says', () => {
    const verdict = readProxyIdentity(config, '127.0.0.2', {
      'x-forwarded-user': 'dora',
      'x-forwarded-for': '127.0.0.1',
    });
    expect(verdict.kind).toBe('untrusted');
  });

  it('maps groups to the highest role and refuses a malformed username', () => {
    const headers = { 'x-forwarded-user': 'eve', 'x-forwarded-groups': 'staff, ops,ops-admins' };
    expect(readProxyIdentity(config, '127.0.0.1', headers)).toMatchObject({ identity: { role: 'admin' } });
    expect(readProxyIdentity(config, '127.0.0.1', { 'x-forwarded-user': 'a b' }).kind).toBe('invalid');
    expect(readProxyIdentity(config, '127.0.0.1', {}).kind).toBe('absent');
  });
});
