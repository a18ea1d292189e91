import { historyEntrySchema } from '@console/shared/api';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../lib/api-client';
import { historyKeys } from './history-keys';

/** GET /api/requests/:id: the history permalink, comparisons and the console's `?from=` copy. */
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

/** `null` waits: nothing is fetched until there is an id. */
export const useEntry = (id: string | null) =>
  useQuery({ ...entryQueryOptions(id ?? ''), enabled: id !== null });
