/** Calls per second when the catalog does not know a command's limit: the IM default (reference §2.2). */
export const DEFAULT_RATE_LIMIT_PER_SEC = 200;

/**
 * Fixed one-second windows per command, like the real service's per-API counters. Fixed rather than
 * sliding so a test can tell exactly when the window opens again.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { second: number; count: number }>();

  /** Counts one call; false when it is over the limit for the current second. */
  take(key: string, limitPerSec: number, nowMs: number): boolean {
    const second = Math.floor(nowMs / 1000);
    const w = this.windows.get(key);
    if (!w || w.second !== second) {
      this.windows.set(key, { second, count: 1 });
      return true;
    }
    if (w.count >= limitPerSec) return false;
    w.count += 1;
    return true;
  }

  clear(): void {
    this.windows.clear();
  }
}
