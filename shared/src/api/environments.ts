import { z } from 'zod';

/** GET /api/environments → { environments } — never a key. */
export const environmentSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Region id, or null for an environment configured with an explicit `endpoint`. */
  region: z.string().nullable(),
  /** Host (and port) the calls go to, for display and cURL export. */
  host: z.string(),
  sdkAppId: z.number().int(),
  adminIdentifier: z.string(),
  production: z.boolean(),
  /** Only `read` commands may be sent. */
  readOnly: z.boolean(),
  /** Every `write` and `destructive` command needs `confirm` (on any environment, see `guard-rails.ts`). */
  confirmWrites: z.boolean(),
  sandbox: z.boolean(),
  /**
   * For an environment backed by the built-in sandbox, the catalog commands it does not emulate
   * (`service/command`), so the console can say so before Send; null for Tencent environments.
   */
  notEmulated: z.array(z.string()).nullable(),
});
export type Environment = z.infer<typeof environmentSchema>;

export const environmentsResponseSchema = z.object({ environments: z.array(environmentSchema) });
export type EnvironmentsResponse = z.infer<typeof environmentsResponseSchema>;
