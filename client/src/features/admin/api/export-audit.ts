import type { AuditFilter } from '@console/shared/api';
import { auditFilterToSearchParams } from './audit-search-params';

/** The server streams the CSV; the browser downloads it with the session cookie. */
export function auditExportUrl(filter: AuditFilter): string {
  const params = auditFilterToSearchParams(filter);
  const query = params.toString();
  return query ? `/api/audit/export?${query}` : '/api/audit/export';
}
