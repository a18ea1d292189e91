import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { sessionQueryOptions } from '../../../api/get-session';
import { api } from '../../../lib/api-client';

export function signOut() {
  return api('/api/session', { method: 'DELETE', schema: z.unknown() });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionQueryOptions().queryKey, null);
    },
  });
}
