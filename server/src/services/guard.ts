import type { Access, Role } from '@console/shared/api';
import { AppError } from '../core/errors';

/** The least role that may send a command of each access class. */
export const requiredRoleFor: Record<Access, Role> = {
  read: 'viewer',
  write: 'operator',
  destructive: 'admin',
};

export const roleRank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(actual: Role, needed: Role): boolean {
  return roleRank[actual] >= roleRank[needed];
}

/** The guard-relevant part of an environment; the full `ResolvedEnvironment` fits. */
export interface GuardedEnvironment {
  id: string;
  production: boolean;
  readOnly: boolean;
  confirmWrites: boolean;
}

export interface GuardInput {
  role: Role;
  env: GuardedEnvironment;
  command: { service: string; command: string; access: Access };
  confirm: string | undefined;
}

/** Why a typed confirmation is needed, or null when it is not. */
export function confirmationReason(
  env: GuardedEnvironment,
  access: Access,
): 'production-destructive' | 'confirm-writes' | null {
  if (access === 'read') return null;
  if (access === 'destructive' && env.production) return 'production-destructive';
  // confirmWrites is an explicit per-environment switch, so it holds wherever it is set.
  if (env.confirmWrites) return 'confirm-writes';
  return null;
}

/**
 * The guard rails of issue 7, in the order a user can fix them: who you are (role), where you are
 * (read-only environment), then what you typed (confirmation). Throws an AppError to refuse.
 */
export function checkCommand({ role, env, command, confirm }: GuardInput): void {
  const needed = requiredRoleFor[command.access];
  if (!hasRole(role, needed)) {
    throw new AppError(
      'auth/forbidden',
      403,
      `${command.command} is a ${command.access} command: it needs the ${needed} role (you are ${role})`,
      { details: { requiredRole: needed, role, access: command.access } },
    );
  }
  if (env.readOnly && command.access !== 'read') {
    throw new AppError(
      'environment/read-only',
      403,
      `the environment "${env.id}" is read-only: ${command.command} is a ${command.access} command`,
      { details: { environmentId: env.id, access: command.access } },
    );
  }
  const reason = confirmationReason(env, command.access);
  if (reason !== null && confirm !== command.command) {
    const why =
      reason === 'production-destructive'
        ? `${command.command} is destructive and "${env.id}" is a production environment`
        : `the environment "${env.id}" asks for confirmation of every ${command.access} command`;
    const what =
      confirm === undefined || confirm === ''
        ? `send "confirm": "${command.command}" to run it`
        : `the confirmation "${confirm}" does not match; send "confirm": "${command.command}"`;
    throw new AppError('guard/confirmation-required', 400, `${why}: ${what}`, {
      details: { reason, expected: command.command, environmentId: env.id },
    });
  }
}
