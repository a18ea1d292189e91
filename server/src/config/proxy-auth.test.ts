import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import { loadConfig } from './index';
import { parseProxyAuth } from './proxy-auth';

describe('parseProxyAuth', () => {
  it('is off without AUTH_PROXY_HEADER', () => {
    expect(parseProxyAuth({})).toBeNull();
  });

  it('parses the header names, the role map and the trusted addresses', () => {
    const config = parseProxyAuth({
      AUTH_PROXY_HEADER: 'X-Forwarded-User',
      AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
      AUTH_PROXY_ROLE_MAP: 'ops-admins:admin, ops:operator',
      AUTH_PROXY_TRUSTED: '127.0.0.1/32, 10.0.0.0/8, ::1',
    });
    expect(config).toMatchObject({
      userHeader: 'x-forwarded-user',
      groupsHeader: 'x-forwarded-groups',
      roleMap: { 'ops-admins': 'admin', ops: 'operator' },
      defaultRole: 'viewer',
    });
    expect(config?.trusted.check('10.20.30.40', 'ipv4')).toBe(true);
    expect(config?.trusted.check('127.0.0.2', 'ipv4')).toBe(false);
    expect(config?.trusted.check('::1', 'ipv6')).toBe(true);
  });

  it('stops the boot when the proxy addresses are missing or malformed, naming the variable', () => {
    expect(() => parseProxyAuth({ AUTH_PROXY_HEADER: 'X-User' })).toThrowError(/AUTH_PROXY_TRUSTED/);
    expect(() =>
      parseProxyAuth({ AUTH_PROXY_HEADER: 'X-User', AUTH_PROXY_TRUSTED: '10.0.0.0/33' }),
    ).toThrowError(ConfigError);
    expect(() =>
      parseProxyAuth({ AUTH_PROXY_HEADER: 'X-User', AUTH_PROXY_TRUSTED: 'proxy.local' }),
    ).toThrowError(/AUTH_PROXY_TRUSTED/);
    expect(() =>
      parseProxyAuth({
        AUTH_PROXY_HEADER: 'X-User',
        AUTH_PROXY_TRUSTED: '::1',
        AUTH_PROXY_ROLE_MAP: 'ops:root',
      }),
    ).toThrowError(/AUTH_PROXY_ROLE_MAP/);
    expect(() => parseProxyAuth({ AUTH_PROXY_TRUSTED: '::1' })).toThrowError(/AUTH_PROXY_HEADER/);
  });

  it('is part of the configuration read at boot', () => {
    const base = { DATA_DIR: '/tmp/unused', SANDBOX: 'off' };
    expect(loadConfig(base).proxyAuth).toBeNull();
    expect(
      loadConfig({ ...base, AUTH_PROXY_HEADER: 'X-User', AUTH_PROXY_TRUSTED: '::1' }).proxyAuth?.userHeader,
    ).toBe('x-user');
    expect(() => loadConfig({ ...base, AUTH_PROXY_HEADER: 'X-User' })).toThrowError(/AUTH_PROXY_TRUSTED/);
  });
});
