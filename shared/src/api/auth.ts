import { z } from 'zod';

export const roleSchema = z.enum(['viewer', 'operator', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const usernameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
export const passwordSchema = z.string().min(8, 'at least 8 characters').max(256);

/** POST /api/session */
export const signInRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const sessionUserSchema = z.object({ username: z.string(), role: roleSchema });
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** POST /api/session → 200, GET /api/session → 200 */
export const sessionResponseSchema = z.object({
  user: sessionUserSchema,
  /** How the caller is signed in. */
  via: z.enum(['session', 'token', 'proxy']),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** POST /api/session/password — everyone may change their own password. */
export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** GET /api/users → { users } (admin) */
export const userSchema = z.object({
  username: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof userSchema>;
export const usersResponseSchema = z.object({ users: z.array(userSchema) });
export type UsersResponse = z.infer<typeof usersResponseSchema>;

/** POST /api/users → 201 User (admin) */
export const createUserRequestSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema,
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/** PATCH /api/users/:username → 200 User (admin) */
export const updateUserRequestSchema = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((v) => v.role !== undefined || v.disabled !== undefined || v.password !== undefined, {
    message: 'nothing to change: give role, disabled or password',
  });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

/** POST /api/tokens → 201 CreateTokenResponse (the token is shown once) */
/** No control characters, nor the invisible ones that reorder text (a name shown in a list must read as stored). */
const tokenNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]+$/u, 'no control characters');

export const createTokenRequestSchema = z.object({
  name: tokenNameSchema,
  expiresInDays: z.number().int().min(1).max(3650).optional(),
  /** A role narrower than the owner's (a read-only token for a monitoring scraper); absent: the owner's. */
  role: roleSchema.optional(),
});
export type CreateTokenRequest = z.infer<typeof createTokenRequestSchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  /** The most this token may do; null: whatever its owner's role is at the time of each call. */
  role: roleSchema.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createTokenResponseSchema = apiTokenSchema.extend({ token: z.string() });
export type CreateTokenResponse = z.infer<typeof createTokenResponseSchema>;

/** GET /api/tokens → { tokens } (the caller's own; never the token itself) */
export const tokensResponseSchema = z.object({ tokens: z.array(apiTokenSchema) });
export type TokensResponse = z.infer<typeof tokensResponseSchema>;
