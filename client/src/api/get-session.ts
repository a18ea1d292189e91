import { type SessionResponse, sessionResponseSchema } from '@console/shared/api';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../lib/api-client';

/** The signed-in user, or null when there is no session (401). */
export async function getSession(): Promise<SessionResponse | null> {
  try {
    return await api('/api/session', { schema: sessionResponseSchema });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: ['session'], queryFn: getSession, staleTime: 5 * 60_000 });

export function useSession() {
  return useQuery(sessionQueryOptions());
}
