/** The explorer page of a user or group, in an environment (`?env=` keeps the choice in the link). */
export function explorePath(kind: 'user' | 'group', id: string, environmentId?: string): string {
  const path = `/explore/${kind === 'user' ? 'users' : 'groups'}/${encodeURIComponent(id)}`;
  return environmentId ? `${path}?env=${encodeURIComponent(environmentId)}` : path;
}

/**
 * Where the header's search box goes: `group:ID` or a `@TGS#…` ID is a group, `user:ID` or anything
 * else a user. Undefined for an empty search.
 */
export function searchTarget(input: string): { kind: 'user' | 'group'; id: string } | undefined {
  const text = input.trim();
  const prefixed = /^(user|group):\s*(.+)$/i.exec(text);
  if (prefixed) {
    const kind = prefixed[1]!.toLowerCase() === 'group' ? 'group' : 'user';
    return { kind, id: prefixed[2]!.trim() };
  }
  if (text === '') return undefined;
  return { kind: text.startsWith('@TGS#') ? 'group' : 'user', id: text };
}
