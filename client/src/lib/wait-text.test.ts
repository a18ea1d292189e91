import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from './api-client';
import { describeWait } from './wait-text';

describe('describeWait', () => {
  it('says seconds below a minute, minutes below an hour, and rounds up', () => {
    expect(describeWait(0)).toBe('1 second');
    expect(describeWait(45)).toBe('45 seconds');
    expect(describeWait(60)).toBe('1 minute');
    expect(describeWait(61)).toBe('2 minutes');
    expect(describeWait(900)).toBe('15 minutes');
    expect(describeWait(899.2)).toBe('15 minutes');
    expect(describeWait(3600)).toBe('1 hour');
    expect(describeWait(7201)).toBe('3 hours');
  });
});

describe('retryAfterSeconds', () => {
  const headers = (value: string | null) => ({ get: () => value });
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    expect(retryAfterSeconds(headers('900'))).toBe(900);
    expect(retryAfterSeconds(headers(null))).toBeUndefined();
    expect(retryAfterSeconds(headers('soon'))).toBeUndefined();
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(retryAfterSeconds(headers('Mon, 30 Nov 2026 12:15:00 GMT'), now)).toBe(900);
  });
});
