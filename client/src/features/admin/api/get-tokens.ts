import { tokensResponseSchema } from '@console/shared/api';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { tokenKeys } from './admin-keys';

/** The caller's own tokens; the server never answers the token itself here. */
export function getTokens(signal?: AbortSignal) {
  return api('/api/tokens', { schema: tokensResponseSchema, ...(signal ? { signal } : {}) });
}

export const tokensQueryOptions = () =>
  queryOptions({ queryKey: tokenKeys.list(), queryFn: ({ signal }) => getTokens(signal) });

export const useTokens = () => useQuery(tokensQueryOptions());
