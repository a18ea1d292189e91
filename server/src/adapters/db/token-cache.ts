import type { Database } from './open';
import type { TokenWithOwner } from './token-repository';

/**
 * Verified API tokens, kept for a moment (decision 040).
 *
 * A scripted caller sends its token with every call, and reading the token and its owner was the
 * largest store cost of a call after the call's own rows. A found token is kept for `ttlMs`:
 * - in this process, any write to a token or a user (revoke, role, disable) empties the cache in
 *   the same turn, so a revocation is refused on the very next request;
 * - another process sharing the database (a replica) sees the change within `ttlMs`.
 * Unknown hashes are not kept: a caller trying random tokens cannot fill the cache.
 */
export interface TokenCache {
  get(tokenHash: string, now: number): TokenWithOwner | undefined;
  /**
   * Keeps a value read when `generation()` answered `readAt`; a write that cleared the cache
   * meanwhile makes the read stale, and it is not kept.
   */
  set(tokenHash: string, value: TokenWithOwner, now: number, readAt: number): void;
  /** Counts the clears: a read that started before one must not be kept. */
  generation(): number;
  /** Changes a kept value in place (a token's last-used time), without extending its life. */
  update(
    predicate: (value: TokenWithOwner) => boolean,
    change: (value: TokenWithOwner) => TokenWithOwner,
  ): void;
  clear(): void;
}

export const tokenCacheTtlMs = 1000;
/** Most tokens kept; past it the cache starts over, which costs one read per token. */
const maxEntries = 10_000;

function createTokenCache(ttlMs: number): TokenCache {
  const entries = new Map<string, { value: TokenWithOwner; until: number }>();
  let clears = 0;
  return {
    get(tokenHash, now) {
      const entry = entries.get(tokenHash);
      if (entry === undefined) return undefined;
      if (entry.until <= now) {
        entries.delete(tokenHash);
        return undefined;
      }
      return entry.value;
    },
    set(tokenHash, value, now, readAt) {
      if (readAt !== clears) return;
      if (entries.size >= maxEntries) entries.clear();
      entries.set(tokenHash, { value, until: now + ttlMs });
    },
    update(predicate, change) {
      for (const entry of entries.values()) if (predicate(entry.value)) entry.value = change(entry.value);
    },
    clear() {
      clears += 1;
      entries.clear();
    },
    generation() {
      return clears;
    },
  };
}

// One cache per open database, shared by the token and user repositories made on it, so a write
// through either empties it whichever repository object the caller holds.
const caches = new WeakMap<Database, TokenCache>();

export function tokenCacheOf(db: Database): TokenCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = createTokenCache(tokenCacheTtlMs);
    caches.set(db, cache);
  }
  return cache;
}
