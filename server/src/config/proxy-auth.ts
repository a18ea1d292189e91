import { BlockList, isIP } from 'node:net';
import { type Role, roleSchema } from '@console/shared/api';
import { ConfigError } from './errors';

/** Trusted-header single sign-on (oauth2-proxy and the like); null when `AUTH_PROXY_HEADER` is unset. */
export interface ProxyAuthConfig {
  /** Lower-case header name carrying the username, e.g. `x-forwarded-user`. */
  userHeader: string;
  groupsHeader: string | null;
  /** Group → role; a user in several mapped groups gets the highest role. */
  roleMap: Record<string, Role>;
  /** Role of a new user (no groups header) or of a user in no mapped group. */
  defaultRole: Role;
  /** The TCP peers (the proxy itself) whose headers are believed. */
  trusted: BlockList;
  /** As configured, for the boot log and the audit row. */
  trustedList: string[];
}

const headerName = /^[A-Za-z0-9-]+$/;

function parseTrusted(value: string): { list: BlockList; entries: string[] } {
  const list = new BlockList();
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const entry of entries) {
    const [address = '', prefixText, extra] = entry.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (family === 0 || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new ConfigError(
        `AUTH_PROXY_TRUSTED: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.5, 10.0.0.0/8, ::1)`,
      );
    }
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return { list, entries };
}

function parseRoleMap(value: string | undefined): Record<string, Role> {
  const map: Record<string, Role> = {};
  if (value === undefined) return map;
  for (const pair of value.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.lastIndexOf(':');
    const group = pair.slice(0, at).trim();
    const role = roleSchema.safeParse(pair.slice(at + 1).trim());
    if (at <= 0 || group === '' || !role.success) {
      throw new ConfigError(
        `AUTH_PROXY_ROLE_MAP: "${pair.trim()}" must be group:role with role viewer, operator or admin`,
      );
    }
    map[group] = role.data;
  }
  return map;
}

export function parseProxyAuth(env: {
  AUTH_PROXY_HEADER?: string | undefined;
  AUTH_PROXY_GROUPS_HEADER?: string | undefined;
  AUTH_PROXY_ROLE_MAP?: string | undefined;
  AUTH_PROXY_DEFAULT_ROLE?: string | undefined;
  AUTH_PROXY_TRUSTED?: string | undefined;
}): ProxyAuthConfig | null {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const userHeader = blank(env.AUTH_PROXY_HEADER);
  const groupsHeader = blank(env.AUTH_PROXY_GROUPS_HEADER);
  const roleMap = blank(env.AUTH_PROXY_ROLE_MAP);
  const defaultRoleText = blank(env.AUTH_PROXY_DEFAULT_ROLE);
  const trustedText = blank(env.AUTH_PROXY_TRUSTED);
  if (userHeader === undefined) {
    const stray = groupsHeader ?? roleMap ?? defaultRoleText ?? trustedText;
    if (stray !== undefined)
      throw new ConfigError('AUTH_PROXY_HEADER: must be set when other AUTH_PROXY_* are');
    return null;
  }
  for (const [name, value] of [
    ['AUTH_PROXY_HEADER', userHeader],
    ['AUTH_PROXY_GROUPS_HEADER', groupsHeader],
  ] as const) {
    if (value !== undefined && !headerName.test(value)) {
      throw new ConfigError(`${name}: "${value}" is not a header name`);
    }
  }
  // Without a list of proxies anyone could claim to be anyone by sending the header.
  if (trustedText === undefined) {
    throw new ConfigError('AUTH_PROXY_TRUSTED: must list the proxy addresses when AUTH_PROXY_HEADER is set');
  }
  const defaultRole = roleSchema.safeParse(defaultRoleText ?? 'viewer');
  if (!defaultRole.success) {
    throw new ConfigError(
      `AUTH_PROXY_DEFAULT_ROLE: must be viewer, operator or admin, got "${defaultRoleText}"`,
    );
  }
  const trusted = parseTrusted(trustedText);
  return {
    userHeader: userHeader.toLowerCase(),
    groupsHeader: groupsHeader?.toLowerCase() ?? null,
    roleMap: parseRoleMap(roleMap),
    defaultRole: defaultRole.data,
    trusted: trusted.list,
    trustedList: trusted.entries,
  };
}
