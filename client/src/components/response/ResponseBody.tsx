import type { HistoryEntry } from '@console/shared/api';
import { Alert, Button, Code, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMemo } from 'react';
import { ErrorBoundary } from '../ErrorBoundary';
import { JsonViewer } from '../monaco/JsonViewer';

/** Above this the body is shown as plain text: Monaco (tokenizing, folding) would freeze the page. */
export const LARGE_BODY_BYTES = 5 * 1024 * 1024;
const PREVIEW_CHARS = 200_000;

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ResponseBody({ entry }: { entry: HistoryEntry }) {
  const text = useMemo(
    () => (entry.response === null ? '' : JSON.stringify(entry.response, null, 2)),
    [entry],
  );
  const bytes = useMemo(() => new Blob([text]).size, [text]);
  if (entry.response === null) {
    return (
      <Text size="sm" c="dimmed">
        No response body.
      </Text>
    );
  }
  const fileName = `${entry.command}-${entry.requestId ?? entry.id}.json`;
  if (bytes > LARGE_BODY_BYTES) {
    return (
      <Stack gap="xs">
        <Alert color="blue" variant="light">
          <Group justify="space-between">
            <Text size="sm">
              The body is {(bytes / 1024 / 1024).toFixed(1)} MiB: shown as plain text (first{' '}
              {PREVIEW_CHARS.toLocaleString()} characters).
            </Text>
            <Button
              size="xs"
              leftSection={<IconDownload size={14} />}
              onClick={() => download(text, fileName)}
            >
              Download
            </Button>
          </Group>
        </Alert>
        <ScrollArea h={480} type="auto">
          <Code block>{text.slice(0, PREVIEW_CHARS)}</Code>
        </ScrollArea>
      </Stack>
    );
  }
  return (
    <ErrorBoundary name="Response body" resetKey={entry.id}>
      <Paper withBorder style={{ overflow: 'hidden' }}>
        <JsonViewer path={`inmemory://response/${entry.id}.json`} value={text} ariaLabel="Response body" />
      </Paper>
    </ErrorBoundary>
  );
}
