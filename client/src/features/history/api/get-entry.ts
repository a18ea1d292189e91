import { historyEntrySchema } from '@console/shared/api';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { historyKeys } from './history-keys';

export function getEntry(id: string, signal?: AbortSignal) {
  return api(`/api/requests/${encodeURIComponent(id)}`, {
    schema: historyEntrySchema,
    ...(signal ? { signal } : {}),
  });
}

export const entryQueryOptions = (id: string) =>
  queryOptions({
    queryKey: historyKeys.detail(id),
    queryFn: ({ signal }) => getEntry(id, signal),
    // A recorded call never changes.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useEntry = (id: string) => useQuery(entryQueryOptions(id));
