/**
 * The shape of the dashboard's rollups (decision 032), shared by the migration that creates and
 * backfills them and the repository that writes and reads them.
 *
 * Two resolutions: a row per minute, and a row per UTC hour with the same key. A range is read as its
 * whole hours from the hourly rows and its ragged edges from the minute rows, so a 7-day panel reads
 * about 170 buckets instead of 10 080, and never a history row.
 */

/** Upper bounds (inclusive, ms) of the latency histogram's buckets; the last bucket is everything above. */
export const latencyBoundsMs = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;
/** One column per bucket: h0 … h11. */
export const latencyColumns = Array.from({ length: latencyBoundsMs.length + 1 }, (_, i) => `h${i}`);

export type Resolution = 'm' | 'h';
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/** Outcomes a rollup counts: the history's three, and the console's own limiter's refusals. */
export const rollupOutcomes = ['ok', 'fail', 'error', 'limited'] as const;
export type RollupOutcome = (typeof rollupOutcomes)[number];

/** The bucket of a stored time (`YYYY-MM-DDTHH:mm:ss.sssZ`) at a resolution, in the same format. */
export function bucketOf(storedTime: string, res: Resolution): string {
  return res === 'm' ? `${storedTime.slice(0, 16)}:00.000Z` : `${storedTime.slice(0, 13)}:00:00.000Z`;
}

/** Index of the histogram bucket a duration falls in. */
export function latencyBucket(ms: number): number {
  for (let i = 0; i < latencyBoundsMs.length; i++) {
    if (ms <= (latencyBoundsMs[i] ?? 0)) return i;
  }
  return latencyBoundsMs.length;
}
