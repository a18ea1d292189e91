import type { HistoryEntry } from '@console/shared/api';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useEntry } from '../../../api/get-entry';
import { EditorSkeleton } from '../../../components/monaco/EditorSkeleton';
import { formatTime } from '../utils/format';
import { stableJson } from '../utils/sort-keys';
import { OutcomeBadge } from './OutcomeBadge';

const JsonDiffViewer = lazy(() => import('../../../components/monaco/JsonDiffViewer'));

/** What a response was, for the diff: the envelope, or the failure when no envelope came back. */
function comparable(entry: HistoryEntry): string {
  return stableJson(entry.response ?? (entry.failure ? { failure: entry.failure } : null));
}

function Side({ title, entry }: { title: string; entry: HistoryEntry }) {
  return (
    <Group gap="xs">
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Text size="sm">{formatTime(entry.createdAt)}</Text>
      <OutcomeBadge outcome={entry.outcome} size="xs" />
      <Text size="xs" ff="monospace" c="dimmed">
        {entry.requestId ?? entry.id}
      </Text>
    </Group>
  );
}

/** Both responses with their keys sorted at every depth, so only real differences are marked. */
export function CompareView({
  entry,
  otherId,
  onClose,
}: {
  entry: HistoryEntry;
  otherId: string;
  onClose: () => void;
}) {
  const other = useEntry(otherId);
  return (
    <Stack gap="xs" component="section" aria-label="Comparison">
      <Group justify="space-between">
        <Text fw={600}>Comparison of the responses (keys sorted)</Text>
        <Button variant="subtle" size="xs" leftSection={<IconX size={14} aria-hidden />} onClick={onClose}>
          Close comparison
        </Button>
      </Group>
      {other.isError ? (
        <Alert color="red" role="alert">
          Entry {otherId} could not be loaded: {other.error.message}
        </Alert>
      ) : !other.data ? (
        <EditorSkeleton height={480} label="Loading the other entry" />
      ) : (
        <>
          <Group justify="space-between" wrap="wrap">
            <Side title="Left: this entry" entry={entry} />
            <Side title="Right:" entry={other.data} />
          </Group>
          <Suspense fallback={<EditorSkeleton height={480} label="Loading comparison" />}>
            <JsonDiffViewer
              originalPath={`inmemory://history/compare/${entry.id}/left.json`}
              modifiedPath={`inmemory://history/compare/${other.data.id}/right.json`}
              original={comparable(entry)}
              modified={comparable(other.data)}
            />
          </Suspense>
        </>
      )}
    </Stack>
  );
}
