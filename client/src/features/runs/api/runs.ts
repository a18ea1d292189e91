import { type RetryRunInput, type Run, runListSchema, runSchema } from '@console/shared/api';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { runKeys } from '../../../api/runs';
import { api } from '../../../lib/api-client';

const finished = (run: Run | undefined) =>
  run !== undefined && (run.status === 'done' || run.status === 'cancelled' || run.status === 'failed');

export const runsQueryOptions = () =>
  queryOptions({
    queryKey: runKeys.list(),
    queryFn: ({ signal }) => api('/api/runs', { schema: runListSchema, signal }),
    // The list shows progress too: refreshed while any run is under way.
    refetchInterval: (q) => (q.state.data?.items.some((r) => !finished(r)) ? 2000 : false),
  });

export const useRuns = () => useQuery(runsQueryOptions());

export const useRun = (id: string | null) =>
  useQuery({
    queryKey: runKeys.one(id ?? ''),
    queryFn: ({ signal }) => api(`/api/runs/${encodeURIComponent(id ?? '')}`, { schema: runSchema, signal }),
    enabled: id !== null,
  });

export type RunAction = 'pause' | 'resume' | 'cancel';

export function useRunAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: RunAction }) =>
      api(`/api/runs/${encodeURIComponent(id)}/${action}`, { method: 'POST', schema: runSchema }),
    onSuccess: (run) => {
      client.setQueryData(runKeys.one(run.id), run);
      void client.invalidateQueries({ queryKey: runKeys.list() });
    },
  });
}

export function useRetryRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: RetryRunInput }) =>
      api(`/api/runs/${encodeURIComponent(id)}/retry`, { method: 'POST', body: input, schema: runSchema }),
    onSuccess: () => void client.invalidateQueries({ queryKey: runKeys.list() }),
  });
}
