import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolutionMs, resolutions } from './rollup-shape';
import { segmentsOf } from './stats-repository';

const MINUTE = 60_000;
const start = Date.UTC(2026, 10, 20, 0, 0, 0);

describe('segmentsOf', () => {
  it('splits a minute-aligned range into aligned runs of whole buckets that cover it exactly once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 * 24 * 60 }),
        fc.integer({ min: 1, max: 20 * 24 * 60 }),
        fc.constantFrom(...resolutions),
        (a, len, coarsest) => {
          const from = start + a * MINUTE;
          const to = from + len * MINUTE;
          const segments = segmentsOf(from, to, coarsest);
          // Contiguous, in order, from `from` to `to`.
          expect(segments[0]?.from).toBe(new Date(from).toISOString());
          expect(segments.at(-1)?.to).toBe(new Date(to).toISOString());
          for (let i = 1; i < segments.length; i++) expect(segments[i]?.from).toBe(segments[i - 1]?.to);
          let buckets = 0;
          for (const s of segments) {
            const width = resolutionMs[s.res];
            expect(resolutions.indexOf(s.res)).toBeLessThanOrEqual(resolutions.indexOf(coarsest));
            expect(Date.parse(s.from) % width).toBe(0);
            expect(Date.parse(s.to) % width).toBe(0);
            expect(Date.parse(s.to)).toBeGreaterThan(Date.parse(s.from));
            buckets += (Date.parse(s.to) - Date.parse(s.from)) / width;
          }
          // Coarsest first: at most 14 minutes, 3 quarter hours and 23 hours on each side of the days.
          expect(segments.length).toBeLessThanOrEqual(7);
          if (coarsest === 'd') expect(buckets).toBeLessThanOrEqual(2 * (14 + 3 + 23) + len / (24 * 60));
        },
      ),
    );
  });

  it('reads a 7-day range ending at 03:04 from days, hours, quarter hours and minutes', () => {
    const to = Date.UTC(2026, 11, 1, 3, 4);
    const segments = segmentsOf(to - 7 * 24 * 3_600_000, to).map((s) => `${s.res} ${s.from}–${s.to}`);
    expect(segments).toEqual([
      'm 2026-11-24T03:04:00.000Z–2026-11-24T03:15:00.000Z',
      'q 2026-11-24T03:15:00.000Z–2026-11-24T04:00:00.000Z',
      'h 2026-11-24T04:00:00.000Z–2026-11-25T00:00:00.000Z',
      'd 2026-11-25T00:00:00.000Z–2026-12-01T00:00:00.000Z',
      'h 2026-12-01T00:00:00.000Z–2026-12-01T03:00:00.000Z',
      'm 2026-12-01T03:00:00.000Z–2026-12-01T03:04:00.000Z',
    ]);
  });
});
