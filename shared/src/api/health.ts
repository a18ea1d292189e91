import { z } from 'zod';

/** GET /healthz — open, checks the store. */
export const healthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof healthResponseSchema>;
