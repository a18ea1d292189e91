import type { Environment, HistoryEntry } from '@console/shared/api';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { IconArrowsDiff, IconCheck, IconExternalLink, IconRepeat, IconTerminal2 } from '@tabler/icons-react';
import { Link } from 'react-router';
import { toCurl } from '../../../lib/curl';

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
  const clipboard = useClipboard({ timeout: 1500 });
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
        <Button
          variant="default"
          leftSection={
            clipboard.copied ? <IconCheck size={16} aria-hidden /> : <IconTerminal2 size={16} aria-hidden />
          }
          onClick={() => clipboard.copy(toCurl(entry, environment))}
        >
          {clipboard.copied ? 'Copied' : 'Copy as cURL'}
        </Button>
      </Group>
      {replayBlocked && (
        <Text size="sm" c="dimmed" id="replay-blocked">
          {replayBlocked}
        </Text>
      )}
    </Stack>
  );
}
