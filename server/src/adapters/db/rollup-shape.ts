/**
 * The shape of the dashboard's rollups (decisions 032 and 050), shared by the migrations that create
 * and backfill them and the repository that writes and reads them.
 *
 * Four resolutions with the same key: a row per minute, per quarter hour, per UTC hour and per UTC
 * day. A range is read as its whole days from the daily rows, the whole hours around them from the
 * hourly rows and so on down to its ragged minutes (`segmentsOf`), so a 7-day panel reads at most
 * 87 buckets per key, and never a history row.
 *
 * The send path adds a call to `stats_recent` only (one row per minute and every key); a periodic
 * fold moves the rows of past minutes to the four tables at every resolution, and a read sums both
 * (decision 056).
 */

/** Upper bounds (inclusive, ms) of the latency histogram's buckets; the last bucket is everything above. */
export const latencyBoundsMs = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;
/** One column per bucket: h0 … h11. */
export const latencyColumns = Array.from({ length: latencyBoundsMs.length + 1 }, (_, i) => `h${i}`);

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Minute, quarter hour, UTC hour, UTC day: each divides the next, and all are aligned to the epoch. */
export const resolutions = ['m', 'q', 'h', 'd'] as const;
export type Resolution = (typeof resolutions)[number];
export const resolutionMs: Record<Resolution, number> = {
  m: MINUTE_MS,
  q: 15 * MINUTE_MS,
  h: HOUR_MS,
  d: DAY_MS,
};

/** Outcomes a rollup counts: the history's three, and the console's own limiter's refusals. */
export const rollupOutcomes = ['ok', 'fail', 'error', 'limited'] as const;
export type RollupOutcome = (typeof rollupOutcomes)[number];

/** The bucket of a stored time (`YYYY-MM-DDTHH:mm:ss.sssZ`) at a resolution, in the same format. */
export function bucketOf(storedTime: string, res: Resolution): string {
  switch (res) {
    case 'm':
      return `${storedTime.slice(0, 16)}:00.000Z`;
    case 'q': {
      const quarter = Math.floor(Number(storedTime.slice(14, 16)) / 15) * 15;
      return `${storedTime.slice(0, 14)}${String(quarter).padStart(2, '0')}:00.000Z`;
    }
    case 'h':
      return `${storedTime.slice(0, 13)}:00:00.000Z`;
    case 'd':
      return `${storedTime.slice(0, 10)}T00:00:00.000Z`;
  }
}

/** Index of the histogram bucket a duration falls in. */
export function latencyBucket(ms: number): number {
  for (let i = 0; i < latencyBoundsMs.length; i++) {
    if (ms <= (latencyBoundsMs[i] ?? 0)) return i;
  }
  return latencyBoundsMs.length;
}
