import type { HistoryEntry } from '@console/shared/api';
import { Alert, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useEntry } from '../../../api/get-entry';
import { EditorSkeleton } from '../../../components/monaco/EditorSkeleton';
import { Timestamp } from '../../../components/Timestamp';
import { stableJson } from '../utils/sort-keys';
import { OutcomeBadge } from './OutcomeBadge';

const JsonDiffViewer = lazy(() => import('../../../components/monaco/JsonDiffViewer'));

type Part = 'response' | 'request';

/** What a response was (the envelope, or the failure when none came back), or what was sent. */
function comparable(entry: HistoryEntry, part: Part): string {
  if (part === 'request') return stableJson(entry.requestBody);
  return stableJson(entry.response ?? (entry.failure ? { failure: entry.failure } : null));
}

function Side({ title, entry }: { title: string; entry: HistoryEntry }) {
  return (
    <Group gap="xs">
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Timestamp value={entry.createdAt} />
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
  const [part, setPart] = useState<Part>('response');
  return (
    <Stack gap="xs" component="section" aria-label="Comparison">
      <Group justify="space-between">
        <Group gap="sm">
          <Text fw={600}>Comparison (keys sorted)</Text>
          <SegmentedControl
            size="xs"
            aria-label="What to compare"
            value={part}
            onChange={(value) => setPart(value === 'request' ? 'request' : 'response')}
            data={[
              { value: 'response', label: 'Responses' },
              { value: 'request', label: 'Request bodies' },
            ]}
          />
        </Group>
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
              key={part}
              originalPath={`inmemory://history/compare/${entry.id}/left-${part}.json`}
              modifiedPath={`inmemory://history/compare/${other.data.id}/right-${part}.json`}
              original={comparable(entry, part)}
              modified={comparable(other.data, part)}
              ariaLabel={part === 'request' ? 'Request body comparison' : 'Response comparison'}
              originalName={`this entry, ${entry.requestId ?? entry.id}`}
              modifiedName={`${other.data.requestId ?? other.data.id}`}
            />
          </Suspense>
        </>
      )}
    </Stack>
  );
}
