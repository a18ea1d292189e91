import { type SignInRequest, sessionResponseSchema } from '@console/shared/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionQueryOptions } from '../../../api/get-session';
import { api } from '../../../lib/api-client';

export function signIn(credentials: SignInRequest) {
  return api('/api/session', { method: 'POST', body: credentials, schema: sessionResponseSchema });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => {
      // Whatever was cached belongs to the previous user (or to nobody).
      queryClient.clear();
      queryClient.setQueryData(sessionQueryOptions().queryKey, session);
    },
  });
}
