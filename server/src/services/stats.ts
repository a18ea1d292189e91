import type { StatsQuery, StatsResponse } from '@console/shared/api';
import { lookupErrorCode } from '@console/shared/error-codes';
import { HOUR_MS, latencyBoundsMs, MINUTE_MS, type Repositories, type SeriesRow } from '../adapters/db';
import { DAY_MS, type Resolution, resolutionMs, resolutions } from '../adapters/db/rollup-shape';
import { tokenIdOfOperatorKey } from '../adapters/db/stats-repository';
import { AppError } from '../core/errors';
import type { Logger } from '../logger';
import { startPeriodic } from './periodic';

/** Longest range one answer covers: a year and a bit, read mostly from daily rows. */
const MAX_RANGE_MS = 400 * DAY_MS;

/** The width of a series point: about 50–170 points whatever the range. */
export function stepFor(spanMs: number): number {
  if (spanMs <= 3 * HOUR_MS) return MINUTE_MS;
  if (spanMs <= 12 * HOUR_MS) return 5 * MINUTE_MS;
  if (spanMs <= 36 * HOUR_MS) return 15 * MINUTE_MS;
  if (spanMs <= 8 * DAY_MS) return HOUR_MS;
  if (spanMs <= 45 * DAY_MS) return 6 * HOUR_MS;
  return DAY_MS;
}

/** The widest resolution whose buckets each lie within one series point of `stepMs` (it divides the step). */
export function coarsestWithin(stepMs: number): Resolution {
  let best: Resolution = 'm';
  for (const res of resolutions) if (stepMs % resolutionMs[res] === 0) best = res;
  return best;
}

/**
 * A percentile of a latency histogram, interpolated linearly within the bucket it falls in (as
 * Prometheus' histogram_quantile does); a value in the open top bucket reads as that bucket's floor.
 */
export function percentileOf(hist: readonly number[], p: number): number | null {
  const n = hist.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = p * n;
  let cum = 0;
  for (let i = 0; i < hist.length; i++) {
    const inBucket = hist[i] ?? 0;
    if (inBucket > 0 && cum + inBucket >= rank) {
      const lower = i === 0 ? 0 : (latencyBoundsMs[i - 1] ?? 0);
      const upper = latencyBoundsMs[i];
      if (upper === undefined) return lower;
      return Math.round((lower + ((upper - lower) * (rank - cum)) / inBucket) * 10) / 10;
    }
    cum += inBucket;
  }
  return latencyBoundsMs.at(-1) ?? null;
}

interface Acc {
  ok: number;
  fail: number;
  error: number;
  limited: number;
  hist: number[];
}

const emptyAcc = (): Acc => ({
  ok: 0,
  fail: 0,
  error: 0,
  limited: 0,
  hist: latencyBoundsMs.map(() => 0).concat(0),
});

function addTo(acc: Acc, row: SeriesRow): void {
  acc.ok += row.ok;
  acc.fail += row.fail;
  acc.error += row.error;
  acc.limited += row.limited;
  row.hist.forEach((v, i) => {
    acc.hist[i] = (acc.hist[i] ?? 0) + v;
  });
}

const countsOf = (acc: Acc) => ({
  ok: acc.ok,
  fail: acc.fail,
  error: acc.error,
  limited: acc.limited,
  p50Ms: percentileOf(acc.hist, 0.5),
  p95Ms: percentileOf(acc.hist, 0.95),
});

/** Outcome tallies keyed by a dimension (command, operator). */
function tally<K extends string>(rows: readonly { key: K; outcome: string; calls: number }[]) {
  const by = new Map<K, { fail: number; error: number; ok: number; limited: number }>();
  for (const r of rows) {
    let t = by.get(r.key);
    if (!t) {
      t = { ok: 0, fail: 0, error: 0, limited: 0 };
      by.set(r.key, t);
    }
    if (r.outcome === 'ok' || r.outcome === 'fail' || r.outcome === 'error' || r.outcome === 'limited') {
      t[r.outcome] += r.calls;
    }
  }
  return [...by.entries()]
    .map(([key, t]) => ({
      key,
      calls: t.ok + t.fail + t.error,
      fail: t.fail,
      error: t.error,
      limited: t.limited,
    }))
    .sort((a, b) => b.calls + b.limited - (a.calls + a.limited) || (a.key < b.key ? -1 : 1));
}

