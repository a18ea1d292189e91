import type { HistoryEntry } from '@console/shared/api';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { entryQueryOptions } from '../../../api/get-entry';
import { ApiError } from '../../../lib/api-client';
import { historyQueryOptions, useHistory } from '../api/get-history';
import { formatTime } from '../utils/format';
import { OutcomeBadge } from './OutcomeBadge';

type Props = { opened: boolean; onClose: () => void; entry: HistoryEntry; onPick: (id: string) => void };

function Candidate({
  label,
  other,
  onPick,
}: {
  label: string;
  other: HistoryEntry;
  onPick: (id: string) => void;
}) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Group gap="xs">
        <Text size="sm">
          {label} · {formatTime(other.createdAt)}
        </Text>
        <OutcomeBadge outcome={other.outcome} size="xs" />
      </Group>
      <Button
        size="xs"
        variant="light"
        onClick={() => onPick(other.id)}
        aria-label={`Compare with ${label.toLowerCase()} at ${formatTime(other.createdAt)}`}
      >
        Compare
      </Button>
    </Group>
  );
}

// Ten fit the list without scrolling it (axe: a scrolling list of options has nothing focusable in it).
const RECENT = 10;

/** How a recent call reads in the picker: when, how it went, who sent it, and its RequestId. */
function describeCall(call: HistoryEntry): string {
  const outcome = call.errorCode
    ? `${call.outcome.toUpperCase()} ${call.errorCode}`
    : call.outcome.toUpperCase();
  return `${formatTime(call.createdAt)} · ${outcome} · ${call.operator} · ${call.requestId ?? 'no RequestId'}`;
}

/**
 * The usual partner is the replay (or the original), or another recent call of the same command on the
 * same environment (yesterday's answer against today's); any other entry can be named by id or RequestId.
 */
export function ComparePicker({ opened, onClose, entry, onPick }: Props) {
  const queryClient = useQueryClient();
  const recent = useQuery({
    ...historyQueryOptions(
      { environmentId: entry.environmentId, service: entry.service, command: entry.command },
      RECENT + 1,
    ),
    enabled: opened,
  });
  const recentCalls = (recent.data?.items ?? []).filter((e) => e.id !== entry.id).slice(0, RECENT);
  const replays = useHistory({ replayOf: entry.id }, 50);
  const originalId = entry.replayOf ?? '';
  const original = useQuery({ ...entryQueryOptions(originalId), enabled: originalId !== '' });
  const siblingReplays = useQuery({
    ...historyQueryOptions({ replayOf: originalId }, 50),
    enabled: originalId !== '',
  });
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const siblings = (siblingReplays.data?.items ?? []).filter((e) => e.id !== entry.id);

  async function find(event: FormEvent) {
    event.preventDefault();
    const wanted = value.trim();
    if (!wanted) return;
    setSearching(true);
    setMessage(null);
    try {
      const byRequestId = await queryClient.fetchQuery(historyQueryOptions({ requestId: wanted }, 1));
      const match = byRequestId.items[0];
      if (match) return onPick(match.id);
      try {
        return onPick((await queryClient.fetchQuery(entryQueryOptions(wanted))).id);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'history/not-found') {
          setMessage(`No entry has the id or RequestId ${wanted}.`);
        } else throw error;
      }
    } catch (error) {
      setMessage(error instanceof Error ? error.message : 'The search failed.');
    } finally {
      setSearching(false);
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Compare with another call"
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          The comparison shows the answers and, one switch away, the request bodies.
        </Text>
        {original.data && <Candidate label="The original" other={original.data} onPick={onPick} />}
        {(replays.data?.items ?? []).map((replay) => (
          <Candidate key={replay.id} label="Replay" other={replay} onPick={onPick} />
        ))}
        {siblings.map((sibling) => (
          <Candidate key={sibling.id} label="Other replay of the original" other={sibling} onPick={onPick} />
        ))}
        <Select
          label={`Recent calls of ${entry.service}/${entry.command} on ${entry.environmentId}`}
          placeholder={
            recent.isPending
              ? 'Loading recent calls…'
              : recentCalls.length === 0
                ? 'No other call of this command yet'
                : `Pick one of the last ${recentCalls.length}`
          }
          disabled={recentCalls.length === 0}
          data={recentCalls.map((call) => ({ value: call.id, label: describeCall(call) }))}
          value={null}
          onChange={(id) => id && onPick(id)}
          allowDeselect={false}
          maxDropdownHeight={480}
          comboboxProps={{ withinPortal: true }}
          styles={{ option: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        />
        {recent.isError && (
          <Alert color="red" role="alert">
            Recent calls could not be loaded: {recent.error.message}
          </Alert>
        )}
        <form onSubmit={find}>
          <Group align="flex-end" gap="xs">
            <TextInput
              label="Entry id or RequestId"
              value={value}
              onChange={(event) => setValue(event.currentTarget.value)}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={searching}>
              Find and compare
            </Button>
          </Group>
        </form>
        {message && (
          <Alert color="yellow" role="status">
            {message}
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}
