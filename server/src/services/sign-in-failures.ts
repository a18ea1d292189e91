import type { AuditRepository } from '../adapters/db';

export interface SignInFailureLogOptions {
  /** One row per username and address per window; later failures in it are counted. */
  windowMs: number;
  /**
   * Rows written at once per window, over all keys; past it, failures of new keys go to one
   * overflow count. This also bounds the keys held in memory.
   */
  maxRowsPerWindow: number;
}

export const defaultSignInFailureLog: SignInFailureLogOptions = {
  windowMs: 15 * 60 * 1000,
  maxRowsPerWindow: 500,
};

interface Tally {
  username: string;
  address: string | null;
  /** When the key's window opened: its first failure, which was written as a row. */
  since: number;
  last: number;
  /** Failures after the first, by reason; written as one row when the window closes. */
  more: Record<string, number>;
  moreCount: number;
}

/** The overflow's key: it never collides with a username, which cannot hold a NUL. */
const OVERFLOW = '\u0000overflow';

/**
 * Failed sign-ins in the audit log at a bounded cost. The first failure of a username from an
 * address in a window is one row, as before; the rest of that window are counted in memory and
 * written as one row with their count when the window closes (or the process stops). However many
 * anonymous requests arrive, the audit log grows by at most about `2 × maxRowsPerWindow + 1` rows
 * per window (decision 022).
 */
export class SignInFailureLog {
  private readonly tallies = new Map<string, Tally>();
  private readonly options: SignInFailureLogOptions;
  private windowStart: number;
  private rowsThisWindow = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly audit: AuditRepository,
    options: Partial<SignInFailureLogOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...defaultSignInFailureLog, ...options };
    this.windowStart = this.now();
  }

  async failed(username: string, reason: string, address: string | undefined): Promise<void> {
    const now = this.now();
    await this.flush(now);
    const key = `${username}\u0000${address ?? ''}`;
    const tally = this.tallies.get(key);
    if (tally !== undefined) {
      this.count(tally, reason, now);
      return;
    }
    if (this.rowsThisWindow >= this.options.maxRowsPerWindow) {
      this.count(this.overflow(now), reason, now);
      return;
    }
    this.tallies.set(key, {
      username,
      address: address ?? null,
      since: now,
      last: now,
      more: {},
      moreCount: 0,
    });
    this.rowsThisWindow += 1;
    await this.audit.append({
      actor: username,
      action: 'session.sign-in-failed',
      target: username,
      details: { reason, address: address ?? null },
    });
  }

  /** Writes the counts of windows that have closed (all of them when `all`), and forgets those keys. */
  async flush(now = this.now(), all = false): Promise<void> {
    const { windowMs } = this.options;
    if (now - this.windowStart >= windowMs) {
      this.windowStart = now;
      this.rowsThisWindow = 0;
    }
    for (const [key, tally] of this.tallies) {
      if (!all && now - tally.since < windowMs) continue;
      this.tallies.delete(key);
      if (tally.moreCount === 0) continue;
      const overflow = key === OVERFLOW;
      await this.audit.append({
        actor: overflow ? 'anonymous' : tally.username,
        action: 'session.sign-in-failed',
        target: overflow ? null : tally.username,
        details: {
          reason: 'repeated',
          count: tally.moreCount,
          reasons: tally.more,
          address: tally.address,
          from: new Date(tally.since).toISOString(),
          to: new Date(tally.last).toISOString(),
          ...(overflow ? { note: 'failures past the per-window row budget, all users and addresses' } : {}),
        },
      });
    }
  }

  /** Flushes closed windows every minute until `stop`, which writes what is still counted. */
  start(onError: (err: unknown) => void): void {
    this.timer = setInterval(() => void this.flush().catch(onError), 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(this.now(), true);
  }

  private count(tally: Tally, reason: string, now: number): void {
    tally.more[reason] = (tally.more[reason] ?? 0) + 1;
    tally.moreCount += 1;
    tally.last = now;
  }

  private overflow(now: number): Tally {
    let tally = this.tallies.get(OVERFLOW);
    if (tally === undefined) {
      tally = { username: '', address: null, since: now, last: now, more: {}, moreCount: 0 };
      this.tallies.set(OVERFLOW, tally);
    }
    return tally;
  }
}
