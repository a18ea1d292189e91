import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors';
import { SignInThrottle } from './sign-in-throttle';

const minute = 60_000;

function waitOf(throttle: SignInThrottle, username: string, address: string): number {
  try {
    throttle.check(username, address);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'auth/throttled') throw err;
    expect(err.status).toBe(429);
    const details = err.details;
    if (typeof details !== 'object' || details === null || !('retryAfterMs' in details)) throw err;
    return Number(details.retryAfterMs);
  }
}

describe('SignInThrottle', () => {
  it('refuses a username after five failures until the first leaves the 15-minute window', () => {
    let now = 0;
    const throttle = new SignInThrottle({}, () => now);
    for (let i = 0; i < 5; i++) {
      expect(waitOf(throttle, 'alice', '10.0.0.1')).toBe(0);
      throttle.failed('alice', '10.0.0.1');
      now += minute;
    }
    expect(waitOf(throttle, 'alice', '10.0.0.2')).toBe(15 * minute - 5 * minute);
    expect(waitOf(throttle, 'bob', '10.0.0.2')).toBe(0);
    now = 15 * minute + 1;
    expect(waitOf(throttle, 'alice', '10.0.0.2')).toBe(0);
  });

  it('refuses an address after twenty failures across usernames', () => {
    const throttle = new SignInThrottle({}, () => 0);
    for (let i = 0; i < 20; i++) throttle.failed(`user${i}`, '10.0.0.9');
    expect(waitOf(throttle, 'someone-new', '10.0.0.9')).toBeGreaterThan(0);
    expect(waitOf(throttle, 'someone-new', '10.0.0.10')).toBe(0);
  });

  it('clears the username count on success but keeps the address count', () => {
    const throttle = new SignInThrottle({ maxPerAddress: 5 }, () => 0);
    for (let i = 0; i < 4; i++) throttle.failed('alice', '10.0.0.1');
    throttle.succeeded('alice');
    throttle.failed('alice', '10.0.0.1');
    expect(waitOf(throttle, 'alice', '10.0.0.2')).toBe(0);
    expect(waitOf(throttle, 'bob', '10.0.0.1')).toBeGreaterThan(0);
  });

  it('forgets the stalest keys beyond its memory bound', () => {
    const throttle = new SignInThrottle({ maxPerUsername: 1, maxKeys: 3 }, () => 0);
    throttle.failed('first', '10.0.0.1');
    for (const name of ['b', 'c', 'd']) throttle.failed(name, '10.0.0.1');
    expect(waitOf(throttle, 'first', '10.0.0.3')).toBe(0);
    expect(waitOf(throttle, 'd', '10.0.0.3')).toBeGreaterThan(0);
  });
});
