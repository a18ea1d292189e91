import type { DedupeEntry, SandboxState } from './types';

/**
 * The real service treats a repeated MsgRandom + body from the same sender as a retry and does not
 * deliver a second copy. The sandbox keeps that window at 60 s and answers the first send's result.
 */
export const DEDUPE_WINDOW_MS = 60_000;

export function dedupeKey(scope: string, from: string, random: number, body: unknown[]): string {
  return `${scope}|${from}|${random}|${JSON.stringify(body)}`;
}

export function findDuplicate(state: SandboxState, key: string, nowMs: number): DedupeEntry | undefined {
  const hit = state.dedupe.get(key);
  if (!hit) return undefined;
  if (nowMs - hit.atMs > DEDUPE_WINDOW_MS) {
    state.dedupe.delete(key);
    return undefined;
  }
  return hit;
}

export function remember(
  state: SandboxState,
  key: string,
  nowMs: number,
  fields: Record<string, unknown>,
): void {
  // Keep the map small: drop stale entries whenever a new one is stored.
  for (const [k, v] of state.dedupe) if (nowMs - v.atMs > DEDUPE_WINDOW_MS) state.dedupe.delete(k);
  state.dedupe.set(key, { atMs: nowMs, fields });
}
