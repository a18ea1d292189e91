import { AppShell, Box, Burger, Button, Center, Group, Text } from '@mantine/core';
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
import { ExploreSearch } from './ExploreSearch';
import { MainNav } from './MainNav';
import { SkipLinks } from './SkipLinks';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';

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
          <Group gap="sm" wrap="nowrap">
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
          <Group gap="sm" wrap="nowrap">
            <EnvironmentSwitcher selection={selection} />
            {/* Gives way first on a laptop header (210 px down to 100), so the user menu stays whole. */}
            <Box visibleFrom="md" style={{ flex: '0 1 210px', minWidth: 100 }}>
              <ExploreSearch environmentId={selection.environment?.id ?? null} />
            </Box>
            <Button
              variant="default"
              leftSection={<IconSearch size={16} />}
              style={{ flexShrink: 0 }}
              onClick={commandPalette.open}
              visibleFrom="sm"
              // Below xl only the icon shows. Its Ctrl+K is said on the console (under the editor, on "Pick a
              // command"); a key cap here pushed the user menu off a 1440 px header with the explorer's search.
              aria-label="Find command"
            >
              <Text span inherit visibleFrom="xl">
                Find command
              </Text>
            </Button>
            <ThemeToggle />
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
