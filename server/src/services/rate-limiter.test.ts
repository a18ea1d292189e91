import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors';
import {
  CommandRateLimiter,
  DEFAULT_RATE_LIMIT_PER_SEC,
  rateLimitFor,
  WINDOW_MARGIN_MS,
  WINDOW_MS,
} from './rate-limiter';

const app = { sdkAppId: 1400000001, baseUrl: () => 'https://adminapisgp.im.qcloud.com' };
const env = { id: 'qa', ...app, rateLimits: {} };
const accountCheck = { service: 'im_open_login_svc', command: 'account_check', rateLimitPerSec: 100 };
const sendmsg = { service: 'openim', command: 'sendmsg', rateLimitPerSec: 200 };
const unknownLimit = { service: 'openim', command: 'admin_getroammsg', rateLimitPerSec: null };
const SPAN = WINDOW_MS + WINDOW_MARGIN_MS;

/** One call sent at once: its place is reserved and stamped in the same instant. */
function attempt(limiter: CommandRateLimiter, e = env, c = accountCheck): number {
  try {
    limiter.take(e, c).stamp();
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.code === 'rate/limited') {
      const details = err.details;
      if (typeof details === 'object' && details !== null && 'retryAfterMs' in details) {
        return Number(details.retryAfterMs);
      }
    }
    throw err;
  }
}

describe('rateLimitFor', () => {
  it('prefers the exact override, then *, then the catalog, then the IM default', () => {
    const raised = { id: 'p', ...app, rateLimits: { 'openim/sendmsg': 500, '*': 1000 } };
    expect(rateLimitFor(raised, sendmsg)).toBe(500);
    expect(rateLimitFor(raised, accountCheck)).toBe(1000);
    expect(rateLimitFor(env, accountCheck)).toBe(100);
    expect(rateLimitFor(env, unknownLimit)).toBe(DEFAULT_RATE_LIMIT_PER_SEC);
  });
});

describe('CommandRateLimiter', () => {
  it('admits the limit at once, then refuses with the wait until the oldest call leaves the window', () => {
    let now = 1000;
    const limiter = new CommandRateLimiter(() => now);
    for (let i = 0; i < 100; i++) expect(attempt(limiter)).toBe(0);
    expect(attempt(limiter)).toBe(SPAN);
    now += 400;
    expect(attempt(limiter)).toBe(SPAN - 400);
    now = 1000 + SPAN;
    expect(attempt(limiter)).toBe(0);
  });

  it('never admits more than the limit in any window, whatever the arrival pattern', () => {
    let now = 0;
    const limiter = new CommandRateLimiter(() => now);
    const admitted: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      now += (i * 7919) % 13; // irregular gaps of 0-12 ms
      if (attempt(limiter) === 0) admitted.push(now);
    }
    let start = 0;
    let busiest = 0;
    for (let end = 0; end < admitted.length; end++) {
      while ((admitted[end] ?? 0) - (admitted[start] ?? 0) >= WINDOW_MS) start += 1;
      busiest = Math.max(busiest, end - start + 1);
    }
    expect(busiest).toBe(100);
    // And it is not needlessly strict: close to the limit over the whole run.
    expect(admitted.length / (now / 1000)).toBeGreaterThan(85);
  });

  it('keeps separate windows per app and per command', () => {
    const now = 0;
    const limiter = new CommandRateLimiter(() => now);
    for (let i = 0; i < 100; i++) attempt(limiter);
    expect(attempt(limiter)).toBeGreaterThan(0);
    expect(attempt(limiter, { ...env, id: 'other-app', sdkAppId: 1400000002 })).toBe(0);
    expect(
      attempt(limiter, { ...env, id: 'other-region', baseUrl: () => 'https://adminapiger.im.qcloud.com' }),
    ).toBe(0);
    expect(attempt(limiter, env, sendmsg)).toBe(0);
  });

  it('shares one window between entries of the same app at the same upstream', () => {
    const now = 0;
    const limiter = new CommandRateLimiter(() => now);
    const twin = { ...env, id: 'qa-read-only' };
    const admitted = Array.from({ length: 200 }, (_, i) => attempt(limiter, i % 2 === 0 ? env : twin)).filter(
      (wait) => wait === 0,
    );
    expect(admitted).toHaveLength(100);
  });

  it('counts a reserved place against the limit until it is stamped or released', () => {
    let now = 0;
    const limiter = new CommandRateLimiter(() => now);
    const tiny = { id: 'qa', ...app, rateLimits: { '*': 2 } };
    const a = limiter.take(tiny, accountCheck);
    const b = limiter.take(tiny, accountCheck);
    // Both places held, none stamped yet: the next call waits at least a whole span.
    expect(limiter.admit(tiny, accountCheck)).toBe(SPAN);
    b.release();
    b.stamp(); // settled already: does not count
    const c = limiter.admit(tiny, accountCheck);
    expect(typeof c).toBe('object');
    now = 700;
    a.stamp();
    // Sent at 700, not admitted at 0: it stays in the window until 700 + SPAN.
    now = SPAN + 100;
    expect(limiter.admit(tiny, accountCheck)).toBe(600);
    if (typeof c === 'object') c.release();
    expect(typeof limiter.admit(tiny, accountCheck)).toBe('object');
  });

  it('never lets more stamped calls than the limit into any window, however long places are held', () => {
    let now = 0;
    const limiter = new CommandRateLimiter(() => now);
    const limit = 10;
    const e = { id: 'qa', ...app, rateLimits: { '*': limit } };
    const held: { slot: ReturnType<CommandRateLimiter['take']>; until: number }[] = [];
    const stamped: number[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 50_000; i++) {
      now += Math.floor(random() * 8);
      for (const h of held.filter((x) => x.until <= now)) {
        // Most calls go out, some are stopped before (a run paused, a failed pending row).
        if (random() < 0.9) {
          h.slot.stamp();
          stamped.push(now);
        } else h.slot.release();
        held.splice(held.indexOf(h), 1);
      }
      const slot = limiter.admit(e, accountCheck);
      if (typeof slot === 'object') held.push({ slot, until: now + Math.floor(random() * 900) });
    }
    let start = 0;
    let busiest = 0;
    for (let end = 0; end < stamped.length; end++) {
      while ((stamped[end] ?? 0) - (stamped[start] ?? 0) >= WINDOW_MS) start += 1;
      busiest = Math.max(busiest, end - start + 1);
    }
    expect(busiest).toBe(limit);
  });

  it('answers 429 rate/limited naming the limit', () => {
    const limiter = new CommandRateLimiter(() => 0);
    const tiny = { id: 'qa', ...app, rateLimits: { '*': 1 } };
    limiter.take(tiny, accountCheck).stamp();
    expect(() => limiter.take(tiny, accountCheck)).toThrowError(/limited to 1 calls per second/);
  });
});
