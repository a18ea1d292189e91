import { Alert, Center } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useSession } from '../../../api/get-session';
import { Spinner } from '../../../components/Spinner';

type Props = { what: string; children: ReactNode };

/**
 * The server refuses these routes to non-admins anyway; saying so up front spares a page of 403s and tells
 * the reader which role they would need.
 */
export function AdminOnly({ what, children }: Props) {
  const session = useSession();
  if (session.isPending) return <Spinner label="Loading session" />;
  const user = session.data?.user;
  if (user?.role === 'admin') return <>{children}</>;
  return (
    <Center py="xl">
      <Alert color="yellow" icon={<IconLock size={18} />} title="Admins only" role="alert" maw={560}>
        {what} needs the admin role.
        {user ? ` You are signed in as ${user.username} with the ${user.role} role.` : ''} Ask an admin if you
        need access.
      </Alert>
    </Center>
  );
}
