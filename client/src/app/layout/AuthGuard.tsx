import { Alert, Button, Center, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { sessionQueryOptions, useSession } from '../../api/get-session';
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

  useEffect(() => {
    const onUnauthenticated = () => {
      setEnded(true);
      queryClient.setQueryData(sessionQueryOptions().queryKey, null);
    };
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, [queryClient]);

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
