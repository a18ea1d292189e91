import { regionIdSchema } from '@console/shared/api';
import { z } from 'zod';

const secretKeySchema = z.union([
  z.string().min(1),
  z.strictObject({ env: z.string().min(1) }),
  z.strictObject({ file: z.string().min(1) }),
]);

/** A JSON value a rule compares with: a string, number or boolean. */
const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);

/**
 * A rule for "before" callbacks (decision 036): the first rule whose `command` and `match` fit decides
 * the answer. `match.path` is a dotted path into the body (`MsgBody.0.MsgContent.Text`); the value
 * there must `equal` the given one, or `contain` the given text (case-insensitive). No match: allow.
 */
export const callbackRuleSchema = z
  .strictObject({
    name: z.string().min(1).max(80).optional(),
    /** A CallbackCommand, or a prefix ending in `*` (`Group.CallbackBefore*`), or `*`. */
    command: z.string().min(1).max(120),
    match: z
      .strictObject({
        path: z.string().min(1).max(200),
        equals: scalarSchema.optional(),
        contains: z.string().min(1).max(1000).optional(),
      })
      .refine(
        (m) => (m.equals === undefined) !== (m.contains === undefined),
        'give one of equals or contains',
      )
      .optional(),
    action: z.enum(['allow', 'deny', 'rewrite']),
    /** deny: the ErrorCode answered (non-zero; C2C accepts 120001–130000 as custom codes). */
    errorCode: z.number().int().min(1).max(2_147_483_647).optional(),
    errorInfo: z.string().max(500).optional(),
    /** rewrite: fields added to the OK answer (e.g. `MsgBody`, which replaces the message). */
    answer: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((r) => r.action !== 'rewrite' || r.answer !== undefined, {
    message: 'a rewrite rule needs answer (the fields to answer, e.g. MsgBody)',
    path: ['answer'],
  });
export type CallbackRule = z.infer<typeof callbackRuleSchema>;

const forwardUrlSchema = z.url({ protocol: /^https?$/ }).refine((v) => {
  const u = new URL(v);
  return u.username === '' && u.password === '' && !u.hash;
}, 'must not carry a user, password or fragment');

const callbackCommon = {
  /** Where accepted callbacks are forwarded (the team's own backend); never chosen from the browser. */
  forwardTo: z.array(forwardUrlSchema).max(10).default([]),
  rules: z.array(callbackRuleSchema).max(200).default([]),
};

/** `callback` of an environment that calls Tencent: the token Tencent signs with is required. */
const upstreamCallbackSchema = z.strictObject({ token: secretKeySchema, ...callbackCommon });
/** `callback` of a sandbox environment: the sandbox signs with its own token. */
const sandboxCallbackSchema = z.strictObject(callbackCommon);

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
  callback: upstreamCallbackSchema.optional(),
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
export const sandboxEntrySchema = z.strictObject({
  ...common,
  sandbox: z.literal(true),
  callback: sandboxCallbackSchema.optional(),
});
export type RegionEntry = z.infer<typeof regionEntrySchema>;
export type EndpointEntry = z.infer<typeof endpointEntrySchema>;
export type SecretKeySource = z.infer<typeof secretKeySchema>;

export const environmentsFileSchema = z.strictObject({
  environments: z.array(z.unknown()),
});
