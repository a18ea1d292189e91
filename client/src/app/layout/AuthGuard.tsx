import { Alert, Button, Center, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { sessionQueryOptions, useSession } from '../../api/get-session';
import { SIGN_OUT_EVENT, useEndSession } from '../../features/auth/api/sign-out';
import { UNAUTHENTICATED_EVENT } from '../../lib/api-client';
import { FullPageLoader } from './FullPageLoader';

function signInPath(location: { pathname: string; search: string }, expired = false): string {
  const next = `${location.pathname}${location.search}`;
  const params = new URLSearchParams();
  if (next !== '/') params.set('next', next);
  // The sign-in page says why it is shown when a session ended under the user's hands.
  if (expired) params.set('reason', 'expired');
  const query = params.toString();
  return query ? `/sign-in?${query}` : '/sign-in';
}

/** Everything but the sign-in page needs a session; any 401 later sends the user back to sign in. */
export function AuthGuard() {
  const session = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();

  // Set with the session's end, in the same render: the redirect below then says why. (Navigating from
  // the listener raced that redirect, which won without the reason while the sign-in chunk loaded.)
  const [ended, setEnded] = useState(false);
  // Signing out (decided here, not in the header): the signed-in pages are replaced by a loader first,
  // then, from the effect below (they are unmounted by then), the session is ended. The sign-in page
  // then opens plain, without "next" or "session ended".
  const [signingOut, setSigningOut] = useState(false);
  const endSession = useEndSession();
  const ending = useRef(false);

  useEffect(() => {
    const onUnauthenticated = () => {
      setEnded(true);
      queryClient.setQueryData(sessionQueryOptions().queryKey, null);
    };
    const onSignOut = () => setSigningOut(true);
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    window.addEventListener(SIGN_OUT_EVENT, onSignOut);
    return () => {
      window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
      window.removeEventListener(SIGN_OUT_EVENT, onSignOut);
    };
  }, [queryClient]);

  useEffect(() => {
    if (!signingOut || ending.current) return;
    ending.current = true;
    endSession.mutate();
  }, [signingOut, endSession]);

  // Without a session, what is cached belonged to it. Emptied here, after the render that replaced the
  // signed-in pages: their queries have no observers left, so none is fetched again.
  const noSession = session.data === null;
  useEffect(() => {
    if (!noSession) return;
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
  }, [noSession, queryClient]);

  if (signingOut) {
    return session.data === null ? (
      <Navigate to="/sign-in" replace />
    ) : (
      <FullPageLoader label="Signing out" />
    );
  }
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    // Not a missing session (that is `null`): the console itself cannot be reached.
    return (
      <Center h="100vh" p="md">
        <Alert color="red" title="The console server cannot be reached" role="alert" maw={520}>
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{session.error.message}</Text>
            <Button size="xs" onClick={() => session.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
  if (!session.data) return <Navigate to={signInPath(location, ended)} replace />;
  return <Outlet />;
}
