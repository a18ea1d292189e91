import type { Access, Environment, Role } from '@console/shared/api';

const allowed: Record<Role, readonly Access[]> = {
  viewer: ['read'],
  operator: ['read', 'write'],
  admin: ['read', 'write', 'destructive'],
};

const neededRole: Record<Access, Role> = { read: 'viewer', write: 'operator', destructive: 'admin' };

/** Why this user cannot send this command to this environment, or null when they can. */
export function sendBlockedReason(role: Role, access: Access, environment: Environment): string | null {
  if (environment.readOnly && access !== 'read') {
    return `${environment.label} is read-only: only read commands can be sent.`;
  }
  if (!allowed[role].includes(access)) {
    return `Your role (${role}) cannot send ${access} commands; it needs the ${neededRole[access]} role.`;
  }
  return null;
}

/** Production guard rail: the operator types the command name before it is sent. */
export function needsTypedConfirmation(access: Access, environment: Environment): boolean {
  if (!environment.production) return false;
  return access === 'destructive' || (access === 'write' && environment.confirmWrites);
}
