import { commandKey, searchCommands } from '@console/shared/catalog/lookups';
import { ModalBaseTitle, VisuallyHidden } from '@mantine/core';
import { Spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCatalog } from '../../api/get-catalog';
import { AccessBadge } from '../../components/command/AccessBadge';
import { consoleHref } from '../../lib/console-url';

const LIMIT = 12;

/** The palette: find any command by service, command, title or description, Enter opens it. */
export function CommandSpotlight({ environmentId }: { environmentId: string | null }) {
  const catalog = useCatalog();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const commands = useMemo(
    () => searchCommands(catalog.data?.commands ?? [], query).slice(0, LIMIT),
    [catalog.data, query],
  );
  return (
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      // Ctrl+K is bound by useCommandPalette, which also works before this chunk has loaded.
      shortcut={null}
      size={640}
    >
      {/* The dialog's name; a visible title would only repeat the search field's placeholder. */}
      <VisuallyHidden>
        <ModalBaseTitle>Find a command</ModalBaseTitle>
      </VisuallyHidden>
      <Spotlight.Search
        leftSection={<IconSearch size={18} aria-hidden />}
        placeholder="Search service, command, title or description…"
        aria-label="Search commands"
      />
      <Spotlight.ActionsList aria-label="Commands found">
        {commands.map((c) => {
          const key = commandKey(c);
          return (
            <Spotlight.Action
              key={key}
              label={c.title}
              description={key}
              highlightQuery
              rightSection={<AccessBadge access={c.access} size="xs" />}
              onClick={() => navigate(consoleHref(environmentId, key))}
            />
          );
        })}
        {commands.length === 0 && <Spotlight.Empty>No command matches.</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
