import { regionIdSchema } from '@console/shared/api';
import { z } from 'zod';

const secretKeySchema = z.union([
  z.string().min(1),
  z.strictObject({ env: z.string().min(1) }),
  z.strictObject({ file: z.string().min(1) }),
]);

const common = {
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits and . _ - only'),
  label: z.string().min(1).max(120),
  production: z.boolean().default(false),
  readOnly: z.boolean().default(false),
  confirmWrites: z.boolean().default(false),
  /** Overrides of the catalog's limits, by `service/command` or `*`, in calls per second. */
  rateLimits: z.record(z.string(), z.number().positive()).default({}),
};

const upstream = {
  sdkAppId: z.number().int().positive(),
  adminIdentifier: z.string().min(1).max(32),
  secretKey: secretKeySchema,
};

const endpointSchema = z
  .url({ protocol: /^https?$/ })
  .refine((v) => !new URL(v).search && !new URL(v).hash, 'must not carry a query or fragment');

// Three shapes rather than one union so that an error names the field, not "no union member matched".
export const regionEntrySchema = z.strictObject({
  ...common,
  ...upstream,
  region: regionIdSchema.exclude(['sandbox']),
});
export const endpointEntrySchema = z.strictObject({ ...common, ...upstream, endpoint: endpointSchema });
export const sandboxEntrySchema = z.strictObject({ ...common, sandbox: z.literal(true) });
export type RegionEntry = z.infer<typeof regionEntrySchema>;
export type EndpointEntry = z.infer<typeof endpointEntrySchema>;
export type SecretKeySource = z.infer<typeof secretKeySchema>;

export const environmentsFileSchema = z.strictObject({
  environments: z.array(z.unknown()),
});
