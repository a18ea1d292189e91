import { Alert, Stack, Text, Title } from '@mantine/core';
import { useSession } from '../../../api/get-session';
import { useUsers } from '../api/get-users';
import { AdminOnly } from '../components/AdminOnly';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { CreateUserForm } from '../components/CreateUserForm';
import { UsersTable } from '../components/UsersTable';

function Users() {
  const session = useSession();
  const users = useUsers();
  return (
    <Stack gap="md">
      <CreateUserForm />
      {users.isError ? (
        <ApiErrorAlert error={users.error} title="Users could not be loaded" />
      ) : users.isPending ? (
        <Text c="dimmed" role="status">
          Loading users…
        </Text>
      ) : users.data.users.length === 0 ? (
        <Alert color="gray">No users yet.</Alert>
      ) : (
        <UsersTable users={users.data.users} currentUsername={session.data?.user.username ?? ''} />
      )}
    </Stack>
  );
}

export default function UsersPage() {
  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Title order={1} size="h2">
          Users
        </Title>
        <Text c="dimmed" size="sm">
          Who may use the console and what they may send: viewers read, operators also write, admins also
          delete and manage users.
        </Text>
      </div>
      <AdminOnly what="Managing users">
        <Users />
      </AdminOnly>
    </Stack>
  );
}
