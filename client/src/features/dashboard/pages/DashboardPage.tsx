import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { useEnvironments } from '../../../api/get-environments';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { TimeRangeInputs } from '../../../components/TimeRangeInputs';
import { Timestamp } from '../../../components/Timestamp';
import { formatTime } from '../../../lib/format-time';
import { STATS_REFRESH_MS, useStats } from '../api/get-stats';
import { AppStatsPanel } from '../components/AppStatsPanel';
import { CallbacksPanel } from '../components/CallbacksPanel';
import { DiagnosePanel } from '../components/DiagnosePanel';
import { SeriesCharts } from '../components/SeriesCharts';
import { StatCards } from '../components/StatCards';
import { TopCommands, TopErrorCodes, TopOperators } from '../components/TopLists';
import {
  type DashboardRange,
  parseRange,
  presetLabels,
  rangePresets,
  rangeToParams,
  resolveRange,
} from '../lib/range';

const ALL = '*';

/** The landing page: "is everything all right, and if not, where?" (issue 13). */
export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const environments = useEnvironments();
  const environmentId = params.get('environmentId') ?? undefined;
  const range = parseRange(params);
  const stats = useStats(environmentId, range);

  const setRange = (next: DashboardRange) =>
    setParams(rangeToParams(next, new URLSearchParams(params)), { replace: true });
  const setEnvironment = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id === null || id === ALL) next.delete('environmentId');
    else next.set('environmentId', id);
    setParams(next, { replace: true });
  };
  const custom = range.kind === 'custom' ? range : undefined;
  const data = stats.data;
  const linkRange = data ? { environmentId, from: data.from, to: data.to } : undefined;
  const empty = data !== undefined && data.totals.calls + data.totals.limited === 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1} size="h2">
          Dashboard
        </Title>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Environment"
            data={[
              { value: ALL, label: 'All environments' },
              ...(environments.data?.environments ?? []).map((e) => ({ value: e.id, label: e.label })),
            ]}
            value={environmentId ?? ALL}
            onChange={setEnvironment}
            allowDeselect={false}
            w={220}
          />
          <div>
            <Text size="sm" fw={500} mb={2} id="dashboard-range-label">
              Time range
            </Text>
            <SegmentedControl
              aria-labelledby="dashboard-range-label"
              value={range.kind === 'custom' ? 'custom' : range.preset}
              onChange={(value) => {
                const preset = rangePresets.find((p) => p === value);
                if (preset) setRange({ kind: 'relative', preset });
                else if (data) setRange({ kind: 'custom', from: data.from, to: data.to });
                else setRange({ kind: 'custom', ...resolveRange(range, Date.now()) });
              }}
              data={[
                ...rangePresets.map((p) => ({ value: p, label: presetLabels[p] })),
                { value: 'custom', label: 'Custom' },
              ]}
            />
          </div>
          {custom && (
            <TimeRangeInputs
              from={custom.from}
              to={custom.to}
              onChange={(patch) =>
                setRange({ kind: 'custom', from: patch.from ?? custom.from, to: patch.to ?? custom.to })
              }
            />
          )}
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            loading={stats.isFetching}
            onClick={() => void stats.refetch()}
          >
            Refresh
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" role="status" aria-live="polite">
        {stats.dataUpdatedAt > 0
          ? `Updated ${formatTime(new Date(stats.dataUpdatedAt).toISOString())}`
          : 'Loading…'}
        {range.kind === 'relative' &&
          ` · refreshes every ${STATS_REFRESH_MS / 1000} s while this tab is visible`}
      </Text>

      <ErrorBoundary name="Dashboard" resetKey={JSON.stringify([environmentId, range])}>
        {stats.isError ? (
          <Alert color="red" title="The dashboard could not be loaded" role="alert">
            {stats.error.message}
          </Alert>
        ) : data === undefined || linkRange === undefined ? (
          <Text c="dimmed">Loading figures…</Text>
        ) : (
          <Stack gap="md">
            <StatCards stats={data} environmentId={environmentId} />
            <CallbacksPanel range={linkRange} />
            {empty ? (
              <Paper withBorder p="lg" radius="md">
                <Title order={2} size="h4">
                  No calls in this range
                </Title>
                <Text size="sm" mt={4}>
                  Nothing was sent{environmentId ? ' to this environment' : ''} between{' '}
                  <Timestamp value={data.from} /> and <Timestamp value={data.to} />. Widen the time range,
                  pick another environment, or send a call from the{' '}
                  <Anchor component={Link} to="/console">
                    Console
                  </Anchor>
                  .
                </Text>
              </Paper>
            ) : (
              <>
                <SeriesCharts stats={data} environmentId={environmentId} height={220} />
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
                  <TopErrorCodes stats={data} range={linkRange} />
                  <TopCommands stats={data} range={linkRange} by="failures" />
                  <TopCommands stats={data} range={linkRange} by="calls" />
                  <TopOperators stats={data} range={linkRange} />
                </SimpleGrid>
              </>
            )}
          </Stack>
        )}
      </ErrorBoundary>

      {environmentId ? (
        <ErrorBoundary name="App statistics" resetKey={environmentId}>
          <Stack gap="md">
            <AppStatsPanel environmentId={environmentId} />
            <DiagnosePanel environmentId={environmentId} />
          </Stack>
        </ErrorBoundary>
      ) : (
        <Text size="sm" c="dimmed">
          Pick an environment to see its app’s own statistics from Tencent (active users, messages,
          callbacks).
        </Text>
      )}
    </Stack>
  );
}
