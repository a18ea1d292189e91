import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const positiveInt = (fallback: number | null) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({ code: 'custom', message: `must be a positive integer, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

/** `true`/`false`, a hop count, or a comma list of addresses/subnets, as Express understands it. */
const trustProxy = z
  .string()
  .optional()
  .transform((v): boolean | number | string[] => {
    if (v === undefined || v.trim() === '' || v === 'false') return false;
    if (v === 'true') return true;
    if (/^\d+$/.test(v)) return Number(v);
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  });

export const envSchema = z.object({
  PORT: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return 8080;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `must be a port number 0-65535, got "${v}"` });
        return z.NEVER;
      }
      return n;
    }),
  HOST: optionalString.transform((v) => v ?? '127.0.0.1'),
  DATA_DIR: optionalString.transform((v) => v ?? './data'),
  DATABASE_URL: optionalString,
  CONSOLE_CONFIG: optionalString,
  CONSOLE_ADMIN_PASSWORD: optionalString.refine((v) => v === undefined || v.length >= 8, {
    message: 'must be at least 8 characters',
  }),
  UPSTREAM_TIMEOUT_MS: positiveInt(10_000),
  /** A run's progress stream reads the store this often when no change was announced (decision 053). */
  RUN_EVENTS_RECHECK_MS: positiveInt(5_000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .optional()
    .transform((v) => v ?? 'info'),
  SANDBOX: z
    .enum(['on', 'off'])
    .optional()
    .transform((v) => v !== 'off'),
  TRUST_PROXY: trustProxy,
  CLIENT_DIST: optionalString,
  HISTORY_MAX_AGE_DAYS: positiveInt(null),
  HISTORY_MAX_ENTRIES: positiveInt(null),
  /** Audit rows older than this are deleted (a year by default: an audit trail must outlive the history). */
  AUDIT_MAX_AGE_DAYS: positiveInt(365),
  /** Recorded callbacks: they arrive unasked (rejected ones from anyone), so they are capped by default. */
  CALLBACK_MAX_AGE_DAYS: positiveInt(30),
  CALLBACK_MAX_ENTRIES: positiveInt(100_000),
  // Trusted-header single sign-on; parsed further by parseProxyAuth.
  AUTH_PROXY_HEADER: optionalString,
  AUTH_PROXY_GROUPS_HEADER: optionalString,
  AUTH_PROXY_ROLE_MAP: optionalString,
  AUTH_PROXY_DEFAULT_ROLE: optionalString,
  AUTH_PROXY_TRUSTED: optionalString,
});
export type ParsedEnv = z.infer<typeof envSchema>;
