import { z } from 'zod';
import { paged, pageLimitSchema } from './common';

export const auditActions = [
  'session.sign-in',
  'session.sign-out',
  'session.sign-in-failed',
  'session.password-change',
  'user.create',
  'user.update',
  'user.disable',
  'token.create',
  'token.revoke',
  'request.send',
  'request.replay',
  'request.export',
  'history.purge',
  'audit.purge',
  'config.load',
  'audit.export',
  'run.start',
  'run.pause',
  'run.resume',
  'run.cancel',
  'environment.diagnose',
  'callback.forward',
] as const;
export const auditActionSchema = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  /** Username, or `system` for the console's own jobs. */
  actor: z.string(),
  action: auditActionSchema,
  /** What was acted on: a history id, a username, a token id, an environment … */
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditFilterSchema = z.object({
  actor: z.string().min(1).optional(),
  action: auditActionSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** GET /api/audit (admin) */
export const auditQuerySchema = auditFilterSchema.extend({
  limit: pageLimitSchema,
  cursor: z.string().min(1).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = paged(auditEntrySchema);
export type AuditPage = z.infer<typeof auditPageSchema>;
