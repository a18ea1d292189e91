import { z } from 'zod';
import { BODY_MAX_DEPTH, BODY_MAX_KEYS, checkJsonShape, describeJsonShapeViolation } from './json-limits';

/** Stable error codes of the BFF. Clients branch on these, never on messages. */
export const appErrorCodes = [
  'request/invalid',
  'request/not-json',
  'request/too-large',
  'request/bad-origin',
  /** A Content-Encoding the server does not decode (415). */
  'request/unsupported-encoding',
  'catalog/unknown-command',
  'environment/unknown',
  'environment/read-only',
  'history/not-found',
  /** No run with that id (404). */
  'run/not-found',
  /** Rows of a run's input that cannot become a body, listed with their line numbers (400). */
  'run/render-errors',
  /** The run is not in a state that allows this (pausing a finished run, say) (409). */
  'run/conflict',
  /** The command has no cursor rule, so its pages cannot be followed (400). */
  'run/not-paged',
  /** No recorded callback with that id (404). */
  'callback/not-found',
  /** The environment does not receive callbacks: no `callback.token` configured (404). */
  'callback/not-configured',
  /** Sign missing or not sha256(token + RequestTime) (401). */
  'callback/bad-signature',
  /** RequestTime missing or more than 60 s from the console's clock (401). */
  'callback/expired',
  /** SdkAppid is not the environment's app (403). */
  'callback/wrong-app',
  /** The callback body is not a JSON object (400). */
  'callback/bad-json',
  /** A rejected callback is never forwarded: re-signing it would pass a forgery on (409). */
  'callback/not-accepted',
  /** The forward target is not one of the environment's configured ones (400). */
  'callback/unknown-target',
  'auth/unauthenticated',
  'auth/invalid-credentials',
  'auth/forbidden',
  'auth/throttled',
  'auth/disabled',
  'user/exists',
  'user/not-found',
  /** An admin tried to disable or demote their own account. */
  'user/self-lockout',
  /** The change would leave no enabled admin (409). */
  'user/last-admin',
  'token/not-found',
  'guard/confirmation-required',
  'rate/limited',
  'upstream/timeout',
  'upstream/unreachable',
  'upstream/bad-response',
  /** Tencent answered a call the console made for itself (app statistics, diagnosis) with an error code. */
  'upstream/failed',
  'route/not-found',
  /** GET /readyz: the store does not answer, its migrations are not all applied, or the replica is stopping (503). */
  'service/not-ready',
  'internal/error',
] as const;
export const appErrorCodeSchema = z.enum(appErrorCodes);
export type AppErrorCode = z.infer<typeof appErrorCodeSchema>;

/** Every error the BFF answers has this body; `code` is namespaced (`upstream/timeout`, `history/not-found`). */
export const errorBodySchema = z.object({
  error: z.object({
    code: appErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** A JSON object body, as Tencent requires (`{}` when a command takes no fields). */
export const jsonObjectSchema = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof jsonObjectSchema>;

/** A body to send upstream: a JSON object within the nesting and key limits (see json-limits.ts). */
export const requestBodySchema = jsonObjectSchema.superRefine((value, ctx) => {
  const violation = checkJsonShape(value, { maxDepth: BODY_MAX_DEPTH, maxKeys: BODY_MAX_KEYS });
  if (violation !== undefined) {
    ctx.addIssue({ code: 'custom', message: describeJsonShapeViolation(violation), params: violation });
  }
});

/** ISO-8601 timestamp with offset, as stored and answered. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** Keyset paging: opaque cursor, newest first. */
export const pageLimitSchema = z.coerce.number().int().min(1).max(500).default(50);

export const paged = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
