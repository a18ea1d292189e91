import { commandKey } from '@console/shared/catalog/lookups';
import type { WindowStore } from '../adapters/db';
import { AppError } from '../core/errors';

/** Calls per second when the catalog does not know a command's limit: the IM default (reference §2.2). */
export const DEFAULT_RATE_LIMIT_PER_SEC = 200;

/**
 * Tencent counts calls per second. A token bucket holding one second's worth would admit up to twice
 * the limit within one second (a full bucket, then its refill), which is the 60007 we must never cause;
 * a sliding one-second log admits at most `limit` calls in any window of that length, so also in any
 * second the upstream counts. The margin absorbs jitter between our admission and the upstream's
 * arrival time (network, event-loop stalls); it costs about a tenth of the sustained throughput.
 */
export const WINDOW_MS = 1000;
export const WINDOW_MARGIN_MS = 100;
/**
 * Replicas admit by the database's clock, a round trip (and a pooled connection's wait) before the
 * call leaves: a wider margin absorbs that jitter too, for about a fifth of the sustained throughput
 * (decision 039).
 */
export const SHARED_WINDOW_MARGIN_MS = 250;

/** Admission times of one key within the last window, oldest first. */
class SlidingLog {
  private times: number[] = [];
  private head = 0;

  /** Admits and answers 0, or answers how many ms until a call would be admitted. */
  take(limit: number, now: number, span: number): number {
    const times = this.times;
    while (this.head < times.length && (times[this.head] ?? 0) <= now - span) this.head += 1;
    // Compact now and then so the array does not keep every call ever made.
    if (this.head > 1024 && this.head * 2 > times.length) {
      this.times = times.slice(this.head);
      this.head = 0;
    }
    const inWindow = this.times.length - this.head;
    if (inWindow < limit) {
      this.times.push(now);
      return 0;
    }
    // One slot frees when the call `limit` places back leaves the window.
    const blocking = this.times[this.times.length - limit] ?? now;
    return Math.max(1, Math.ceil(blocking + span - now));
  }
}

export interface RateLimitedEnvironment {
  id: string;
  sdkAppId: number;
  /** Where its calls go: the region's domain or the configured endpoint. */
  baseUrl: () => string;
  /** Overrides by `service/command` or `*`, in calls per second. */
  rateLimits: Record<string, number>;
}

export interface RateLimitedCommand {
  service: string;
  command: string;
  rateLimitPerSec: number | null;
}

/**
 * The limit in force: the environment's override for this command, else its `*` override (an app whose
 * limits Tencent raised), else the catalog's documented limit, else the IM default.
 */
export function rateLimitFor(env: RateLimitedEnvironment, command: RateLimitedCommand): number {
  return (
    env.rateLimits[commandKey(command)] ??
    env.rateLimits['*'] ??
    command.rateLimitPerSec ??
    DEFAULT_RATE_LIMIT_PER_SEC
  );
}

/**
 * Tencent counts calls per app, not per entry of our environments file: two entries for the same
 * SDKAppID at the same upstream (a production entry and its read-only twin, say) share one budget.
 */
export function appKeyOf(env: RateLimitedEnvironment): string {
  return `${env.sdkAppId}@${env.baseUrl()}`;
}

/**
 * What the send service and runs need of a limiter: the in-process one answers at once, the shared
 * one (replicas on PostgreSQL) after a round trip to the database.
 */
export interface RateLimiter {
  admit(
    env: RateLimitedEnvironment,
    command: RateLimitedCommand,
    capPerSec?: number,
  ): number | Promise<number>;
  take(env: RateLimitedEnvironment, command: RateLimitedCommand): void | Promise<void>;
}

function limitedError(
  env: RateLimitedEnvironment,
  command: RateLimitedCommand,
  limit: number,
  waitMs: number,
) {
  return new AppError(
    'rate/limited',
    429,
    `${command.service}/${command.command} is limited to ${limit} calls per second on "${env.id}"; retry in ${waitMs} ms`,
    { details: { retryAfterMs: waitMs, limitPerSec: limit, environmentId: env.id } },
  );
}

const limiterKey = (env: RateLimitedEnvironment, command: RateLimitedCommand) =>
  `${appKeyOf(env)}\u0000${command.service}/${command.command}`;

/** PostgreSQL text holds no NUL, so the shared key separates with a space (no app key has one). */
const sharedKey = (env: RateLimitedEnvironment, command: RateLimitedCommand) =>
  `rate:${appKeyOf(env)} ${command.service}/${command.command}`;

const capOf = (limit: number, capPerSec: number | undefined) =>
  capPerSec === undefined ? limit : Math.max(1, Math.min(limit, Math.floor(capPerSec)));

/**
 * Per app (as Tencent counts it) and command, in this process: one console on SQLite. Each entry's
 * own override decides the limit its calls are held to.
 */
export class CommandRateLimiter implements RateLimiter {
  private readonly logs = new Map<string, SlidingLog>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  private logOf(env: RateLimitedEnvironment, command: RateLimitedCommand): SlidingLog {
    const key = limiterKey(env, command);
    let log = this.logs.get(key);
    if (!log) {
      log = new SlidingLog();
      this.logs.set(key, log);
    }
    return log;
  }

  /**
   * For runs (issue 14), which wait rather than fail: counts one call and answers 0, or answers how
   * many ms until one would be admitted. `capPerSec` holds the caller to a lower rate than the limit;
   * the calls are counted in the same log as single calls, so both together stay within the limit.
   */
  admit(env: RateLimitedEnvironment, command: RateLimitedCommand, capPerSec?: number): number {
    const cap = capOf(rateLimitFor(env, command), capPerSec);
    return this.logOf(env, command).take(cap, this.now(), WINDOW_MS + WINDOW_MARGIN_MS);
  }

  /** Counts one call, or throws 429 `rate/limited` with `details.retryAfterMs`. */
  take(env: RateLimitedEnvironment, command: RateLimitedCommand): void {
    const limit = rateLimitFor(env, command);
    const waitMs = this.logOf(env, command).take(limit, this.now(), WINDOW_MS + WINDOW_MARGIN_MS);
    if (waitMs > 0) throw limitedError(env, command, limit, waitMs);
  }
}

/**
 * The same sliding log, kept in PostgreSQL for every replica on one `DATABASE_URL` (decision 039):
 * one round trip per admission, under the key's row lock and by the database's clock, so in any
 * window the upstream sees at most the limit however the calls are spread over replicas.
 */
export class SharedCommandRateLimiter implements RateLimiter {
  constructor(private readonly windows: WindowStore) {}

  async admit(env: RateLimitedEnvironment, command: RateLimitedCommand, capPerSec?: number): Promise<number> {
    const cap = capOf(rateLimitFor(env, command), capPerSec);
    return this.windows.window(sharedKey(env, command), cap, WINDOW_MS + SHARED_WINDOW_MARGIN_MS, 'take');
  }

  async take(env: RateLimitedEnvironment, command: RateLimitedCommand): Promise<void> {
    const limit = rateLimitFor(env, command);
    const key = sharedKey(env, command);
    const waitMs = await this.windows.window(key, limit, WINDOW_MS + SHARED_WINDOW_MARGIN_MS, 'take');
    if (waitMs > 0) throw limitedError(env, command, limit, waitMs);
  }
}
