import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeTime, describeZone, formatTime, isoTime } from './format-time';

// Vitest runs in the zone of the machine; these tests pin one by stubbing the Date methods they read.
describe('formatTime', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the local wall time to the second, zero-padded', () => {
    const d = new Date(2026, 0, 5, 7, 8, 9);
    expect(formatTime(d.toISOString())).toBe('2026-01-05 07:08:09');
  });

  it('says the empty value for a missing time and gives back what it cannot read', () => {
    expect(formatTime(null)).toBe('—');
    expect(formatTime(undefined, 'Never')).toBe('Never');
    expect(formatTime('not a time')).toBe('not a time');
  });

  it('describes the zone with its name and its offset at that moment', () => {
    vi.spyOn(Date.prototype, 'getTimezoneOffset').mockReturnValue(-330);
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockReturnValue({
      timeZone: 'Asia/Kolkata',
    } as Intl.ResolvedDateTimeFormatOptions);
    expect(describeZone('2026-11-30T18:35:52Z')).toBe('Asia/Kolkata, UTC+05:30');
  });

  it('writes a zone west of UTC with a minus sign', () => {
    vi.spyOn(Date.prototype, 'getTimezoneOffset').mockReturnValue(480);
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockReturnValue({
      timeZone: 'America/Los_Angeles',
    } as Intl.ResolvedDateTimeFormatOptions);
    expect(describeZone('2026-11-30T18:35:52Z')).toBe('America/Los_Angeles, UTC-08:00');
  });

  it('gives the ISO 8601 form in UTC, whatever offset the stored text used', () => {
    expect(isoTime('2026-11-30T19:35:52.5+01:00')).toBe('2026-11-30T18:35:52.500Z');
    expect(describeTime('2026-11-30T18:35:52.000Z')).toContain('ISO 8601 2026-11-30T18:35:52.000Z');
  });
});
