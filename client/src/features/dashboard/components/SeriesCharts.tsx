import type { StatsResponse } from '@console/shared/api';
import { Paper, SimpleGrid, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { formatCount, formatMs, formatPointTime } from '../lib/format';
import { historyLink } from '../lib/history-link';
import { TimeSeriesChart } from './TimeSeriesChart';

const DAY_MS = 24 * 3_600_000;

/** What a sighted reader takes from the calls chart, in words. */
export function callsSummary(stats: StatsResponse): string {
  const { totals, series } = stats;
  const withDay = Date.parse(stats.to) - Date.parse(stats.from) > DAY_MS;
  const busiest = series.reduce<(typeof series)[number] | undefined>(
    (best, p) =>
      best === undefined || p.ok + p.fail + p.error > best.ok + best.fail + best.error ? p : best,
    undefined,
  );
  const parts = [
    `${formatCount(totals.calls)} calls: ${formatCount(totals.ok)} OK, ${formatCount(totals.fail)} FAIL, ${formatCount(totals.error)} transport errors; ${formatCount(totals.limited)} refused by the limiter.`,
  ];
  if (busiest && busiest.ok + busiest.fail + busiest.error > 0) {
    parts.push(
      `Busiest at ${formatPointTime(busiest.t, withDay)} with ${formatCount(busiest.ok + busiest.fail + busiest.error)} calls.`,
    );
  }
  return parts.join(' ');
}

export function latencySummary(stats: StatsResponse): string {
  const withDay = Date.parse(stats.to) - Date.parse(stats.from) > DAY_MS;
  const worst = stats.series.reduce<(typeof stats.series)[number] | undefined>(
    (best, p) => (p.p95Ms !== null && (best?.p95Ms == null || p.p95Ms > best.p95Ms) ? p : best),
    undefined,
  );
  if (stats.totals.p50Ms === null) return 'No latency: no call reached Tencent in this range.';
  return `Over the range, median ${formatMs(stats.totals.p50Ms)} and 95th percentile ${formatMs(stats.totals.p95Ms)}.${
    worst ? ` Slowest 95th percentile ${formatMs(worst.p95Ms)} at ${formatPointTime(worst.t, withDay)}.` : ''
  }`;
}

export function SeriesCharts({
  stats,
  environmentId,
  height,
}: {
  stats: StatsResponse;
  environmentId: string | undefined;
  height: number;
}) {
  const navigate = useNavigate();
  const times = useMemo(() => stats.series.map((p) => Date.parse(p.t) / 1000), [stats.series]);
  const calls = useMemo(
    () => [
      { label: 'OK', color: 'teal', values: stats.series.map((p) => p.ok) },
      { label: 'FAIL', color: 'red', values: stats.series.map((p) => p.fail) },
      { label: 'Transport error', color: 'orange', values: stats.series.map((p) => p.error) },
      { label: 'Limited (429)', color: 'grape', values: stats.series.map((p) => p.limited) },
    ],
    [stats.series],
  );
  const latency = useMemo(
    () => [
      { label: 'p50', color: 'blue', values: stats.series.map((p) => p.p50Ms) },
      { label: 'p95', color: 'violet', values: stats.series.map((p) => p.p95Ms) },
    ],
    [stats.series],
  );
  // A click on a point lists that interval's calls.
  const openPoint = (index: number) => {
    const point = stats.series[index];
    if (!point) return;
    const from = Math.max(Date.parse(point.t), Date.parse(stats.from));
    const to = Math.min(Date.parse(point.t) + stats.stepMs, Date.parse(stats.to));
    void navigate(
      historyLink({ environmentId, from: new Date(from).toISOString(), to: new Date(to).toISOString() }),
    );
  };
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
      <Paper withBorder p="sm" radius="md">
        <Title order={2} size="h4" mb="xs">
          Calls over time
        </Title>
        <TimeSeriesChart
          label="Calls over time by outcome"
          summary={callsSummary(stats)}
          times={times}
          series={calls}
          height={height}
          onPointClick={openPoint}
        />
      </Paper>
      <Paper withBorder p="sm" radius="md">
        <Title order={2} size="h4" mb="xs">
          Latency
        </Title>
        <TimeSeriesChart
          label="Latency over time, p50 and p95"
          summary={latencySummary(stats)}
          times={times}
          series={latency}
          height={height}
          unit="ms"
          onPointClick={openPoint}
        />
      </Paper>
    </SimpleGrid>
  );
}
