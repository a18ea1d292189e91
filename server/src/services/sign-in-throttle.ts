import type { WindowStore } from '../adapters/db';
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

/** The in-process throttle answers at once; the shared one (replicas on PostgreSQL) after a round trip. */
export interface SignInThrottlePort {
  check(username: string, address: string | undefined): void | Promise<void>;
  failed(username: string, address: string | undefined): void | Promise<void>;
  succeeded(username: string): void | Promise<void>;
}

function throttledError(retryAfterMs: number): AppError {
  return new AppError(
    'auth/throttled',
    429,
    `too many failed sign-ins; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
    { details: { retryAfterMs } },
  );
}

/**
 * Counts failed sign-ins per username and per address over a sliding window, in memory. A refused
 * attempt is not counted (else a locked user would stay locked for as long as someone keeps trying),
 * and it is refused before the password is checked, so it tells nothing about the password.
 */
export class SignInThrottle implements SignInThrottlePort {
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
    if (retryAfterMs > 0) throw throttledError(retryAfterMs);
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

/**
 * The same counts in PostgreSQL, shared by every replica (decision 039): a guesser spreading attempts
 * over replicas meets the same limits. Keys of made-up usernames are pruned by the retention job once
 * idle for a window, instead of the in-memory cap on keys.
 */
export class SharedSignInThrottle implements SignInThrottlePort {
  private readonly options: SignInThrottleOptions;

  constructor(
    private readonly windows: WindowStore,
    options: Partial<SignInThrottleOptions> = {},
  ) {
    this.options = { ...defaultSignInThrottle, ...options };
  }

  async check(username: string, address: string | undefined): Promise<void> {
    const { maxPerUsername, maxPerAddress, windowMs } = this.options;
    const waits = [await this.windows.window(`signin:u:${username}`, maxPerUsername, windowMs, 'peek')];
    if (address !== undefined) {
      waits.push(await this.windows.window(`signin:a:${address}`, maxPerAddress, windowMs, 'peek'));
    }
    const retryAfterMs = Math.max(...waits);
    if (retryAfterMs > 0) throw throttledError(retryAfterMs);
  }

  async failed(username: string, address: string | undefined): Promise<void> {
    const { maxPerUsername, maxPerAddress, windowMs } = this.options;
    await this.windows.window(`signin:u:${username}`, maxPerUsername, windowMs, 'add');
    if (address !== undefined) {
      await this.windows.window(`signin:a:${address}`, maxPerAddress, windowMs, 'add');
    }
  }

  async succeeded(username: string): Promise<void> {
    await this.windows.forget(`signin:u:${username}`);
  }
}
