import { commandKey } from '@console/shared/catalog/lookups';
import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useCatalog } from '../../api/get-catalog';
import { AccessBadge } from '../../components/command/AccessBadge';
import { consoleHref } from '../../lib/console-url';

/** The palette: find any command by service, command, title or description, Enter opens it. */
export function CommandSpotlight({ environmentId }: { environmentId: string | null }) {
  const catalog = useCatalog();
  const navigate = useNavigate();
  const actions = useMemo<SpotlightActionData[]>(
    () =>
      (catalog.data?.commands ?? []).map((c) => {
        const key = commandKey(c);
        return {
          id: key,
          label: c.title,
          description: key,
          keywords: [c.service, c.command, c.group, c.description],
          rightSection: <AccessBadge access={c.access} size="xs" />,
          onClick: () => navigate(consoleHref(environmentId, key)),
        };
      }),
    [catalog.data, environmentId, navigate],
  );
  return (
    <Spotlight
      actions={actions}
      limit={12}
      highlightQuery
      // Ctrl+K is bound by useCommandPalette, which also works before this chunk has loaded.
      shortcut={null}
      nothingFound="No command matches."
      searchProps={{
        leftSection: <IconSearch size={18} />,
        placeholder: 'Search service, command, title or description…',
        'aria-label': 'Search commands',
      }}
      aria-label="Find command"
    />
  );
}
