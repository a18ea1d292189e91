import { appStatsResponseSchema } from '@console/shared/api';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export function getAppStats(environmentId: string, refresh: boolean, signal?: AbortSignal) {
  const path = `/api/environments/${encodeURIComponent(environmentId)}/app-stats${refresh ? '?refresh=1' : ''}`;
  return api(path, { schema: appStatsResponseSchema, ...(signal ? { signal } : {}) });
}

export const appStatsKeys = {
  all: ['app-stats'] as const,
  environment: (environmentId: string) => [...appStatsKeys.all, environmentId] as const,
};

/** The server keeps the figures an hour; asking every 10 minutes costs no upstream call in between. */
export const appStatsQueryOptions = (environmentId: string) =>
  queryOptions({
    queryKey: appStatsKeys.environment(environmentId),
    queryFn: ({ signal }) => getAppStats(environmentId, false, signal),
    staleTime: 10 * 60_000,
    refetchInterval: 10 * 60_000,
    retry: false,
  });

export const useAppStats = (environmentId: string) => useQuery(appStatsQueryOptions(environmentId));

/** Refresh: one call to Tencent now, whatever the cache holds. */
export function useRefreshAppStats(environmentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => getAppStats(environmentId, true),
    onSuccess: (data) => client.setQueryData(appStatsQueryOptions(environmentId).queryKey, data),
  });
}
