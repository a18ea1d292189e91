import type { Environment, HistoryEntry } from '@console/shared/api';
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowsDiff, IconExternalLink, IconRepeat } from '@tabler/icons-react';
import { Link } from 'react-router';
import { CopyCallButton } from '../../../components/response/CopyCallButton';

type Props = {
  entry: HistoryEntry;
  environment: Environment | undefined;
  replayBlocked: string | null;
  replaying: boolean;
  onReplay: () => void;
  onCompare: () => void;
};

/** The console reads `from` and loads that body as an editable copy. */
export function consoleHref(entry: HistoryEntry): string {
  const command = `${encodeURIComponent(entry.service)}/${encodeURIComponent(entry.command)}`;
  return `/?env=${encodeURIComponent(entry.environmentId)}&command=${command}&from=${encodeURIComponent(entry.id)}`;
}

export function EntryActions({ entry, environment, replayBlocked, replaying, onReplay, onCompare }: Props) {
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Button
          leftSection={<IconRepeat size={16} aria-hidden />}
          onClick={onReplay}
          disabled={replayBlocked !== null}
          loading={replaying}
          aria-describedby={replayBlocked ? 'replay-blocked' : undefined}
        >
          Replay
        </Button>
        <Button
          component={Link}
          to={consoleHref(entry)}
          variant="default"
          leftSection={<IconExternalLink size={16} aria-hidden />}
        >
          Open in console
        </Button>
        <Button variant="default" leftSection={<IconArrowsDiff size={16} aria-hidden />} onClick={onCompare}>
          Compare
        </Button>
        <CopyCallButton entry={entry} environment={environment} size="sm" />
      </Group>
      {replayBlocked && (
        <Text size="sm" c="dimmed" id="replay-blocked">
          {replayBlocked}
        </Text>
      )}
    </Stack>
  );
}
