import type { CatalogCommand } from '@console/shared/api';
import { commandKey, commandsByGroup, matchesQuery } from '@console/shared/catalog/lookups';
import {
  Alert,
  Box,
  NavLink as MantineNavLink,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useCatalog } from '../../api/get-catalog';
import { NotEmulatedBadge } from '../../components/command/NotEmulatedBadge';
import { consoleHref, isConsoleLocation } from '../../lib/console-url';

const accessColor = { read: 'teal', write: 'orange', destructive: 'red' } as const;

/** A calm marker of the access class; the link's name says the class once, after the title. */
function AccessDot({ access }: { access: CatalogCommand['access'] }) {
  return (
    <Box
      component="span"
      w={8}
      h={8}
      bg={`${accessColor[access]}.6`}
      style={{ borderRadius: '50%', display: 'inline-block' }}
      title={access}
      aria-hidden
    />
  );
}

/** The catalog by group, filterable: the map of everything the console can send. */
export function CommandNav({
  environmentId,
  notEmulated,
  onNavigate,
}: {
  environmentId: string | null;
  /** Sandbox environments: the commands the sandbox does not emulate, marked before Send. */
  notEmulated: readonly string[] | null;
  onNavigate: () => void;
}) {
  const catalog = useCatalog();
  const [filter, setFilter] = useState('');
  const [params] = useSearchParams();
  const location = useLocation();
  // The console is at /console, and old links at /?command=… still open it: both mark their command.
  const active = isConsoleLocation(location.pathname, location.search) ? params.get('command') : null;
  const listRef = useRef<HTMLDivElement>(null);
  const loaded = catalog.data !== undefined;
  // A command opened by a link or the palette is shown in the list, not left 150 rows down.
  useEffect(() => {
    if (!active || !loaded) return;
    listRef.current?.querySelector('[data-active]')?.scrollIntoView({ block: 'nearest' });
  }, [active, loaded]);
  const groups = useMemo(
    () => commandsByGroup((catalog.data?.commands ?? []).filter((c) => matchesQuery(c, filter))),
    [catalog.data, filter],
  );

  return (
    <Stack gap={0} h="100%">
      <Box p="sm">
        <TextInput
          aria-label="Filter commands"
          placeholder="Filter commands"
          leftSection={<IconFilter size={16} />}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          type="search"
        />
      </Box>
      <ScrollArea style={{ flex: 1 }} px="xs" pb="md" viewportRef={listRef}>
        {catalog.isPending && <Skeleton h={400} aria-label="Loading commands" />}
        {catalog.isError && (
          <Alert color="red" role="alert">
            The command catalog could not be loaded.
          </Alert>
        )}
        {catalog.data && groups.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            No command matches “{filter}”.
          </Text>
        )}
        {groups.map(({ name: group, commands }) => (
          <Box key={group} mb="sm" component="section" aria-label={group}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" py={4}>
              {group}
            </Text>
            {commands.map((c) => {
              const key = commandKey(c);
              return (
                <MantineNavLink
                  key={key}
                  component={Link}
                  to={consoleHref(environmentId, key)}
                  onClick={onNavigate}
                  active={active === key}
                  label={c.command}
                  description={
                    <>
                      {c.title}
                      <VisuallyHidden>, {c.access}</VisuallyHidden>
                    </>
                  }
                  leftSection={<AccessDot access={c.access} />}
                  rightSection={notEmulated?.includes(key) ? <NotEmulatedBadge size="xs" /> : undefined}
                  py={4}
                  styles={{
                    description: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
                  }}
                />
              );
            })}
          </Box>
        ))}
      </ScrollArea>
    </Stack>
  );
}
