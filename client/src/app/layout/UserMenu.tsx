import { Badge, Button, Group, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useSession } from '../../api/get-session';
import { useSignOut } from '../../features/auth/api/sign-out';

export function UserMenu() {
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const user = session.data?.user;
  if (!user) return null;
  return (
    <Group gap="xs" wrap="nowrap">
      <Group gap={4} wrap="nowrap" visibleFrom="md">
        <Text size="sm" fw={500}>
          {user.username}
        </Text>
        <Badge variant="outline" size="sm">
          {user.role}
        </Badge>
      </Group>
      <Button
        variant="subtle"
        size="sm"
        leftSection={<IconLogout size={16} />}
        loading={signOut.isPending}
        onClick={() =>
          signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })
        }
      >
        Sign out
      </Button>
    </Group>
  );
}
