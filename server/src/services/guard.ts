import type { Access, Role } from '@console/shared/api';
import {
  type ConfirmationRequiredDetails,
  confirmationReason,
  type GuardedEnvironment,
  isConfirmed,
  sendRefusal,
} from '@console/shared/guard-rails';
import { AppError } from '../core/errors';

export interface GuardInput {
  role: Role;
  env: GuardedEnvironment;
  command: { service: string; command: string; access: Access };
  confirm: string | undefined;
}

/**
 * The guard rails of issue 7, as the shared policy states them (`@console/shared/guard-rails`), in
 * the order a user can fix them: who you are (role), where you are (read-only environment), then
 * what you typed (confirmation). Throws an AppError to refuse.
 */
export function checkCommand({ role, env, command, confirm }: GuardInput): void {
  const refusal = sendRefusal(role, env, command.access);
  if (refusal?.kind === 'role') {
    throw new AppError(
      'auth/forbidden',
      403,
      `${command.command} is a ${command.access} command: it needs the ${refusal.requiredRole} role (you are ${role})`,
      { details: { requiredRole: refusal.requiredRole, role, access: command.access } },
    );
  }
  if (refusal?.kind === 'read-only') {
    throw new AppError(
      'environment/read-only',
      403,
      `the environment "${env.id}" is read-only: ${command.command} is a ${command.access} command`,
      { details: { environmentId: env.id, access: command.access } },
    );
  }
  const reason = confirmationReason(env, command.access);
  if (reason !== null && !isConfirmed(command.command, confirm)) {
    const why =
      reason === 'production-destructive'
        ? `${command.command} is destructive and "${env.id}" is a production environment`
        : `the environment "${env.id}" asks for confirmation of every ${command.access} command`;
    const what =
      confirm === undefined || confirm === ''
        ? `send "confirm": "${command.command}" to run it`
        : `the confirmation "${confirm}" does not match; send "confirm": "${command.command}"`;
    const details: ConfirmationRequiredDetails = { reason, expected: command.command, environmentId: env.id };
    throw new AppError('guard/confirmation-required', 400, `${why}: ${what}`, { details });
  }
}
