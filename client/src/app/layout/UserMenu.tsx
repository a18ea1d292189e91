import { ActionIcon, Badge, Button, Group, Menu, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
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
      {/* One's own settings live under one's name, as in most consoles; it keeps the main nav short. */}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray"
            size="sm"
            px="xs"
            leftSection={<IconUserCircle size={18} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            aria-label={`${user.username} (${user.role}): account menu`}
          >
            <Group gap={4} wrap="nowrap" visibleFrom="md">
              <Text size="sm" fw={500} c="var(--mantine-color-text)">
                {user.username}
              </Text>
              <Badge variant="outline" size="sm" style={{ flexShrink: 0 }}>
                {user.role}
              </Badge>
            </Group>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item component={Link} to="/settings/tokens" leftSection={<IconKey size={16} aria-hidden />}>
            API tokens
          </Menu.Item>
          <Menu.Item
            component={Link}
            to="/settings/account"
            leftSection={<IconUserCircle size={16} aria-hidden />}
          >
            Account
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {/* An icon with a name and a tooltip: the header also carries the environment and its badge. */}
      <Tooltip label="Sign out">
        <ActionIcon
          variant="subtle"
          size="lg"
          aria-label="Sign out"
          loading={signOut.isPending}
          onClick={() =>
            signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })
          }
        >
          <IconLogout size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
