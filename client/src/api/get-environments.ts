import { environmentsResponseSchema } from '@console/shared/api';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../lib/api-client';

export function getEnvironments() {
  return api('/api/environments', { schema: environmentsResponseSchema });
}

export const environmentsQueryOptions = () =>
  queryOptions({ queryKey: ['environments'], queryFn: getEnvironments, staleTime: 5 * 60_000 });

export function useEnvironments() {
  return useQuery(environmentsQueryOptions());
}
