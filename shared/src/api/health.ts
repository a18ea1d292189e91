import { z } from 'zod';

/** GET /healthz — open; liveness: the process answers (a load balancer's or Kubernetes' liveness probe). */
export const healthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/**
 * GET /readyz — open; readiness: the store answers and every migration this build knows has run.
 * 503 `service/not-ready` otherwise, and while the replica is stopping (so traffic drains first).
 */
export const readyResponseSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  migrations: z.number().int().nonnegative(),
});
export type ReadyResponse = z.infer<typeof readyResponseSchema>;
