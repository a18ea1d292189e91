import type { AuditFilter } from '@console/shared/api';

/** The filter as a query string, shared by the list fetch and the export link so both see the same rows. */
export function auditFilterToSearchParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  return params;
}