/** The dashboard's numbers, from the rollups only: a panel costs O(buckets in range), never O(calls). */
export class StatsService {
  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
  ) {}

  async stats(query: StatsQuery): Promise<StatsResponse> {
    const toMs =
      Math.ceil((query.to === undefined ? this.now() : Date.parse(query.to)) / MINUTE_MS) * MINUTE_MS;
    const fromMs =
      Math.floor((query.from === undefined ? toMs - HOUR_MS : Date.parse(query.from)) / MINUTE_MS) *
      MINUTE_MS;
    if (!(fromMs < toMs)) {
      throw new AppError('request/invalid', 400, '`from` must be before `to`', {
        details: { from: query.from, to: query.to },
      });
    }
    if (toMs - fromMs > MAX_RANGE_MS) {
      throw new AppError('request/invalid', 400, 'the range is longer than 400 days', {
        details: { from: query.from, to: query.to },
      });
    }
    const env = query.environmentId;
    const stepMs = stepFor(toMs - fromMs);
    const origin = Math.floor(fromMs / stepMs) * stepMs;
    const points: Acc[] = [];
    for (let t = origin; t < toMs; t += stepMs) points.push(emptyAcc());

    // A point reads buckets no wider than itself (each bucket then lies in one point); the top lists
    // read whole days, hours and quarter hours where the range has them, minutes at its edges and
    // past the fold's watermark (decision 056).
    const { series, commands, errorCodes, operators } = await this.repos.stats.read({
      environmentId: env,
      fromMs,
      toMs,
      seriesCoarsest: coarsestWithin(stepMs),
    });

    const total = emptyAcc();
    for (const row of series) {
      const point = points[Math.floor((Date.parse(row.bucket) - origin) / stepMs)];
      if (point) addTo(point, row);
      addTo(total, row);
    }

    const codes = new Map<number, number>();
    for (const r of errorCodes) codes.set(r.code, (codes.get(r.code) ?? 0) + r.calls);

    return {
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      stepMs,
      totals: { calls: total.ok + total.fail + total.error, ...countsOf(total) },
      series: points.map((acc, i) => ({ t: new Date(origin + i * stepMs).toISOString(), ...countsOf(acc) })),
      topErrorCodes: [...codes.entries()]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, 20)
        .map(([code, count]) => ({ code, count, meaning: lookupErrorCode(code).meaning })),
      // Bounded by the catalog (each command once), so the list is whole: the page sorts it by failures too.
      topCommands: tally(
        commands.map((r) => ({ key: `${r.service}\u0000${r.command}`, outcome: r.outcome, calls: r.calls })),
      ).map(({ key, ...t }) => {
        const [service = '', command = ''] = key.split('\u0000');
        return { service, command, ...t };
      }),
      topOperators: await Promise.all(
        tally(operators.map((r) => ({ key: r.operator, outcome: r.outcome, calls: r.calls })))
          .slice(0, 20)
          .map(async ({ key, ...t }) => {
            const tokenId = tokenIdOfOperatorKey(key);
            if (tokenId === null) return { operator: key, token: null, ...t };
            // Revoked tokens are kept, so their calls keep a name; a purged one is shown by its id.
            const token = await this.repos.tokens.get(tokenId);
            return {
              operator: token?.owner ?? '',
              token: { id: tokenId, name: token?.name ?? tokenId },
              ...t,
            };
          }),
      ),
    };
  }
}

/**
 * The rollup fold (decision 056), every `intervalMs` and once at start: moves the calls of past
 * minutes from `stats_recent` to the four rollup tables. Safe on every replica at once (a fold takes
 * the rows it moves, so another finds them gone); one that fails is retried by the next. Answers a
 * stop that waits for a fold in progress.
 */
export function startRollupFold(
  repos: Repositories,
  logger: Logger,
  intervalMs = 20_000,
): () => Promise<void> {
  return startPeriodic(
    async () => {
      const minutes = await repos.stats.fold();
      if (minutes > 0) logger.debug({ minutes }, 'rollups folded');
    },
    intervalMs,
    (err) => logger.error({ err }, 'folding the rollups failed'),
  );
}
