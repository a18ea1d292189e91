import { z } from 'zod';
import { paged, pageLimitSchema } from './common';

/**
 * Third-party callbacks (issue 16): Tencent's webhooks received at `POST /callbacks/:environmentId`,
 * verified, answered, recorded and forwarded. See decision 036.
 */

/** Most bytes of one callback body; more is answered 413 and recorded as rejected without its body. */
export const CALLBACK_BODY_MAX_BYTES = 256 * 1024;
/** How far RequestTime may be from the console's clock, in seconds (Tencent's anti-replay window). */
export const CALLBACK_TIME_WINDOW_SEC = 60;

/** `accepted`: signed, in time, for this app, a JSON object; `rejected`: anything else (see `reason`). */
export const callbackVerdictSchema = z.enum(['accepted', 'rejected']);
export type CallbackVerdict = z.infer<typeof callbackVerdictSchema>;

/** One delivery of a recorded callback to a configured forward target. */
export const callbackForwardSchema = z.object({
  target: z.string(),
  at: z.string(),
  /** The target's HTTP status; null when no answer came (refused, timed out). */
  status: z.number().int().nullable(),
  durationMs: z.number().nonnegative(),
  /** Why the delivery failed (no answer, or a status outside 2xx); null when it succeeded. */
  error: z.string().nullable(),
  /** Who re-sent it from the console; null for the automatic forward on arrival. */
  by: z.string().nullable(),
});
export type CallbackForward = z.infer<typeof callbackForwardSchema>;

export const callbackEntrySchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  environmentId: z.string(),
  /** CallbackCommand from the query (or the body when the query has none); '' when neither says. */
  command: z.string(),
  verdict: callbackVerdictSchema,
  /** Why it was rejected, or how it was answered (`allowed by default`, `denied by rule "…"`). */
  reason: z.string(),
  /** The rule that decided a "before" callback's answer; null for the default and for "after" callbacks. */
  decidedBy: z.string().nullable(),
  /** The query as received, without `Sign`. */
  query: z.record(z.string(), z.string()),
  /** The JSON body; the raw text (cut at 64 KiB) when it is not JSON; null when it was not read. */
  body: z.unknown(),
  /** What the console answered (HTTP status and body). */
  httpStatus: z.number().int(),
  answer: z.unknown(),
  /** From the first byte read to the answer written, in milliseconds. */
  durationMs: z.number().nonnegative(),
  /** The caller's address, as the console saw it. */
  clientAddress: z.string().nullable(),
  forwards: z.array(callbackForwardSchema),
});
export type CallbackEntry = z.infer<typeof callbackEntrySchema>;

export const callbackFilterSchema = z.object({
  environmentId: z.string().min(1).optional(),
  command: z.string().min(1).optional(),
  verdict: callbackVerdictSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type CallbackFilter = z.infer<typeof callbackFilterSchema>;

/** GET /api/callbacks — newest first, keyset cursor like the history. */
export const callbackQuerySchema = callbackFilterSchema.extend({
  limit: pageLimitSchema,
  cursor: z.string().min(1).optional(),
});
export type CallbackQuery = z.infer<typeof callbackQuerySchema>;

export const callbackPageSchema = paged(callbackEntrySchema);
export type CallbackPage = z.infer<typeof callbackPageSchema>;

/** POST /api/callbacks/:id/forward — `target` is one of the environment's configured forward URLs. */
export const callbackForwardInputSchema = z.object({ target: z.string().min(1).max(2048) });
export type CallbackForwardInput = z.infer<typeof callbackForwardInputSchema>;

/** "Before" callbacks are the ones whose answer decides what Tencent does (allow, refuse, rewrite). */
export function isBeforeCallback(command: string): boolean {
  return /\.Callback(Before|Prev)/.test(command);
}

/**
 * What an answer to a "before" callback tells Tencent to do with the event: `refused` (a non-zero
 * ErrorCode; the sender sees 20006, 10016 or the app's own code), `rewritten` (ErrorCode 0 with fields
 * that replace the event's, such as MsgBody) or `allowed` (ErrorCode 0 alone).
 */
export const callbackOutcomeSchema = z.enum(['allowed', 'refused', 'rewritten']);
export type CallbackOutcome = z.infer<typeof callbackOutcomeSchema>;

const ANSWER_STATUS_FIELDS = new Set(['ActionStatus', 'ErrorCode', 'ErrorInfo']);

/**
 * The outcome of a recorded callback, read from what was answered; null when the answer decides
 * nothing (an "after" callback, whose answer Tencent ignores) or there was no valid answer (rejected).
 */
export function callbackOutcome(
  entry: Pick<CallbackEntry, 'command' | 'verdict' | 'answer'>,
): CallbackOutcome | null {
  if (entry.verdict !== 'accepted' || !isBeforeCallback(entry.command)) return null;
  const { answer } = entry;
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return null;
  const code: unknown = (answer as Record<string, unknown>).ErrorCode;
  if (typeof code !== 'number' || !Number.isInteger(code)) return null;
  if (code !== 0) return 'refused';
  return Object.keys(answer).some((key) => !ANSWER_STATUS_FIELDS.has(key)) ? 'rewritten' : 'allowed';
}

/** A rule as the inspector shows it (what it matches and does, never anything secret). */
export const callbackRuleViewSchema = z.object({
  name: z.string(),
  command: z.string(),
  action: z.enum(['allow', 'deny', 'rewrite']),
  match: z.string().nullable(),
});
export type CallbackRuleView = z.infer<typeof callbackRuleViewSchema>;

/** GET /api/callbacks/endpoints — per environment: is the receiver on, the path to give Tencent, targets, rules. */
export const callbackEndpointSchema = z.object({
  environmentId: z.string(),
  label: z.string(),
  sdkAppId: z.number().int(),
  /** The receiver answers this environment (a token is configured, or it is the sandbox's own). */
  enabled: z.boolean(),
  /** `/callbacks/<id>`: the console's origin goes in front; Tencent appends its own query. */
  path: z.string(),
  forwardTo: z.array(z.string()),
  rules: z.array(callbackRuleViewSchema),
});
export type CallbackEndpoint = z.infer<typeof callbackEndpointSchema>;
export const callbackEndpointsResponseSchema = z.object({ endpoints: z.array(callbackEndpointSchema) });
export type CallbackEndpointsResponse = z.infer<typeof callbackEndpointsResponseSchema>;

/** GET /api/callbacks/summary?environmentId&from&to — the dashboard's callback figures (default: the last hour). */
export const callbackSummaryQuerySchema = z.object({
  environmentId: z.string().min(1).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type CallbackSummaryQuery = z.infer<typeof callbackSummaryQuerySchema>;

const count = z.number().int().nonnegative();

/** A REST command Tencent reported past 80 % of its rate limit (Alert.RequestOverLimit) in the range. */
export const overLimitAlertSchema = z.object({
  service: z.string(),
  command: z.string(),
  alerts: count,
  lastAt: z.string(),
  /** The highest `Request` figure reported, and the `Limit` it was measured against. */
  request: z.number().nullable(),
  limit: z.number().nullable(),
});
export type OverLimitAlert = z.infer<typeof overLimitAlertSchema>;

export const callbackSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  total: count,
  accepted: count,
  rejected: count,
  commands: z.array(z.object({ command: z.string(), accepted: count, rejected: count })),
  overLimit: z.array(overLimitAlertSchema),
});
export type CallbackSummary = z.infer<typeof callbackSummarySchema>;
