import type { SandboxState } from './types';

export function sessionKey(type: 1 | 2, peer: string): string {
  return `${type}:${peer}`;
}

/** Records that `owner` has a conversation with `peer` whose latest message is at `time`. */
export function touchSession(
  state: SandboxState,
  owner: string,
  type: 1 | 2,
  peer: string,
  time: number,
): void {
  let list = state.sessions.get(owner);
  if (!list) {
    list = new Map();
    state.sessions.set(owner, list);
  }
  const key = sessionKey(type, peer);
  const existing = list.get(key);
  if (existing) existing.msgTime = Math.max(existing.msgTime, time);
  else list.set(key, { type, peer, msgTime: time, top: false });
}
