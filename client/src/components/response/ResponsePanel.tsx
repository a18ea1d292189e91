import type { Environment, Failure, HistoryEntry } from '@console/shared/api';
import { conversationOf } from '@console/shared/messages';
import { ActionIcon, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { type ReactNode, useMemo } from 'react';
import { EnvironmentLabel } from '../environment/EnvironmentLabel';
import { BodyViews } from './BodyViews';
import { CopyCallButton } from './CopyCallButton';
import { ErrorExplanation } from './ErrorExplanation';
import { ResponseBody } from './ResponseBody';

export type ResponsePanelProps = {
  entry: HistoryEntry;
  /** The transport failure of a 502/504 answer; defaults to `entry.failure`. */
  failure?: Failure | null;
  /** Enables "Copy as cURL" (and as code) with the real host; shown next to the status when given. */
  environment?: Environment;
};

function statusColor(entry: HistoryEntry): string {
  if (entry.outcome === 'ok') return 'green';
  if (entry.outcome === 'fail') return 'red';
  return 'gray';
}

/** What the status shows when no envelope came back. */
const noStatusLabel: Partial<Record<HistoryEntry['outcome'], string>> = {
  error: 'No answer',
  pending: 'In flight',
  unknown: 'Unknown',
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function RequestIdField({ requestId }: { requestId: string | null }) {
  const clipboard = useClipboard({ timeout: 1500 });
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} id="response-request-id-label">
        RequestId
      </Text>
      <Group gap={4} wrap="nowrap">
        <Text size="sm" ff="monospace" aria-labelledby="response-request-id-label" data-testid="request-id">
          {requestId ?? '—'}
        </Text>
        {requestId && (
          <Tooltip label={clipboard.copied ? 'Copied' : 'Copy RequestId'}>
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label="Copy RequestId"
              onClick={() => clipboard.copy(requestId)}
            >
              {clipboard.copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </Stack>
  );
}

/** The answer to one call: status line, the error explained, and the body. Used by console and history. */
export function ResponsePanel({ entry, failure, environment }: ResponsePanelProps) {
  const transport = failure ?? entry.failure;
  return (
    <Stack gap="md">
      <Paper withBorder p="sm">
        <Stack gap="sm">
          <Group gap="lg" align="flex-start" wrap="wrap">
            <Field label="ActionStatus">
              <Badge color={statusColor(entry)} variant="filled" size="lg" data-testid="action-status">
                {entry.actionStatus ?? noStatusLabel[entry.outcome] ?? '—'}
              </Badge>
            </Field>
            <Field label="ErrorCode">
              <Text size="sm" ff="monospace" data-testid="error-code">
                {entry.errorCode ?? '—'}
              </Text>
            </Field>
            <Field label="HTTP">
              <Text size="sm" ff="monospace">
                {entry.httpStatus ?? '—'}
              </Text>
            </Field>
            <Field label="Duration">
              <Text size="sm" ff="monospace">
                {entry.durationMs === null ? '—' : `${Math.round(entry.durationMs)} ms`}
              </Text>
            </Field>
            {environment && (
              <Field label="Environment">
                <EnvironmentLabel environment={environment} />
              </Field>
            )}
          </Group>
          <Group gap="lg" align="flex-end" justify="space-between" wrap="wrap">
            <RequestIdField requestId={entry.requestId} />
            {environment && <CopyCallButton entry={entry} environment={environment} />}
          </Group>
          {entry.errorInfo && (
            <Text size="sm">
              <Text span c="dimmed" size="sm">
                ErrorInfo:{' '}
              </Text>
              {entry.errorInfo}
            </Text>
          )}
        </Stack>
      </Paper>
      <ErrorExplanation entry={entry} failure={transport} />
      <AnswerBody entry={entry} />
    </Stack>
  );
}

/** The body as JSON, and also as tables of its lists of records and, for messages, a conversation (issue 15). */
function AnswerBody({ entry }: { entry: HistoryEntry }) {
  const messages = useMemo(
    () => conversationOf(entry.service, entry.command, entry.response),
    [entry.service, entry.command, entry.response],
  );
  const self = entry.requestBody.Operator_Account;
  return (
    <BodyViews
      body={entry.response}
      json={<ResponseBody entry={entry} />}
      messages={messages}
      selfId={typeof self === 'string' ? self : null}
      label={entry.command}
      conversationLabel={`Messages of ${entry.command}`}
    />
  );
}
