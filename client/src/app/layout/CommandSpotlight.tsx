import { normalizeRequestId } from '@console/shared/api';
import { commandKey, searchCommands } from '@console/shared/catalog/lookups';
import { ModalBaseTitle, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { findCallsByRequestId } from '../../api/find-calls';
import { useCatalog } from '../../api/get-catalog';
import { historyKeys } from '../../api/history-keys';
import { AccessBadge } from '../../components/command/AccessBadge';
import { consoleHref } from '../../lib/console-url';
import { formatTime } from '../../lib/format-time';

const LIMIT = 12;

/** The palette: find any command by service, command, title or description, Enter opens it. */
/** A query that reads like a RequestId (or the start of one) is also looked up in the history. */
export function looksLikeRequestId(query: string): boolean {
  const id = normalizeRequestId(query);
  if (id.length < 6 || /\s/.test(id)) return false;
  return /^id-/i.test(id) || /-O-Seq-/i.test(id) || (id.length >= 12 && /\d/.test(id) && /-/.test(id));
}

export function CommandSpotlight({ environmentId }: { environmentId: string | null }) {
  const catalog = useCatalog();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  // Picking something moves on to it (the console puts the caret in the editor); only a cancelled
  // palette hands focus back to where it was.
  const [picked, setPicked] = useState(false);
  const [debounced] = useDebouncedValue(query, 250);
  const lookup = looksLikeRequestId(debounced) ? normalizeRequestId(debounced) : null;
  const calls = useQuery({
    queryKey: historyKeys.callSearch(lookup),
    queryFn: ({ signal }) => findCallsByRequestId(lookup ?? '', 5, signal),
    enabled: lookup !== null,
    staleTime: 10_000,
  });
  const commands = useMemo(
    () => searchCommands(catalog.data?.commands ?? [], query).slice(0, LIMIT),
    [catalog.data, query],
  );
  const found = lookup !== null ? (calls.data?.items ?? []) : [];
  const pick = (to: string) => {
    setPicked(true);
    navigate(to);
  };
  return (
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      // Ctrl+K is bound by useCommandPalette, which also works before this chunk has loaded.
      shortcut={null}
      size={640}
      returnFocus={!picked}
      onSpotlightOpen={() => setPicked(false)}
    >
      {/* The dialog's name; a visible title would only repeat the search field's placeholder. */}
      <VisuallyHidden>
        <ModalBaseTitle>Find a command or a recorded call</ModalBaseTitle>
      </VisuallyHidden>
      <Spotlight.Search
        leftSection={<IconSearch size={18} aria-hidden />}
        placeholder="Command (service, name, title) or a RequestId…"
        aria-label="Search commands and RequestIds"
      />
      <Spotlight.ActionsList aria-label="Commands and calls found">
        {found.length > 0 && (
          <Spotlight.ActionsGroup label={calls.data?.match === 'exact' ? 'Recorded call' : 'Recorded calls'}>
            {found.map((entry) => (
              <Spotlight.Action
                key={entry.id}
                label={`${entry.service}/${entry.command} · ${entry.outcome.toUpperCase()}`}
                description={`${entry.requestId ?? 'no RequestId'} · ${formatTime(entry.createdAt)} · ${entry.environmentId}`}
                onClick={() => pick(`/history/${encodeURIComponent(entry.id)}`)}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {commands.map((c) => {
          const key = commandKey(c);
          return (
            <Spotlight.Action
              key={key}
              label={c.title}
              description={key}
              highlightQuery
              rightSection={<AccessBadge access={c.access} size="xs" />}
              onClick={() => pick(consoleHref(environmentId, key))}
            />
          );
        })}
        {commands.length === 0 && found.length === 0 && (
          <Spotlight.Empty>
            {lookup !== null && calls.isFetching
              ? 'Looking for a call with that RequestId…'
              : 'No command or recorded call matches.'}
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
