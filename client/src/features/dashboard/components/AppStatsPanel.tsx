import type { AppStatsDay } from '@console/shared/api';
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Timestamp } from '../../../components/Timestamp';
import { useAppStats, useRefreshAppStats } from '../api/get-app-stats';
import { formatCount } from '../lib/format';
import { TimeSeriesChart } from './TimeSeriesChart';

type Key = Exclude<keyof AppStatsDay, 'date'>;
type Line = { label: string; color: string; key: Key; scale?: number };

const charts: { title: string; unit?: string; lines: Line[] }[] = [
  {
    title: 'Users',
    lines: [
      { label: 'Active', color: 'blue', key: 'activeUsers' },
      { label: 'Logged in', color: 'teal', key: 'loginUsers' },
      { label: 'Peak online', color: 'violet', key: 'peakOnline' },
      { label: 'New registrations', color: 'orange', key: 'newRegistrations' },
    ],
  },
  {
    title: 'Messages',
    lines: [
      { label: 'C2C up', color: 'blue', key: 'c2cUpMessages' },
      { label: 'C2C down', color: 'cyan', key: 'c2cDownMessages' },
      { label: 'Group up', color: 'grape', key: 'groupUpMessages' },
      { label: 'Group down', color: 'pink', key: 'groupDownMessages' },
      { label: 'Pushes', color: 'orange', key: 'pushes' },
    ],
  },
  {
    title: 'Callback success',
    unit: '%',
    lines: [{ label: 'CallBackRsp / CallBackReq', color: 'teal', key: 'callbackSuccessRatio', scale: 100 }],
  },
];

/** "Min … max, latest …" for each line: what a screen reader needs from a 30-day chart. */
function summarize(days: readonly AppStatsDay[], lines: readonly Line[], unit: string | undefined): string {
  return lines
    .map((line) => {
      const values = days
        .map((d) => d[line.key])
        .filter((v): v is number => v !== null)
        .map((v) => v * (line.scale ?? 1));
      if (values.length === 0) return `${line.label}: no figures.`;
      const fmt = (v: number) => (unit === '%' ? `${v.toFixed(1)} %` : formatCount(Math.round(v)));
      return `${line.label}: from ${fmt(Math.min(...values))} to ${fmt(Math.max(...values))}, latest ${fmt(values.at(-1) ?? 0)}.`;
    })
    .join(' ');
}

export function AppStatsPanel({ environmentId }: { environmentId: string }) {
  const stats = useAppStats(environmentId);
  const refresh = useRefreshAppStats(environmentId);
  const days = stats.data?.days;
  const times = useMemo(() => (days ?? []).map((d) => Date.parse(`${d.date}T00:00:00+08:00`) / 1000), [days]);
  const series = useMemo(
    () =>
      charts.map((chart) =>
        chart.lines.map((line) => ({
          label: line.label,
          color: line.color,
          values: (days ?? []).map((d) => {
            const v = d[line.key];
            return v === null ? null : Math.round(v * (line.scale ?? 1) * 10) / 10;
          }),
        })),
      ),
    [days],
  );
  const latest = days?.at(-1);
  const error = refresh.error ?? stats.error;

  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label="The app's own statistics">
      <Group justify="space-between" align="flex-start" mb="xs" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            The app’s own statistics, last 30 days
          </Title>
          <Text size="xs" c="dimmed">
            From Tencent’s getappinfo, one point per Beijing-time day
            {stats.data && (
              <>
                {' · fetched '}
                <Timestamp value={stats.data.fetchedAt} size="xs" />
                {' · '}
                <Anchor
                  component={Link}
                  to={`/history/${encodeURIComponent(stats.data.historyId)}`}
                  size="xs"
                >
                  the call
                </Anchor>
              </>
            )}
            {latest?.totalRegistrations != null &&
              ` · ${formatCount(latest.totalRegistrations)} registered in all`}
          </Text>
        </div>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconRefresh size={14} />}
          loading={refresh.isPending}
          onClick={() => refresh.mutate()}
        >
          Refresh from Tencent
        </Button>
      </Group>
      {error ? (
        <Alert color="red" title="The app's statistics could not be fetched" role="alert">
          {error.message} The call is in the History; for a connection problem, run the diagnosis below.
        </Alert>
      ) : !days ? (
        <Text size="sm" c="dimmed">
          Asking Tencent…
        </Text>
      ) : days.length === 0 ? (
        <Text size="sm">
          Tencent has no statistics for this app yet: they appear the day after it has users.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
          {charts.map((chart, i) => (
            <div key={chart.title}>
              <Text fw={600} size="sm" mb={4}>
                {chart.title}
              </Text>
              <TimeSeriesChart
                label={`${chart.title}, daily, last 30 days`}
                summary={summarize(days, chart.lines, chart.unit)}
                times={times}
                series={series[i] ?? []}
                height={200}
                {...(chart.unit ? { unit: chart.unit } : {})}
              />
            </div>
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}
