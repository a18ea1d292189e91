import type { HistoryEntry } from '@console/shared/api';
import { Anchor, Group, List, Loader, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Timestamp, TimeTooltip } from '../../../components/Timestamp';
import { useHistory } from '../api/get-history';
import { OutcomeBadge } from './OutcomeBadge';

const href = (id: string) => `/history/${encodeURIComponent(id)}`;

/** Where this call came from and what was sent again from it, so a support thread can be followed. */
export function ReplayChain({ entry }: { entry: HistoryEntry }) {
  const replays = useHistory({ replayOf: entry.id }, 50);
  const items = replays.data?.items ?? [];
  return (
    <Stack gap="xs" component="section" aria-label="Replay chain">
      <Text fw={600}>Replay chain</Text>
      {entry.replayOf ? (
        <Text size="sm">
          This call replays{' '}
          <Anchor component={Link} to={href(entry.replayOf)}>
            entry {entry.replayOf}
          </Anchor>
          .
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          This call is an original, not a replay.
        </Text>
      )}
      {replays.isPending ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">Looking for replays…</Text>
        </Group>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not replayed yet.
        </Text>
      ) : (
        <>
          <Text size="sm">Replayed by:</Text>
          <List size="sm" spacing={4} aria-label="Replayed by">
            {items.map((replay) => (
              <List.Item key={replay.id}>
                <Group gap="xs">
                  <TimeTooltip iso={replay.createdAt}>
                    <Anchor component={Link} to={href(replay.id)} size="sm">
                      <Timestamp value={replay.createdAt} focusable={false} c="inherit" /> by{' '}
                      {replay.operator}
                    </Anchor>
                  </TimeTooltip>
                  <OutcomeBadge outcome={replay.outcome} size="xs" />
                  {replay.errorCode ? <Text size="xs">ErrorCode {replay.errorCode}</Text> : null}
                </Group>
              </List.Item>
            ))}
          </List>
          {replays.data?.nextCursor && (
            <Anchor component={Link} to={`/history?replayOf=${encodeURIComponent(entry.id)}`} size="sm">
              All replays
            </Anchor>
          )}
        </>
      )}
    </Stack>
  );
}
