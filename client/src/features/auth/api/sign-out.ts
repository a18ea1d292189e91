import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { sessionQueryOptions } from '../../../api/get-session';
import { api } from '../../../lib/api-client';

export function signOut() {
  return api('/api/session', { method: 'DELETE', schema: z.unknown() });
}

/** Asks the app to sign out (the header's button, the user menu); `AuthGuard` does it. */
export const SIGN_OUT_EVENT = 'console:sign-out';

export function requestSignOut(): void {
  window.dispatchEvent(new Event(SIGN_OUT_EVENT));
}

/** Longest wait for reads already on their way before the session is ended anyway. */
const SETTLE_MS = 5_000;

/** Resolves once no query is fetching (or after `timeoutMs`). */
export function fetchesSettled(queryClient: QueryClient, timeoutMs = SETTLE_MS): Promise<void> {
  return new Promise((resolve) => {
    if (queryClient.isFetching() === 0) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = queryClient.getQueryCache().subscribe(() => {
      if (queryClient.isFetching() === 0) done();
    });
  });
}

/**
 * Ends the session. Called by the guard once the signed-in pages are gone, so nothing can ask anything
 * with the session as it ends: reads already on their way finish first (a read answered after the
 * session ended would be a 401 and a "session ended" page), then the server forgets the session, then
 * the app does. Emptying the cache while the header was still mounted made it fetch again at once with
 * the ended session (issue: 401s on /api/environments and /api/catalog after every sign-out).
 */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await fetchesSettled(queryClient);
      await signOut();
    },
    onSettled: () => {
      queryClient.setQueryData(sessionQueryOptions().queryKey, null);
    },
  });
}
