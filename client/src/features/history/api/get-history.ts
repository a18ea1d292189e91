import { type HistoryFilter, historyPageSchema } from '@console/shared/api';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { historyKeys } from '../../../api/history-keys';
import { api } from '../../../lib/api-client';
import { filterToSearchParams } from './history-search-params';

export const HISTORY_PAGE_SIZE = 100;

export function getHistory(
  filter: HistoryFilter,
  limit: number,
  cursor?: string | null,
  signal?: AbortSignal,
) {
  const params = filterToSearchParams(filter);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return api(`/api/requests?${params}`, { schema: historyPageSchema, ...(signal ? { signal } : {}) });
}

/** One page: small lookups such as "which entries replay this one" or "which entry has this RequestId". */
export const historyQueryOptions = (filter: HistoryFilter, limit = 50) =>
  queryOptions({
    queryKey: historyKeys.list(filter, limit),
    queryFn: ({ signal }) => getHistory(filter, limit, null, signal),
  });

export const infiniteHistoryQueryOptions = (filter: HistoryFilter) =>
  infiniteQueryOptions({
    queryKey: historyKeys.infinite(filter),
    queryFn: ({ pageParam, signal }) => getHistory(filter, HISTORY_PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useHistory = (filter: HistoryFilter, limit?: number) =>
  useQuery(historyQueryOptions(filter, limit));

export const useInfiniteHistory = (filter: HistoryFilter) =>
  useInfiniteQuery(infiniteHistoryQueryOptions(filter));
