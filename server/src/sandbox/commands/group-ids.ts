import type { Group, GroupType, SandboxState } from '../state/types';

/** Type names accepted by create_group; Work/Meeting are the newer names of Private/ChatRoom. */
export const GROUP_TYPES: Record<string, GroupType> = {
  Private: 'Private',
  Work: 'Private',
  Public: 'Public',
  ChatRoom: 'ChatRoom',
  Meeting: 'ChatRoom',
  AVChatRoom: 'AVChatRoom',
  Community: 'Community',
};

/** The name the API uses today when it answers (`Type` in get_group_info). */
export function publicTypeName(t: GroupType): string {
  return t === 'Private' ? 'Private' : t === 'ChatRoom' ? 'ChatRoom' : t;
}

// Community ids may nest a generated id after the prefix: `@TGS#_@TGS#cV6IHIIM62C4`.
const GENERATED = /^@TGS#_?(@TGS#)?[0-9A-Za-z]{6,32}$/;
const CUSTOM = /^[\x21-\x7e]{1,48}$/;

/**
 * Group IDs are either generated (`@TGS#…`) or custom (printable ASCII, ≤48 bytes, not starting
 * with `@TGS#`). Anything else is malformed → 10015; well-formed but unknown → 10010.
 */
export function isWellFormedGroupId(id: string): boolean {
  if (id.startsWith('@TGS#')) return GENERATED.test(id);
  return CUSTOM.test(id);
}

export type GroupLookup = { group: Group } | { code: 10010 | 10015; info: string };

export function lookupGroup(state: SandboxState, id: string): GroupLookup {
  if (!isWellFormedGroupId(id)) return { code: 10015, info: `invalid group id: ${id}` };
  const group = state.groups.get(id);
  if (!group) return { code: 10010, info: 'this group does not exist or has been disbanded' };
  return { group };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function newGroupId(state: SandboxState, type: GroupType): string {
  const prefix = type === 'Community' ? '@TGS#_' : type === 'AVChatRoom' ? '@TGS#a' : '@TGS#';
  for (;;) {
    state.counters.groupId += 1;
    let n = state.counters.groupId * 2654435761;
    let suffix = '';
    for (let i = 0; i < 9; i++) {
      suffix += ALPHABET[n % ALPHABET.length];
      n = Math.floor(n / ALPHABET.length);
    }
    const id = `${prefix}${type === 'Community' || type === 'AVChatRoom' ? '' : '2'}${suffix}`;
    if (!state.groups.has(id)) return id;
  }
}
