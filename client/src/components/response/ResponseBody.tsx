import type { HistoryEntry } from '@console/shared/api';
import { Alert, Button, Code, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMemo } from 'react';
import { downloadText } from '../../lib/download';
import { ErrorBoundary } from '../ErrorBoundary';
import { JsonViewer } from '../monaco/JsonViewer';

/** Above this the body is shown as plain text: Monaco (tokenizing, folding) would freeze the page. */
export const LARGE_BODY_BYTES = 5 * 1024 * 1024;
/** How much of a large body goes into the DOM: one text node of megabytes stalls layout as well. */
const PREVIEW_BYTES = 200 * 1024;

const encoder = new TextEncoder();

/** The first `limit` bytes of `text`, cut at the last whole line so no character or line is split. */
function preview(text: string, limit: number): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so this slice holds at least `limit` bytes when there are.
  const head = text.slice(0, limit);
  const bytes = encoder.encode(head);
  const fitting = bytes.length <= limit ? head : new TextDecoder().decode(bytes.slice(0, limit));
  const lastLine = fitting.lastIndexOf('\n');
  return lastLine > 0 ? fitting.slice(0, lastLine) : fitting.replace(/\uFFFD$/, '');
}

function formatKiB(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('en')} KB`;
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
    const shown = preview(text, PREVIEW_BYTES);
    return (
      <Stack gap="xs" data-testid="large-response-body">
        <Alert color="blue" variant="light">
          <Group justify="space-between">
            <Text size="sm" data-testid="large-response-note">
              Too large for the viewer: showing the first {formatKiB(encoder.encode(shown).length)} of{' '}
              {(bytes / 1024 / 1024).toFixed(1)} MiB as plain text. Download has the whole body.
            </Text>
            <Button
              size="xs"
              leftSection={<IconDownload size={14} />}
              onClick={() => downloadText(text, fileName, 'application/json')}
            >
              Download
            </Button>
          </Group>
        </Alert>
        <ScrollArea h={480} type="auto">
          <Code block role="region" tabIndex={0} aria-label="Response body (plain text)">
            {shown}
          </Code>
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
