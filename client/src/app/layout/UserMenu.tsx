import { ActionIcon, Badge, Button, Group, Menu, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useSession } from '../../api/get-session';
import { requestSignOut } from '../../features/auth/api/sign-out';
import { useThemeSwitch } from './ThemeToggle';
import { useHeaderRoom } from './use-header-room';

export function UserMenu() {
  const session = useSession();
  const { roomy } = useHeaderRoom();
  const theme = useThemeSwitch();
  const user = session.data?.user;
  if (!user) return null;
  // The guard takes the signed-in pages down, ends the session and opens the sign-in page (AuthGuard).
  const leave = requestSignOut;
  return (
    // Never shrunk: a squeezed header cut the name to "adr" for "admin" at 1440 px.
    <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
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
            // The name starts with the text it shows (the user name), so speech input can say it.
            aria-label={`${user.username} account menu`}
            style={{ flexShrink: 0 }}
          >
            {roomy && (
              <Text size="sm" fw={500} c="var(--mantine-color-text)">
                {user.username}
              </Text>
            )}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {/* Who is signed in, and as what: the header shows the name from lg and the role from xl only. */}
          <Menu.Label>
            Signed in as {user.username} ({user.role})
          </Menu.Label>
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
          {/* Below lg the theme and the way out are here, so the header's last control never leaves a
              laptop screen and the environment's name stays whole. */}
          {!roomy && (
            <>
              <Menu.Item leftSection={<theme.Icon size={16} aria-hidden />} onClick={theme.toggle}>
                Switch to {theme.next} theme
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={leave}>
                Sign out
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {/* From xl only: on a laptop header the name and the way out come first (the menu says the role). */}
      <Badge variant="outline" size="sm" visibleFrom="xl" style={{ flexShrink: 0 }}>
        <VisuallyHidden>Role: </VisuallyHidden>
        {user.role}
      </Badge>
      {roomy && (
        // An icon with a name and a tooltip: the header also carries the environment and its badge.
        <Tooltip label="Sign out">
          <ActionIcon variant="subtle" size="lg" aria-label="Sign out" onClick={leave}>
            <IconLogout size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
