import { type CreateTokenRequest, createTokenResponseSchema } from '@console/shared/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { tokensQueryOptions } from './get-tokens';

/** The answer is the only time the token itself is ever seen; it is kept in component state, never cached. */
export function createToken(input: CreateTokenRequest) {
  return api('/api/tokens', { method: 'POST', body: input, schema: createTokenResponseSchema });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }),
  });
}
