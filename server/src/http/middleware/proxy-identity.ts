import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { type Role, usernameSchema } from '@console/shared/api';
import { roleRank } from '@console/shared/guard-rails';
import type { ProxyAuthConfig } from '../../config/proxy-auth';

export interface ProxyIdentity {
  username: string;
  /** From the groups header when one is configured; undefined leaves the stored role alone. */
  role: Role | undefined;
}

/** Whether the TCP peer itself (never X-Forwarded-For, which anyone can write) is a trusted proxy. */
export function isTrustedPeer(config: ProxyAuthConfig, peer: string | undefined): boolean {
  if (peer === undefined) return false;
  const family = isIP(peer);
  if (family === 0) return false;
  return config.trusted.check(peer, family === 4 ? 'ipv4' : 'ipv6');
}

function single(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export function roleFromGroups(config: ProxyAuthConfig, groups: string | undefined): Role {
  let role = config.defaultRole;
  for (const group of (groups ?? '').split(',')) {
    const mapped = config.roleMap[group.trim()];
    if (mapped !== undefined && roleRank[mapped] > roleRank[role]) role = mapped;
  }
  return role;
}

export type ProxyVerdict =
  | { kind: 'absent' }
  | { kind: 'untrusted'; peer: string | undefined }
  | { kind: 'invalid'; value: string }
  | { kind: 'identified'; identity: ProxyIdentity };

/** What the proxy headers of a request say, and whether to believe them. */
export function readProxyIdentity(
  config: ProxyAuthConfig,
  peer: string | undefined,
  headers: IncomingHttpHeaders,
): ProxyVerdict {
  const username = single(headers[config.userHeader]);
  if (username === undefined) return { kind: 'absent' };
  if (!isTrustedPeer(config, peer)) return { kind: 'untrusted', peer };
  if (!usernameSchema.safeParse(username).success) return { kind: 'invalid', value: username };
  // No groups header on this request says nothing about the groups: the stored role stays. Only a
  // header that is there (even empty: in no group) changes it.
  const groups = config.groupsHeader === null ? undefined : headers[config.groupsHeader];
  const role = groups === undefined ? undefined : roleFromGroups(config, single(groups));
  return { kind: 'identified', identity: { username, role } };
}
