import { callbackSummarySchema } from '@console/shared/api';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { STATS_REFRESH_MS } from './get-stats';

type Range = { environmentId?: string | undefined; from: string; to: string };

export function getCallbackSummary(range: Range, signal?: AbortSignal) {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (range.environmentId) params.set('environmentId', range.environmentId);
  return api(`/api/callbacks/summary?${params}`, {
    schema: callbackSummarySchema,
    ...(signal ? { signal } : {}),
  });
}

/** Over the range the stats answered, so both panels count the same minutes; refreshed with them. */
export const callbackSummaryQueryOptions = (range: Range) =>
  queryOptions({
    queryKey: ['callbacks', 'summary', range] as const,
    queryFn: ({ signal }) => getCallbackSummary(range, signal),
    refetchInterval: STATS_REFRESH_MS,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });

export const useCallbackSummary = (range: Range) => useQuery(callbackSummaryQueryOptions(range));
