import type { Run } from '@console/shared/api';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IconDownload,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlayerStop,
  IconRepeat,
} from '@tabler/icons-react';
import { Timestamp } from '../../../components/Timestamp';
import { useRetryRun, useRun, useRunAction } from '../api/runs';
import { useRunEvents } from '../api/use-run-events';
import { formatDuration, progressFigures } from '../lib/format';

export const statusColor: Record<Run['status'], string> = {
  queued: 'gray',
  running: 'blue',
  paused: 'yellow',
  done: 'green',
  cancelled: 'gray',
  failed: 'red',
};

function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={`run-${label.toLowerCase()}`}>
        {value}
      </Text>
    </div>
  );
}

/** One run, live: progress, pace, failures, controls and downloads. */
export function RunDetails({ id, onRetried }: { id: string; onRetried: (run: Run) => void }) {
  const query = useRun(id);
  const run = query.data;
  useRunEvents(id, run !== undefined && (run.status === 'running' || run.status === 'queued'));
  const action = useRunAction();
  const retry = useRetryRun();
  if (!run) return query.isError ? <Alert color="red">{query.error.message}</Alert> : null;

  const { remaining, rate, etaSeconds } = progressFigures(run);
  const failed = run.fail + run.error + run.unknown;
  const percent = run.total === 0 ? 0 : Math.round((run.done / run.total) * 100);
  const title = `${run.kind === 'pages' ? 'Fetch all' : 'Run'} ${run.service}/${run.command}`;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="run-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="run-title">
            {title}
          </Title>
          <Badge color={statusColor[run.status]} data-testid="run-status">
            {run.status}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          On {run.environmentId}, started by {run.startedBy} at <Timestamp value={run.createdAt} size="sm" />
          {run.retryOf ? ` (retry of ${run.retryOf})` : ''}
        </Text>
        <Progress value={percent} aria-label={`Progress: ${run.done} of ${run.total} done`} />
        <SimpleGrid cols={{ base: 2, sm: 4, md: 7 }}>
          <Figure label={run.kind === 'pages' ? 'Pages' : 'Done'} value={`${run.done} / ${run.total}`} />
          <Figure label="OK" value={run.ok} />
          <Figure label="Failed" value={failed} />
          <Figure label="Unknown" value={run.unknown} />
          <Figure label="Remaining" value={run.kind === 'pages' ? '—' : remaining} />
          <Figure label="Rate" value={rate === null ? '—' : `${rate.toFixed(1)}/s of ${run.limitPerSec}/s`} />
          <Figure
            label={run.kind === 'pages' ? 'Items' : 'ETA'}
            value={run.kind === 'pages' ? run.items : etaSeconds === null ? '—' : formatDuration(etaSeconds)}
          />
        </SimpleGrid>
        {run.message && <Alert color={run.status === 'failed' ? 'red' : 'yellow'}>{run.message}</Alert>}
        <Group gap="xs">
          {(run.status === 'running' || run.status === 'queued') && (
            <Button
              variant="default"
              leftSection={<IconPlayerPause size={16} />}
              loading={action.isPending}
              onClick={() => action.mutate({ id, action: 'pause' })}
            >
              Pause
            </Button>
          )}
          {run.status === 'paused' && (
            <Button
              variant="default"
              leftSection={<IconPlayerPlay size={16} />}
              loading={action.isPending}
              onClick={() => action.mutate({ id, action: 'resume' })}
            >
              Resume
            </Button>
          )}
          {(run.status === 'running' || run.status === 'queued' || run.status === 'paused') && (
            <Button
              color="red"
              variant="light"
              leftSection={<IconPlayerStop size={16} />}
              loading={action.isPending}
              onClick={() => action.mutate({ id, action: 'cancel' })}
            >
              Cancel
            </Button>
          )}
          {run.kind === 'rows' && failed > 0 && run.status !== 'running' && (
            <Button
              variant="default"
              leftSection={<IconRepeat size={16} />}
              loading={retry.isPending}
              onClick={() =>
                retry.mutate(
                  { id, input: { states: ['fail', 'error', 'unknown'] } },
                  { onSuccess: onRetried },
                )
              }
            >
              Retry failed rows
            </Button>
          )}
          <Anchor href={`/api/runs/${encodeURIComponent(id)}/results?format=csv`} download size="sm">
            <Group gap={4}>
              <IconDownload size={14} aria-hidden />
              Download results (CSV)
            </Group>
          </Anchor>
          <Anchor href={`/api/runs/${encodeURIComponent(id)}/results?format=jsonl`} download size="sm">
            <Group gap={4}>
              <IconDownload size={14} aria-hidden />
              Download results (JSON Lines)
            </Group>
          </Anchor>
        </Group>
        {(action.error ?? retry.error) && (
          <Alert color="red" role="alert">
            {(action.error ?? retry.error)?.message}
          </Alert>
        )}
        {run.latestFailures.length > 0 && (
          <Table withTableBorder aria-label="Latest failures">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Row</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Error</Table.Th>
                <Table.Th>Meaning</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.latestFailures.map((f) => (
                <Table.Tr key={f.row}>
                  <Table.Td>{f.row}</Table.Td>
                  <Table.Td>{f.state}</Table.Td>
                  <Table.Td>
                    {f.errorCode ?? ''} {f.errorInfo ?? ''}
                  </Table.Td>
                  <Table.Td>{f.meaning ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
