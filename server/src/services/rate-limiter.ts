import { commandKey } from '@console/shared/catalog/lookups';
import type { RateSlotStore } from '../adapters/db';
import { AppError } from '../core/errors';

/** Calls per second when the catalog does not know a command's limit: the IM default (reference §2.2). */
export const DEFAULT_RATE_LIMIT_PER_SEC = 200;

/**
 * Tencent counts calls per second. A token bucket holding one second's worth would admit up to twice
 * the limit within one second (a full bucket, then its refill), which is the 60007 we must never cause;
 * a sliding one-second log admits at most `limit` calls in any window of that length, so also in any
 * second the upstream counts. The margin absorbs jitter between a call's stamp (right before its HTTP
 * send, decision 026) and the upstream's arrival time (network, event-loop stalls); it costs about
 * 9 % of the sustained throughput (75 ms was tried: a loaded test run then saw 11 arrivals in a
 * second at a limit of 10).
 */
export const WINDOW_MS = 1000;
export const WINDOW_MARGIN_MS = 100;

/**
 * A place in the limit, held from the admission check until the call is really about to go out
 * (decision 026): `stamp()` right before the HTTP send records the call at that moment, `release()`
 * gives the place back when nothing was sent. Both are idempotent; only the first of them counts.
 */
export interface RateSlot {
  stamp(): void;
  release(): void;
}

/**
 * Send times of one key within the last window, oldest first, plus the places reserved by calls that
 * were admitted but have not gone out yet. Invariant: stamped calls in the last window + reserved
 * places ≤ the limit in force when they were admitted. Stamping turns a reserved place into a stamped
 * call without changing that sum, and time only removes stamped calls, so no window of the span ever
 * holds more stamps than the limit — however long a call waits between admission and sending.
 */
class SlidingLog {
  private times: number[] = [];
  private head = 0;
  private reserved = 0;

  constructor(private readonly now: () => number) {}

  private prune(now: number, span: number): void {
    const times = this.times;
    while (this.head < times.length && (times[this.head] ?? 0) <= now - span) this.head += 1;
    // Compact now and then so the array does not keep every call ever made.
    if (this.head > 1024 && this.head * 2 > times.length) {
      this.times = times.slice(this.head);
      this.head = 0;
    }
  }

  /** Reserves a place and answers it, or answers how many ms until one would be free. */
  reserve(limit: number, span: number): RateSlot | number {
    const now = this.now();
    this.prune(now, span);
    const stamped = this.times.length - this.head;
    if (stamped + this.reserved < limit) {
      this.reserved += 1;
      let settled = false;
      return {
        stamp: () => {
          if (settled) return;
          settled = true;
          this.reserved -= 1;
          // The clock is monotonic, so the log stays in order.
          this.times.push(Math.max(this.now(), this.times[this.times.length - 1] ?? 0));
        },
        release: () => {
          if (settled) return;
          settled = true;
          this.reserved -= 1;
        },
      };
    }
    // A place frees when enough stamped calls leave the window; if reserved places alone fill the
    // limit, not before they are stamped and a whole span has passed.
    const mustLeave = stamped + this.reserved - limit + 1;
    if (mustLeave > stamped) return span;
    const blocking = this.times[this.head + mustLeave - 1] ?? now;
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
 * one (replicas on PostgreSQL, decision 039) after a round trip to the database. Both hand out
 * `RateSlot`s with the same contract.
 */
export interface RateLimiter {
  admit(
    env: RateLimitedEnvironment,
    command: RateLimitedCommand,
    capPerSec?: number,
  ): RateSlot | number | Promise<RateSlot | number>;
  take(env: RateLimitedEnvironment, command: RateLimitedCommand): RateSlot | Promise<RateSlot>;
  /** Waits for stamps and releases still on their way to the store (before it is closed). */
  drain?(): Promise<void>;
}

function limitedError(
  env: RateLimitedEnvironment,
  command: RateLimitedCommand,
  limit: number,
  waitMs: number,
): AppError {
  return new AppError(
    'rate/limited',
    429,
    `${command.service}/${command.command} is limited to ${limit} calls per second on "${env.id}"; retry in ${waitMs} ms`,
    { details: { retryAfterMs: waitMs, limitPerSec: limit, environmentId: env.id } },
  );
}

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
    const key = `${appKeyOf(env)}\u0000${command.service}/${command.command}`;
    let log = this.logs.get(key);
    if (!log) {
      log = new SlidingLog(this.now);
      this.logs.set(key, log);
    }
    return log;
  }

