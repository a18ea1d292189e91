import type { Role } from '@console/shared/api';

/** What each role may do, in the words the server's refusals use. */
export const roleOptions: { value: Role; label: string; description: string }[] = [
  { value: 'viewer', label: 'Viewer', description: 'sends read commands only' },
  { value: 'operator', label: 'Operator', description: 'sends read and write commands' },
  { value: 'admin', label: 'Admin', description: 'also destructive commands, users and the audit log' },
];
