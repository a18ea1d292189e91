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

function attempt(limiter: CommandRateLimiter, e = env, c = accountCheck): number {
  try {
    limiter.take(e, c);
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

  it('answers 429 rate/limited naming the limit', () => {
    const limiter = new CommandRateLimiter(() => 0);
    const tiny = { id: 'qa', ...app, rateLimits: { '*': 1 } };
    limiter.take(tiny, accountCheck);
    expect(() => limiter.take(tiny, accountCheck)).toThrowError(/limited to 1 calls per second/);
  });
});
