import type { Access, Environment, Role } from '@console/shared/api';
import {
  type ConfirmationReason,
  confirmationRequiredDetailsSchema,
  sendRefusal,
} from '@console/shared/guard-rails';
import { ApiError } from './api-client';

// The policy itself is `@console/shared/guard-rails`, the same the server enforces; this file only
// puts its answers into words for the console's controls.

/** Why this user cannot send this command to this environment, or null when they can. */
export function sendBlockedReason(role: Role, access: Access, environment: Environment): string | null {
  const refusal = sendRefusal(role, environment, access);
  if (refusal === null) return null;
  if (refusal.kind === 'read-only') {
    return `${environment.label} is read-only: only read commands can be sent.`;
  }
  return `Your role (${role}) cannot send ${access} commands; it needs the ${refusal.requiredRole} role.`;
}

/** Why the operator is asked to type the command name, shown under the confirmation field. */
export function confirmationNote(reason: ConfirmationReason): string {
  return reason === 'production-destructive'
    ? 'This is a production environment and the command is destructive.'
    : 'This environment asks for the command name before every command that changes state.';
}

/**
 * The reason of a `guard/confirmation-required` refusal, or null for any other error. The server is
 * the authority: when its configuration asks for a confirmation the console did not expect (an
 * environment changed since the page loaded), the console asks the operator then.
 */
export function confirmationRequested(error: unknown): ConfirmationReason | null {
  if (!(error instanceof ApiError) || error.code !== 'guard/confirmation-required') return null;
  const details = confirmationRequiredDetailsSchema.safeParse(error.details);
  return details.success ? details.data.reason : 'confirm-writes';
}
