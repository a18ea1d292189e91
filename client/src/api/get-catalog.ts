import { catalogResponseSchema } from '@console/shared/api';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../lib/api-client';

export function getCatalog() {
  return api('/api/catalog', { schema: catalogResponseSchema });
}

/** The catalog only changes with a deploy, so it is fetched once per page load. */
export const catalogQueryOptions = () =>
  queryOptions({ queryKey: ['catalog'], queryFn: getCatalog, staleTime: Number.POSITIVE_INFINITY });

export function useCatalog() {
  return useQuery(catalogQueryOptions());
}
