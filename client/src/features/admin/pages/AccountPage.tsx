import { Alert, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useSession } from '../../../api/get-session';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { roleOptions } from '../components/roles';

export default function AccountPage() {
  const session = useSession();
  const user = session.data?.user;
  const role = roleOptions.find((r) => r.value === user?.role);
  return (
    <Stack gap="md" maw={800}>
      <Title order={1} size="h2">
        Account
      </Title>
      {user && (
        <Group gap="xs">
          <Text>
            Signed in as <strong>{user.username}</strong>
          </Text>
          <Badge variant="outline">{user.role}</Badge>
          {role && (
            <Text size="sm" c="dimmed">
              ({role.description})
            </Text>
          )}
        </Group>
      )}
      {session.data?.via === 'proxy' ? (
        // Single sign-on users have no console password; the identity provider owns it.
        <Alert color="blue" icon={<IconInfoCircle size={18} />}>
          You signed in through single sign-on; change your password with your identity provider.
        </Alert>
      ) : (
        <ChangePasswordForm />
      )}
    </Stack>
  );
}
