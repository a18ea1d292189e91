import type { StatsResponse } from '@console/shared/api';
import { Anchor, Box, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatCount } from '../lib/format';
import { historyLink } from '../lib/history-link';

function Panel({ title, empty, children }: { title: string; empty: string | null; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {empty ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        children
      )}
    </Paper>
  );
}

/** One ranked line: a name, its count linking to its history rows, and a bar relative to the largest. */
function RankedRow({
  name,
  value,
  max,
  to,
  label,
  color,
}: {
  name: ReactNode;
  value: number;
  max: number;
  to: string;
  label: string;
  color: string;
}) {
  return (
    <li style={{ listStyle: 'none' }}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Box style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {name}
        </Box>
        <Anchor component={Link} to={to} aria-label={label} fw={600} style={{ flexShrink: 0 }}>
          {formatCount(value)}
        </Anchor>
      </Group>
      <Progress
        value={max === 0 ? 0 : (100 * value) / max}
        color={color}
        size="sm"
        mt={2}
        aria-hidden="true"
      />
    </li>
  );
}

function RankedList({ children }: { children: ReactNode }) {
  return (
    <Stack component="ol" gap="xs" p={0} m={0}>
      {children}
    </Stack>
  );
}

type Range = { environmentId: string | undefined; from: string; to: string };

export function TopErrorCodes({ stats, range }: { stats: StatsResponse; range: Range }) {
  const max = stats.topErrorCodes[0]?.count ?? 0;
  return (
    <Panel
      title="Top error codes"
      empty={stats.topErrorCodes.length === 0 ? 'No call failed with an error code in this range.' : null}
    >
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Code</Table.Th>
            <Table.Th>Meaning</Table.Th>
            <Table.Th>Calls</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {stats.topErrorCodes.map((c) => (
            <Table.Tr key={c.code}>
              <Table.Td>
                <Anchor component={Link} to={historyLink({ ...range, errorCode: c.code })} ff="monospace">
                  {c.code}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={3}>
                  {c.meaning ?? 'Not in the error table.'}
                </Text>
              </Table.Td>
              <Table.Td w={110}>
                <Anchor
                  component={Link}
                  to={historyLink({ ...range, errorCode: c.code })}
                  aria-label={`${c.count} calls failed with ${c.code}, show in History`}
                  fw={600}
                >
                  {formatCount(c.count)}
                </Anchor>
                <Progress
                  value={max === 0 ? 0 : (100 * c.count) / max}
                  color="red"
                  size="sm"
                  aria-hidden="true"
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Panel>
  );
}

export function TopCommands({
  stats,
  range,
  by,
}: {
  stats: StatsResponse;
  range: Range;
  by: 'calls' | 'failures';
}) {
  const rows =
    by === 'calls'
      ? stats.topCommands.filter((c) => c.calls > 0).slice(0, 8)
      : [...stats.topCommands]
          .filter((c) => c.fail + c.error > 0)
          .sort((a, b) => b.fail + b.error - (a.fail + a.error))
          .slice(0, 8);
  const value = (c: (typeof rows)[number]) => (by === 'calls' ? c.calls : c.fail + c.error);
  const max = rows.reduce((m, c) => Math.max(m, value(c)), 0);
  const title = by === 'calls' ? 'Top commands by calls' : 'Top commands by failures';
  return (
    <Panel
      title={title}
      empty={
        rows.length === 0
          ? by === 'calls'
            ? 'No calls in this range.'
            : 'No command failed in this range.'
          : null
      }
    >
      <RankedList>
        {rows.map((c) => {
          const filter = { ...range, service: c.service, command: c.command };
          const to = historyLink(
            by === 'calls' ? filter : { ...filter, outcome: c.fail >= c.error ? 'fail' : 'error' },
          );
          return (
            <RankedRow
              key={`${c.service}/${c.command}`}
              name={
                <Anchor component={Link} to={historyLink(filter)} ff="monospace" size="sm">
                  {c.service}/{c.command}
                </Anchor>
              }
              value={value(c)}
              max={max}
              color={by === 'calls' ? 'blue' : 'red'}
              to={to}
              label={`${value(c)} ${by === 'calls' ? 'calls' : 'failures'} of ${c.service}/${c.command}, show in History`}
            />
          );
        })}
      </RankedList>
    </Panel>
  );
}

export function TopOperators({ stats, range }: { stats: StatsResponse; range: Range }) {
  const rows = stats.topOperators.filter((o) => o.calls > 0).slice(0, 8);
  const max = rows[0]?.calls ?? 0;
  return (
    <Panel
      title="Top operators and API tokens"
      empty={rows.length === 0 ? 'Nobody called Tencent in this range.' : null}
    >
      <Text size="xs" c="dimmed" mb={4}>
        Calls made with an API token are listed under the token, apart from its owner’s own.
      </Text>
      <RankedList>
        {rows.map((o) => (
          <RankedRow
            key={o.token ? `token:${o.token.id}` : o.operator}
            name={
              <>
                <Anchor component={Link} to={historyLink({ ...range, operator: o.operator })} size="sm">
                  {o.token ? o.token.name : o.operator}
                </Anchor>
                {o.token && (
                  <Text span size="xs" c="dimmed" ml={6}>
                    API token{o.operator ? ` of ${o.operator}` : ''}
                  </Text>
                )}
                {o.fail + o.error > 0 && (
                  <Text span size="xs" c="red" ml={6}>
                    {o.fail + o.error} failed
                  </Text>
                )}
              </>
            }
            value={o.calls}
            max={max}
            color="blue"
            to={historyLink({ ...range, operator: o.operator })}
            label={
              o.token
                ? `${o.calls} calls with the API token ${o.token.name} of ${o.operator}, show its owner's History`
                : `${o.calls} calls by ${o.operator}, show in History`
            }
          />
        ))}
      </RankedList>
    </Panel>
  );
}
