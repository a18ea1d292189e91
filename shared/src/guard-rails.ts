// The guard-rail policy (decisions 010 and 024): who may send what, where, and when the operator must
// type the command name first. The server enforces it before signing; the client reads the same rules
// to disable controls and to ask for the confirmation before sending. Pure functions, no data.
import { z } from 'zod';
import type { Role } from './api/auth';
import type { Access } from './api/catalog';
import type { Environment } from './api/environments';

/** The least role that may send a command of each access class. */
export const requiredRoleFor: Readonly<Record<Access, Role>> = {
  read: 'viewer',
  write: 'operator',
  destructive: 'admin',
};

export const roleRank: Readonly<Record<Role, number>> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(actual: Role, needed: Role): boolean {
  return roleRank[actual] >= roleRank[needed];
}

/** The guard-relevant part of an environment; the client's `Environment` and the server's resolved one fit. */
export type GuardedEnvironment = Pick<Environment, 'id' | 'production' | 'readOnly' | 'confirmWrites'>;

/** Why a typed confirmation is needed; sent as `details.reason` of `guard/confirmation-required`. */
export const confirmationReasons = ['production-destructive', 'confirm-writes'] as const;
export const confirmationReasonSchema = z.enum(confirmationReasons);
export type ConfirmationReason = z.infer<typeof confirmationReasonSchema>;

/** `details` of a `guard/confirmation-required` refusal. */
export const confirmationRequiredDetailsSchema = z.object({
  reason: confirmationReasonSchema,
  /** What `confirm` must be: the command name. */
  expected: z.string(),
  environmentId: z.string(),
});
export type ConfirmationRequiredDetails = z.infer<typeof confirmationRequiredDetailsSchema>;

/** Why the operator must type the command name before it is sent, or null when no confirmation is needed. */
export function confirmationReason(env: GuardedEnvironment, access: Access): ConfirmationReason | null {
  if (access === 'read') return null;
  if (access === 'destructive' && env.production) return 'production-destructive';
  // confirmWrites is an explicit per-environment switch, so it holds wherever it is set, not only on
  // production: a switch that silently did nothing would surprise.
  if (env.confirmWrites) return 'confirm-writes';
  return null;
}

/** A refusal no confirmation can lift, in the order a user can fix it: who you are, then where you are. */
export type SendRefusal =
  | { kind: 'role'; access: Access; role: Role; requiredRole: Role }
  | { kind: 'read-only'; access: Access };

export function sendRefusal(role: Role, env: GuardedEnvironment, access: Access): SendRefusal | null {
  const requiredRole = requiredRoleFor[access];
  if (!hasRole(role, requiredRole)) return { kind: 'role', access, role, requiredRole };
  if (env.readOnly && access !== 'read') return { kind: 'read-only', access };
  return null;
}

/** Whether `confirm` is the confirmation the policy asks for: the command name, exactly. */
export function isConfirmed(command: string, confirm: string | undefined): boolean {
  return confirm === command;
}
