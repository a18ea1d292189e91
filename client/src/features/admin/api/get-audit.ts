import { type AuditFilter, auditPageSchema } from '@console/shared/api';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { auditKeys } from './admin-keys';
import { auditFilterToSearchParams } from './audit-search-params';

export const AUDIT_PAGE_SIZE = 50;

export function getAudit(filter: AuditFilter, cursor: string | null, signal?: AbortSignal) {
  const params = auditFilterToSearchParams(filter);
  params.set('limit', String(AUDIT_PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return api(`/api/audit?${params}`, { schema: auditPageSchema, ...(signal ? { signal } : {}) });
}

export const auditQueryOptions = (filter: AuditFilter) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(filter),
    queryFn: ({ pageParam, signal }) => getAudit(filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // The log grows while one reads it; a fresh visit should show the newest rows.
    staleTime: 0,
  });

export const useAudit = (filter: AuditFilter) => useInfiniteQuery(auditQueryOptions(filter));
