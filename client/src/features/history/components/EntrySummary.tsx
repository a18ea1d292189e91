import type { Environment, HistoryEntry } from '@console/shared/api';
import { ActionIcon, CopyButton, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Timestamp } from '../../../components/Timestamp';
import { formatDuration } from '../utils/format';
import { EnvironmentName } from './EnvironmentName';
import { OutcomeBadge } from './OutcomeBadge';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** Who sent what where, when, and how it went: the facts a support ticket asks about. */
export function EntrySummary({
  entry,
  environments,
}: {
  entry: HistoryEntry;
  environments: readonly Environment[] | undefined;
}) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="sm">
      <Fact label="Environment">
        <EnvironmentName id={entry.environmentId} environments={environments} detail />
      </Fact>
      <Fact label="Time">
        <Timestamp value={entry.createdAt} />
      </Fact>
      <Fact label="Operator">
        <Text size="sm">{entry.operator}</Text>
      </Fact>
      <Fact label="Timing">
        <Text size="sm">
          {formatDuration(entry.durationMs)}
          {entry.httpStatus !== null && ` · HTTP ${entry.httpStatus}`}
        </Text>
      </Fact>
      <Fact label="Outcome">
        <Group gap="xs">
          <OutcomeBadge outcome={entry.outcome} />
          {entry.errorCode !== null && <Text size="sm">ErrorCode {entry.errorCode}</Text>}
        </Group>
      </Fact>
      <Fact label="RequestId">
        {entry.requestId ? (
          <Group gap={4} wrap="nowrap">
            <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {entry.requestId}
            </Text>
            <CopyButton value={entry.requestId}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy RequestId'}>
                  <ActionIcon variant="subtle" onClick={copy} aria-label="Copy RequestId">
                    {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        ) : (
          <Text size="sm">—</Text>
        )}
      </Fact>
      <Fact label="Entry id">
        <Text size="sm" ff="monospace">
          {entry.id}
        </Text>
      </Fact>
    </SimpleGrid>
  );
}
