import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { tokensQueryOptions } from './get-tokens';

// 204 or a small JSON body: either way the token is gone.
const anyAnswer = z.unknown();

export async function revokeToken(id: string): Promise<void> {
  await api(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE', schema: anyAnswer });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }),
  });
}
