/** Calls per second when the catalog does not know a command's limit: the IM default (reference §2.2). */
export const DEFAULT_RATE_LIMIT_PER_SEC = 200;

/** Tencent raises Alert.RequestOverLimit when a command passes this share of its limit (reference §1). */
export const OVER_LIMIT_ALERT_SHARE = 0.8;

export interface Admission {
  /** False when the call is over the limit for the current second (60007). */
  ok: boolean;
  /** Calls counted in this second, this one included when admitted. */
  count: number;
  /** True for the one call of the second that first passes 80 % of the limit. */
  alert: boolean;
}

/**
 * Fixed one-second windows per command, like the real service's per-API counters. Fixed rather than
 * sliding so a test can tell exactly when the window opens again.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { second: number; count: number; alerted: boolean }>();

  /** Counts one call and says whether it is admitted and whether it is the one to raise the alert. */
  admit(key: string, limitPerSec: number, nowMs: number): Admission {
    const second = Math.floor(nowMs / 1000);
    let w = this.windows.get(key);
    if (!w || w.second !== second) {
      w = { second, count: 0, alerted: false };
      this.windows.set(key, w);
    }
    if (w.count >= limitPerSec) return { ok: false, count: w.count, alert: false };
    w.count += 1;
    const alert = !w.alerted && w.count > limitPerSec * OVER_LIMIT_ALERT_SHARE;
    if (alert) w.alerted = true;
    return { ok: true, count: w.count, alert };
  }

  clear(): void {
    this.windows.clear();
  }
}
