import { AppError } from '../core/errors';

export interface SignInThrottleOptions {
  /** Failures of one username within the window before further attempts are refused. */
  maxPerUsername: number;
  /** Failures from one address; higher, since an office may sit behind one NAT address. */
  maxPerAddress: number;
  windowMs: number;
  /** Keys remembered at most, so a flood of made-up usernames cannot grow memory without bound. */
  maxKeys: number;
}

export const defaultSignInThrottle: SignInThrottleOptions = {
  maxPerUsername: 5,
  maxPerAddress: 20,
  windowMs: 15 * 60 * 1000,
  maxKeys: 10_000,
};

/**
 * Counts failed sign-ins per username and per address over a sliding window, in memory. A refused
 * attempt is not counted (else a locked user would stay locked for as long as someone keeps trying),
 * and it is refused before the password is checked, so it tells nothing about the password.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly options: SignInThrottleOptions;

  constructor(
    options: Partial<SignInThrottleOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...defaultSignInThrottle, ...options };
  }

  /** Throws 429 `auth/throttled` with `details.retryAfterMs` while either counter is full. */
  check(username: string, address: string | undefined): void {
    const now = this.now();
    const waits = [this.waitMs(`u:${username}`, this.options.maxPerUsername, now)];
    if (address !== undefined) waits.push(this.waitMs(`a:${address}`, this.options.maxPerAddress, now));
    const retryAfterMs = Math.max(...waits);
    if (retryAfterMs > 0) {
      throw new AppError(
        'auth/throttled',
        429,
        `too many failed sign-ins; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
        { details: { retryAfterMs } },
      );
    }
  }

  failed(username: string, address: string | undefined): void {
    const now = this.now();
    this.record(`u:${username}`, now);
    if (address !== undefined) this.record(`a:${address}`, now);
  }

  /** A correct password clears the username's count; the address keeps its count. */
  succeeded(username: string): void {
    this.failures.delete(`u:${username}`);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  private waitMs(key: string, max: number, now: number): number {
    const list = this.recent(key, now);
    if (list.length < max) return 0;
    // Open again when the failure `max` places back leaves the window.
    const blocking = list[list.length - max] ?? now;
    return Math.max(1, blocking + this.options.windowMs - now);
  }

  private record(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    // Re-inserting moves the key to the back, so the eviction below drops the stalest keys first.
    this.failures.delete(key);
    this.failures.set(key, list);
    while (this.failures.size > this.options.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }
}
