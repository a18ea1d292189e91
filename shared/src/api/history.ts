import { z } from 'zod';
import { errorCodeDocSchema } from './catalog';
import { errorBodySchema, jsonObjectSchema, paged, pageLimitSchema, requestBodySchema } from './common';
import { normalizeRequestId } from './request-id';

/**
 * `ok`/`fail`: Tencent answered ActionStatus OK/FAIL; `error`: no envelope came back; `pending`: the
 * call is written before it is sent and is in flight now; `unknown`: the console stopped while the
 * call was in flight, so whether Tencent carried it out is not known.
 */
export const outcomeSchema = z.enum(['ok', 'fail', 'error', 'pending', 'unknown']);
export type Outcome = z.infer<typeof outcomeSchema>;

/**
 * Who made a call: `console` for what an operator sent (console, replay, run, action buttons),
 * `explorer` for the lookups the support explorer makes on its own to fill a page (issue 15), which
 * History can hide.
 */
export const callSourceSchema = z.enum(['console', 'explorer']);
export type CallSource = z.infer<typeof callSourceSchema>;

/** POST /api/requests */
export const sendRequestSchema = z.object({
  environmentId: z.string().min(1),
  service: z.string().min(1),
  command: z.string().min(1),
  body: requestBodySchema,
  /** The command name, typed by the operator, when a guard rail asks for confirmation. */
  confirm: z.string().optional(),
});
export type SendRequest = z.infer<typeof sendRequestSchema>;

/** POST /api/requests/:id/replay — without `body`, the recorded body is sent again. */
export const replayRequestSchema = z.object({
  body: requestBodySchema.optional(),
  confirm: z.string().optional(),
});
export type ReplayRequest = z.infer<typeof replayRequestSchema>;

export const failureSchema = z.object({ code: z.string(), message: z.string() });
export type Failure = z.infer<typeof failureSchema>;

/** One recorded call. The URL's usersig is always `REDACTED`. */
export const historyEntrySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  operator: z.string(),
  environmentId: z.string(),
  region: z.string().nullable(),
  service: z.string(),
  command: z.string(),
  requestBody: jsonObjectSchema,
  url: z.string(),
  httpStatus: z.number().int().nullable(),
  durationMs: z.number().nullable(),
  outcome: outcomeSchema,
  actionStatus: z.string().nullable(),
  errorCode: z.number().int().nullable(),
  errorInfo: z.string().nullable(),
  requestId: z.string().nullable(),
  response: z.unknown().nullable(),
  errorDoc: errorCodeDocSchema.nullable(),
  failure: failureSchema.nullable(),
  replayOf: z.string().nullable(),
  /** Absent means `console` (entries built before the field existed, fixtures). */
  source: callSourceSchema.optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** 502/504 from POST /api/requests: the transport failed, the call is still recorded. */
export const upstreamFailureResponseSchema = z.object({
  error: errorBodySchema.shape.error,
  entry: historyEntrySchema,
});
export type UpstreamFailureResponse = z.infer<typeof upstreamFailureResponseSchema>;

/** Query string of GET /api/requests and GET /api/requests/export. */
export const historyFilterSchema = z.object({
  /** Exact, after `normalizeRequestId` (quotes, a `RequestId:` label, punctuation are dropped). */
  requestId: z.string().transform(normalizeRequestId).pipe(z.string().min(1)).optional(),
  /** The RequestIds that start with this (a pasted partial ID); normalised the same way. */
  requestIdPrefix: z.string().transform(normalizeRequestId).pipe(z.string().min(4)).optional(),
  errorCode: z.coerce.number().int().optional(),
  environmentId: z.string().min(1).optional(),
  service: z.string().min(1).optional(),
  command: z.string().min(1).optional(),
  operator: z.string().min(1).optional(),
  outcome: outcomeSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().min(1).max(200).optional(),
  replayOf: z.string().min(1).optional(),
  /** `console` hides the support explorer's own lookups; `explorer` shows only them; `all` (or none) both. */
  source: z.enum(['console', 'explorer', 'all']).optional(),
});
export type HistoryFilter = z.infer<typeof historyFilterSchema>;

export const historyQuerySchema = historyFilterSchema.extend({
  limit: pageLimitSchema,
  cursor: z.string().min(1).optional(),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const exportQuerySchema = historyFilterSchema.extend({
  format: z.enum(['csv', 'jsonl']).default('jsonl'),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** GET /api/requests */
export const historyPageSchema = paged(historyEntrySchema);
export type HistoryPage = z.infer<typeof historyPageSchema>;