  /**
   * For runs (issue 14), which wait rather than fail: answers a reserved place, or how many ms until
   * one would be free. `capPerSec` holds the caller to a lower rate than the limit; the calls are
   * counted in the same log as single calls, so both together stay within the limit.
   */
  admit(env: RateLimitedEnvironment, command: RateLimitedCommand, capPerSec?: number): RateSlot | number {
    const cap = capOf(rateLimitFor(env, command), capPerSec);
    return this.logOf(env, command).reserve(cap, WINDOW_MS + WINDOW_MARGIN_MS);
  }

  /** Reserves a place for one call, or throws 429 `rate/limited` with `details.retryAfterMs`. */
  take(env: RateLimitedEnvironment, command: RateLimitedCommand): RateSlot {
    const limit = rateLimitFor(env, command);
    const slot = this.logOf(env, command).reserve(limit, WINDOW_MS + WINDOW_MARGIN_MS);
    if (typeof slot === 'number') throw limitedError(env, command, limit, slot);
    return slot;
  }
}

/** PostgreSQL text holds no NUL, so the shared key separates with a space (no app key has one). */
const sharedKey = (env: RateLimitedEnvironment, command: RateLimitedCommand) =>
  `rate:${appKeyOf(env)} ${command.service}/${command.command}`;

/**
 * How long a reserved place counts when it is neither stamped nor released: a replica that died
 * between admission and send. Far above any real wait for the pending row (decision 039).
 */
export const SHARED_HOLD_MS = 30_000;

/** How long one estimate of the database clock's lead over this process is trusted before a fresh one may replace it. */
const CLOCK_ESTIMATE_MS = 60_000;

/**
 * The same reserve / stamp / release contract, kept in PostgreSQL for every replica on one
 * `DATABASE_URL` (decision 039, migration 0010): a reservation is a row written under the key's
 * advisory lock by the database's clock, so in any window at most the limit is stamped however the
 * calls are spread over replicas.
 *
 * `stamp()` and `release()` must not delay the send: they update the row in the background, and the
 * place counts as reserved until that update lands. A stamp carries the time of the send on the
 * database's clock, estimated from this process's monotonic clock plus the database clock's lead:
 * each reservation answers the database's time, and `dbNow - (local time the reservation was asked)`
 * is never below the true lead (the database decided after it was asked), so the smallest such
 * figure seen lately is the closest estimate that never dates a stamp before the send. So a stamp
 * that lands late (a busy pool) still counts from the send, and the margin stays the in-process one.
 */
export class SharedCommandRateLimiter implements RateLimiter {
  private readonly pending = new Set<Promise<void>>();
  /** The database clock's lead over `localNow()`, an upper bound (see above), and when it was seen. */
  private lead = Number.POSITIVE_INFINITY;
  private leadSeenAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: RateSlotStore,
    private readonly onError: (err: unknown) => void = () => {},
    private readonly localNow: () => number = () => performance.timeOrigin + performance.now(),
  ) {}

  private background(work: Promise<void>): void {
    const p = work.catch(this.onError).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private noteLead(askedAt: number, dbNowMs: number): void {
    if (!Number.isFinite(dbNowMs)) return;
    const lead = dbNowMs - askedAt;
    if (lead <= this.lead || askedAt - this.leadSeenAt > CLOCK_ESTIMATE_MS) {
      this.lead = lead;
      this.leadSeenAt = askedAt;
    }
  }

  private async reserve(key: string, limit: number): Promise<RateSlot | number> {
    const span = WINDOW_MS + WINDOW_MARGIN_MS;
    const askedAt = this.localNow();
    const reserved = await this.store.reserve(key, limit, span, SHARED_HOLD_MS);
    this.noteLead(askedAt, reserved.dbNowMs);
    const { slot } = reserved;
    if (slot === null) return reserved.waitMs;
    let settled = false;
    return {
      stamp: () => {
        if (settled) return;
        settled = true;
        this.background(this.store.stamp(slot, key, this.localNow() + this.lead + span));
      },
      release: () => {
        if (settled) return;
        settled = true;
        this.background(this.store.release(slot));
      },
    };
  }

  admit(
    env: RateLimitedEnvironment,
    command: RateLimitedCommand,
    capPerSec?: number,
  ): Promise<RateSlot | number> {
    return this.reserve(sharedKey(env, command), capOf(rateLimitFor(env, command), capPerSec));
  }

  async take(env: RateLimitedEnvironment, command: RateLimitedCommand): Promise<RateSlot> {
    const limit = rateLimitFor(env, command);
    const slot = await this.reserve(sharedKey(env, command), limit);
    if (typeof slot === 'number') throw limitedError(env, command, limit, slot);
    return slot;
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
