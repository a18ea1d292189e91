import { statsResponseSchema } from '@console/shared/api';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { type DashboardRange, resolveRange } from '../lib/range';

export function getStats(
  range: { environmentId?: string | undefined; from: string; to: string },
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (range.environmentId) params.set('environmentId', range.environmentId);
  return api(`/api/stats?${params}`, { schema: statsResponseSchema, ...(signal ? { signal } : {}) });
}

export const statsKeys = {
  all: ['stats'] as const,
  range: (environmentId: string | undefined, range: DashboardRange) =>
    [...statsKeys.all, environmentId ?? '*', range] as const,
};

/** Live refresh period; TanStack Query pauses it while the tab is hidden. */
export const STATS_REFRESH_MS = 30_000;

/** A relative range ("last hour") is resolved against the clock at each fetch, so each refresh moves it. */
export const statsQueryOptions = (environmentId: string | undefined, range: DashboardRange) =>
  queryOptions({
    queryKey: statsKeys.range(environmentId, range),
    queryFn: ({ signal }) => getStats({ environmentId, ...resolveRange(range, Date.now()) }, signal),
    refetchInterval: range.kind === 'relative' ? STATS_REFRESH_MS : false,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });

export const useStats = (environmentId: string | undefined, range: DashboardRange) =>
  useQuery(statsQueryOptions(environmentId, range));
