import type { Failure, HistoryEntry } from '@console/shared/api';
import { Alert, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconExternalLink, IconPlugConnectedX } from '@tabler/icons-react';

/** A non-zero ErrorCode explained where it happened, or the transport failure when no answer came. */
export function ErrorExplanation({ entry, failure }: { entry: HistoryEntry; failure: Failure | null }) {
  if (failure) {
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconPlugConnectedX size={18} />}
        title="No answer from the Chat API"
        data-testid="transport-failure"
      >
        <Stack gap={4}>
          <Text size="sm" ff="monospace">
            {failure.code}
          </Text>
          <Text size="sm">{failure.message}</Text>
        </Stack>
      </Alert>
    );
  }
  const doc = entry.errorDoc;
  if (!doc || entry.errorCode === 0 || entry.errorCode === null) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={`Error ${doc.code}: what it means`}
      data-testid="error-explanation"
    >
      <Stack gap={6}>
        <Text size="sm">{doc.meaning}</Text>
        <Text size="sm">
          <Text span fw={600} size="sm">
            What to do:{' '}
          </Text>
          {doc.hint}
        </Text>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            Retry can help:
          </Text>
          <Badge color={doc.retryable ? 'green' : 'gray'} variant="light">
            {doc.retryable ? 'Yes' : 'No'}
          </Badge>
        </Group>
        {doc.docUrl ? (
          <Anchor href={doc.docUrl} target="_blank" rel="noreferrer noopener" size="sm">
            <Group gap={4} component="span">
              Tencent documentation for {doc.code}
              <IconExternalLink size={14} />
            </Group>
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            A code of the console&rsquo;s built-in sandbox: Tencent does not document it.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
