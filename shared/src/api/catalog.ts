import { z } from 'zod';

export const accessSchema = z.enum(['read', 'write', 'destructive']);
export type Access = z.infer<typeof accessSchema>;

/** A JSON Schema (draft 2020-12 subset Monaco understands). Kept loose: it is data, not a contract. */
export const jsonSchemaSchema = z.record(z.string(), z.unknown());
export type JsonSchema = { [key: string]: unknown };

export const regionIdSchema = z.enum([
  'china',
  'singapore',
  'seoul',
  'tokyo',
  'frankfurt',
  'mumbai',
  'silicon-valley',
  'jakarta',
  'sandbox',
]);
export type RegionId = z.infer<typeof regionIdSchema>;

export const regionSchema = z.object({
  id: regionIdSchema,
  label: z.string(),
  /** Host name of the REST API (no scheme). `null` for the sandbox, which lives in the console itself. */
  domain: z.string().nullable(),
  backupDomain: z.string().nullable(),
  /** True when Tencent no longer opens new apps in this region (Mumbai). */
  closedToNewApps: z.boolean(),
  /** True when the backup domain is inferred from the naming pattern rather than documented. */
  backupDomainVerified: z.boolean(),
});
export type Region = z.infer<typeof regionSchema>;

export const catalogCommandSchema = z.object({
  service: z.string(),
  command: z.string(),
  group: z.string(),
  title: z.string(),
  description: z.string(),
  access: accessSchema,
  /** Documented calls per second; null when unknown or not per second. */
  rateLimitPerSec: z.number().int().positive().nullable(),
  rateLimitVerified: z.boolean(),
  /** Free-text limit when it is not per second (e.g. "100 calls per day, at least 1 s apart"). */
  rateLimitNote: z.string().nullable(),
  docUrl: z.url(),
  example: z.record(z.string(), z.unknown()),
  schema: jsonSchemaSchema,
});
export type CatalogCommand = z.infer<typeof catalogCommandSchema>;

export const catalogResponseSchema = z.object({
  regions: z.array(regionSchema),
  commands: z.array(catalogCommandSchema),
});
export type CatalogResponse = z.infer<typeof catalogResponseSchema>;

export const errorCodeDocSchema = z.object({
  code: z.number().int(),
  /** Module the code belongs to: "generic", "account", "profile", "relationship", … */
  category: z.string(),
  meaning: z.string(),
  /** What to do about it. */
  hint: z.string(),
  retryable: z.boolean(),
  /** Tencent's page for the code; null for the console's own sandbox codes, which Tencent does not document. */
  docUrl: z.url().nullable(),
});
export type ErrorCodeDoc = z.infer<typeof errorCodeDocSchema>;

export const errorCodesResponseSchema = z.object({ errorCodes: z.array(errorCodeDocSchema) });
export type ErrorCodesResponse = z.infer<typeof errorCodesResponseSchema>;
