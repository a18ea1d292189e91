import type { Run } from '@console/shared/api';
import { Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { runKeys } from '../../../api/runs';
import { Spinner } from '../../../components/Spinner';
import { Timestamp } from '../../../components/Timestamp';
import { formatTime } from '../../../lib/format-time';
import { useRuns } from '../api/runs';
import { NewRunForm } from '../components/NewRunForm';
import { RunDetails, statusColor } from '../components/RunDetails';

export default function RunsPage() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('run');
  const runs = useRuns();
  const client = useQueryClient();
  const select = (run: Run) => {
    client.setQueryData(runKeys.one(run.id), run);
    void client.invalidateQueries({ queryKey: runKeys.list() });
    setParams({ run: run.id });
  };

  return (
    <Stack gap="md" p="md" maw={1200}>
      <Title order={1} size="h3">
        Runs
      </Title>
      {selected && <RunDetails id={selected} onRetried={select} />}
      <NewRunForm onStarted={select} />
      <Paper withBorder p="md" component="section" aria-labelledby="runs-list-title">
        <Title order={2} size="h4" id="runs-list-title" mb="sm">
          Recent runs
        </Title>
        {runs.isLoading && <Spinner size="sm" label="Loading runs" />}
        {runs.data && runs.data.items.length === 0 && <Text c="dimmed">No runs yet.</Text>}
        {runs.data && runs.data.items.length > 0 && (
          <Table striped highlightOnHover aria-label="Recent runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Command</Table.Th>
                <Table.Th>Environment</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Progress</Table.Th>
                <Table.Th>Started by</Table.Th>
                <Table.Th>Started</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.items.map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => setParams({ run: run.id })}
                      aria-label={`Open run ${run.service}/${run.command} started ${formatTime(run.createdAt)}`}
                    >
                      {run.kind === 'pages' ? 'Fetch all ' : ''}
                      {run.service}/{run.command}
                    </Button>
                  </Table.Td>
                  <Table.Td>{run.environmentId}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[run.status]}>{run.status}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {run.done} / {run.total} ({run.ok} ok, {run.fail + run.error + run.unknown} failed)
                  </Table.Td>
                  <Table.Td>{run.startedBy}</Table.Td>
                  <Table.Td>
                    <Timestamp value={run.createdAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
