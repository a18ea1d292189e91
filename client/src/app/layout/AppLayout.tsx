import { ActionIcon, AppShell, Box, Burger, Button, Center, Group, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { Suspense } from 'react';
import { Outlet, useLocation, useSearchParams } from 'react-router';
import { Spinner } from '../../components/Spinner';
import { useSelectedEnvironment } from '../../hooks/use-selected-environment';
import { isConsoleLocation } from '../../lib/console-url';
import { CommandNav } from './CommandNav';
import { useCommandPalette } from './CommandPalette';
import { EnvironmentSwitcher } from './EnvironmentSwitcher';
import { ExploreSearch, ExploreSearchButton } from './ExploreSearch';
import { MainNav } from './MainNav';
import { SkipLinks } from './SkipLinks';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';
import { useHeaderRoom } from './use-header-room';

/** While a page's chunk arrives, inside the already painted frame. */
function PageLoader() {
  return (
    <Center py="xl">
      <Spinner label="Loading page" />
    </Center>
  );
}

export function AppLayout() {
  const [navOpened, nav] = useDisclosure(false);
  const selection = useSelectedEnvironment();
  const production = selection.environment?.production ?? false;
  const location = useLocation();
  const commandPalette = useCommandPalette(selection.environment?.id ?? null);
  // The command list is for choosing a command, which happens on the console; other pages (tables)
  // get its 300 px back.
  const choosingCommand = isConsoleLocation(location.pathname, location.search);
  const [params] = useSearchParams();
  const editing = choosingCommand && params.has('command');
  const room = useHeaderRoom();

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{
        width: 300,
        breakpoint: 'sm',
        collapsed: { mobile: !navOpened, desktop: !choosingCommand },
      }}
      padding="md"
    >
      <SkipLinks editing={editing} commands={choosingCommand} />
      <AppShell.Header
        // A production environment colours the whole frame, so nobody forgets where they are.
        style={production ? { borderBottom: '3px solid var(--mantine-color-red-6)' } : undefined}
      >
        <Group h="100%" px="md" gap="sm" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            {choosingCommand && (
              <Burger
                opened={navOpened}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle the command list"
              />
            )}
            <Text fw={700} className="console-brand">
              Chat REST Console
            </Text>
            <MainNav />
          </Group>
          {/* The header's tools, at every width from 1024 px with the fullest content (an admin on a
              production environment): what gives way first is the explorer's search box, then the
              environment's name (whole on hover/focus); the production badge, the user menu and the way
              out stay whole and in view. See use-header-room.ts for what moves where. */}
          <Group
            gap={room.roomy ? 'sm' : 'xs'}
            wrap="nowrap"
            justify="flex-end"
            style={{ flex: '1 1 auto', minWidth: 0 }}
          >
            <EnvironmentSwitcher selection={selection} />
            {room.roomy ? (
              // Takes only the room left over (grows from 0, up to 210 px), so it gives way before the
              // environment's name does.
              <Box style={{ flex: '1 1 0', minWidth: 120, maxWidth: 210 }}>
                <ExploreSearch environmentId={selection.environment?.id ?? null} />
              </Box>
            ) : (
              <ExploreSearchButton environmentId={selection.environment?.id ?? null} />
            )}
            {room.wide ? (
              <Button
                variant="default"
                leftSection={<IconSearch size={16} aria-hidden />}
                style={{ flexShrink: 0 }}
                onClick={commandPalette.open}
                visibleFrom="sm"
              >
                Find command
              </Button>
            ) : (
              // Its Ctrl+K is said here and on the console (under the editor, on "Pick a command").
              <Tooltip label="Find command (Ctrl+K)">
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label="Find command"
                  onClick={commandPalette.open}
                  visibleFrom="sm"
                  style={{ flexShrink: 0 }}
                >
                  <IconSearch size={18} aria-hidden />
                </ActionIcon>
              </Tooltip>
            )}
            {room.roomy && <ThemeToggle />}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      {choosingCommand && (
        <AppShell.Navbar aria-label="Commands" id="commands" tabIndex={-1}>
          <CommandNav
            environmentId={selection.environment?.id ?? null}
            notEmulated={selection.environment?.notEmulated ?? null}
            onNavigate={nav.close}
          />
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Suspense fallback={<PageLoader />}>
          <Outlet
            key={isConsoleLocation(location.pathname, location.search) ? 'console' : location.pathname}
          />
        </Suspense>
      </AppShell.Main>
      {commandPalette.palette}
    </AppShell>
  );
}
