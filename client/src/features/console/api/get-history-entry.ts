import { historyEntrySchema } from '@console/shared/api';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** GET /api/requests/:id, for "open a copy in the console" (`?from=`). */
export function getHistoryEntry(id: string, signal?: AbortSignal) {
  return api(`/api/requests/${encodeURIComponent(id)}`, {
    schema: historyEntrySchema,
    ...(signal ? { signal } : {}),
  });
}

// Same key as the history feature's detail query, so an entry opened there is not fetched twice.
export const historyEntryQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['history', 'detail', id],
    queryFn: ({ signal }) => getHistoryEntry(id, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useHistoryEntry(id: string | null) {
  return useQuery({ ...historyEntryQueryOptions(id ?? ''), enabled: id !== null });
}
