import { z } from 'zod';
import { isoDateTimeSchema } from './common';

/**
 * GET /api/stats?environmentId&from&to — the dashboard's aggregates, read from rollups (issue 13).
 * `from` defaults to an hour before `to`, `to` to now. The range is widened to whole minutes (the
 * rollups' grain); the answer's `from`/`to` are the range actually counted, so a click-through to
 * the history shows the same calls.
 */
export const statsQuerySchema = z.object({
  environmentId: z.string().min(1).optional(),
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
});
export type StatsQuery = z.infer<typeof statsQuerySchema>;

const count = z.number().int().nonnegative();
/** Percentiles from a latency histogram, interpolated within its bucket; null without calls. */
const percentile = z.number().nonnegative().nullable();

export const statsCountsSchema = z.object({
  ok: count,
  fail: count,
  /** No envelope came back (timeout, unreachable, bad answer). */
  error: count,
  /** Refused by the console's own rate limiter (429): never reached the signer. */
  limited: count,
  p50Ms: percentile,
  p95Ms: percentile,
});

export const statsTotalsSchema = statsCountsSchema.extend({
  /** ok + fail + error: the calls that reached the signer. */
  calls: count,
});

export const statsPointSchema = statsCountsSchema.extend({
  /** Start of the point's interval (ISO, UTC); the interval is `stepMs` long. */
  t: z.string(),
});
export type StatsPoint = z.infer<typeof statsPointSchema>;

export const statsResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  stepMs: z.number().int().positive(),
  totals: statsTotalsSchema,
  series: z.array(statsPointSchema),
  topErrorCodes: z.array(z.object({ code: z.number().int(), count, meaning: z.string().nullable() })),
  topCommands: z.array(
    z.object({
      service: z.string(),
      command: z.string(),
      calls: count,
      fail: count,
      error: count,
      limited: count,
    }),
  ),
  /**
   * People and API tokens apart: a token's calls are counted under the token (`token` set,
   * `operator` = its owner), a person's own calls (session, SSO) under `operator` with `token: null`.
   */
  topOperators: z.array(
    z.object({
      operator: z.string(),
      token: z.object({ id: z.string(), name: z.string() }).nullable(),
      calls: count,
      fail: count,
      error: count,
      limited: count,
    }),
  ),
});
export type StatsResponse = z.infer<typeof statsResponseSchema>;

/** One Beijing-time day of the app's own statistics (getappinfo); null where Tencent sent no figure. */
export const appStatsDaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  activeUsers: count.nullable(),
  newRegistrations: count.nullable(),
  totalRegistrations: count.nullable(),
  loginUsers: count.nullable(),
  peakOnline: count.nullable(),
  c2cUpMessages: count.nullable(),
  c2cDownMessages: count.nullable(),
  groupUpMessages: count.nullable(),
  groupDownMessages: count.nullable(),
  pushes: count.nullable(),
  callbackRequests: count.nullable(),
  callbackResponses: count.nullable(),
  /** CallBackRsp / CallBackReq; null on a day without callbacks. */
  callbackSuccessRatio: z.number().min(0).nullable(),
});
export type AppStatsDay = z.infer<typeof appStatsDaySchema>;

/** GET /api/environments/:id/app-stats[?refresh=1] — oldest day first. */
export const appStatsQuerySchema = z.object({ refresh: z.enum(['0', '1']).optional() });

export const appStatsResponseSchema = z.object({
  days: z.array(appStatsDaySchema),
  /** When the console fetched them from Tencent (cached up to an hour per environment). */
  fetchedAt: z.string(),
  /** The history entry of that call and Tencent's RequestId. */
  historyId: z.string(),
  requestId: z.string().nullable(),
  cached: z.boolean(),
});
export type AppStatsResponse = z.infer<typeof appStatsResponseSchema>;

/** POST /api/environments/:id/diagnose — 200 even when a step fails; never a key or a UserSig. */
export const diagnoseStepSchema = z.object({
  name: z.enum(['dns', 'tcp', 'tls', 'http', 'signed-call']),
  /** What was checked, for people: "DNS resolution of adminapisgp.im.qcloud.com". */
  title: z.string(),
  /** true passed, false failed, null does not apply here (or was not tried: `detail` says why). */
  ok: z.boolean().nullable(),
  ms: z.number().nonnegative().nullable(),
  /** The verdict in plain words, and on failure what it means and what to do. */
  detail: z.string(),
});
export type DiagnoseStep = z.infer<typeof diagnoseStepSchema>;

export const diagnoseResponseSchema = z.object({
  environmentId: z.string(),
  host: z.string(),
  steps: z.array(diagnoseStepSchema),
});
export type DiagnoseResponse = z.infer<typeof diagnoseResponseSchema>;
