import { describe, expect, it } from 'vitest';
import { historyLink } from './history-link';
import { parseRange, rangeToParams, resolveRange } from './range';

describe('dashboard range', () => {
  it('reads a preset or a custom range from the URL, and falls back to one hour', () => {
    expect(parseRange(new URLSearchParams('range=24h'))).toEqual({ kind: 'relative', preset: '24h' });
    expect(parseRange(new URLSearchParams('range=3y'))).toEqual({ kind: 'relative', preset: '1h' });
    const custom = new URLSearchParams(
      'range=custom&from=2026-11-30T10:00:00.000Z&to=2026-11-30T11:00:00.000Z',
    );
    expect(parseRange(custom)).toEqual({
      kind: 'custom',
      from: '2026-11-30T10:00:00.000Z',
      to: '2026-11-30T11:00:00.000Z',
    });
    // A custom range with a bad bound is no range at all.
    expect(parseRange(new URLSearchParams('range=custom&from=soon&to=2026-11-30T11:00:00.000Z'))).toEqual({
      kind: 'relative',
      preset: '1h',
    });
  });

  it('resolves a preset against the clock, and writes a range back without stale bounds', () => {
    const now = Date.parse('2026-11-30T12:00:00.000Z');
    expect(resolveRange({ kind: 'relative', preset: '7d' }, now)).toEqual({
      from: '2026-11-23T12:00:00.000Z',
      to: '2026-11-30T12:00:00.000Z',
    });
    const params = rangeToParams(
      { kind: 'relative', preset: '15m' },
      new URLSearchParams('environmentId=a&from=x&to=y'),
    );
    expect(params.toString()).toBe('environmentId=a&range=15m');
  });

  it('links to the history with only the filters given', () => {
    expect(
      historyLink({
        environmentId: 'prod',
        from: '2026-11-30T10:00:00.000Z',
        to: '2026-11-30T11:00:00.000Z',
        errorCode: 20003,
        service: undefined,
      }),
    ).toBe(
      '/history?environmentId=prod&from=2026-11-30T10:00:00.000Z&to=2026-11-30T11:00:00.000Z&errorCode=20003',
    );
  });
});
