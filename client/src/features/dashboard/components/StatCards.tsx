import type { StatsResponse } from '@console/shared/api';
import { Anchor, Paper, SimpleGrid, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatCount, formatMs, formatPercent } from '../lib/format';
import { historyLink } from '../lib/history-link';

interface Card {
  label: string;
  value: string;
  hint: string;
  color?: string;
  /** Where the number is listed; none for what the history does not hold (limiter refusals). */
  to?: string;
}

export function StatCards({
  stats,
  environmentId,
}: {
  stats: StatsResponse;
  environmentId: string | undefined;
}) {
  const { totals } = stats;
  const range = { environmentId, from: stats.from, to: stats.to };
  const cards: Card[] = [
    { label: 'Calls', value: formatCount(totals.calls), hint: 'reached Tencent', to: historyLink(range) },
    {
      label: 'OK',
      value: formatCount(totals.ok),
      hint: 'ActionStatus OK',
      color: 'teal',
      to: historyLink({ ...range, outcome: 'ok' }),
    },
    {
      label: 'FAIL',
      value: formatCount(totals.fail),
      hint: 'answered with an error code',
      color: 'red',
      to: historyLink({ ...range, outcome: 'fail' }),
    },
    {
      label: 'Transport errors',
      value: formatCount(totals.error),
      hint: 'no answer (timeout, unreachable)',
      color: 'orange',
      to: historyLink({ ...range, outcome: 'error' }),
    },
    {
      label: 'Limited (429)',
      value: formatCount(totals.limited),
      hint: 'refused by the console’s own limiter, not sent',
      color: 'grape',
    },
    {
      label: 'Error rate',
      value: formatPercent(totals.fail + totals.error, totals.calls),
      hint: 'FAIL + transport errors',
      color: totals.fail + totals.error > 0 ? 'red' : undefined,
    },
    { label: 'p50 latency', value: formatMs(totals.p50Ms), hint: 'median round trip' },
    { label: 'p95 latency', value: formatMs(totals.p95Ms), hint: '95th percentile' },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, xl: 8 }} spacing="sm">
      {cards.map((card) => (
        <Paper key={card.label} withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {card.label}
          </Text>
          {card.to ? (
            <Anchor
              component={Link}
              to={card.to}
              fz={28}
              fw={700}
              c={card.color}
              aria-label={`${card.label}: ${card.value}, show in History`}
            >
              {card.value}
            </Anchor>
          ) : (
            <Text fz={28} fw={700} c={card.color}>
              {card.value}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {card.hint}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
