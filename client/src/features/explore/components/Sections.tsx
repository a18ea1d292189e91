import type { ExplorerCall, ExplorerProblem, HistorySummary } from '@console/shared/api';
import { Alert, Anchor, Badge, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatTime } from '../../../lib/format-time';

/** A titled part of an explorer page: a landmark with its heading's name. */
export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const id = `section-${title.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby={id}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
        {actions}
      </Stack>
    </Paper>
  );
}

/** Unix seconds as local wall time, or a dash. */
export function unixTime(seconds: number | null): string {
  return seconds === null || seconds === 0 ? '—' : formatTime(new Date(seconds * 1000).toISOString());
}

/** A part that could not be read says so, in place of its content. */
export function Unavailable({ what }: { what: string }) {
  return (
    <Text size="sm" c="dimmed">
      {what} could not be read (see the problems below).
    </Text>
  );
}

const outcomeColor: Record<string, string> = {
  ok: 'teal',
  fail: 'red',
  error: 'gray',
  pending: 'blue',
  unknown: 'orange',
};

/** The console's own recent calls that mention the user or group, newest first. */
export function RecentCalls({ calls, about }: { calls: readonly HistorySummary[]; about: string }) {
  if (calls.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No call of the console mentions {about}.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-label={`Recent calls about ${about}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Command</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Operator</Table.Th>
            <Table.Th>RequestId</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {calls.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={`/history/${c.id}`} size="sm">
                  {formatTime(c.createdAt)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {c.command}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={outcomeColor[c.outcome] ?? 'gray'} variant="light">
                  {c.outcome}
                  {c.errorCode ? ` ${c.errorCode}` : ''}
                </Badge>
              </Table.Td>
              <Table.Td>{c.operator}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {c.requestId ?? '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** What the page itself asked Tencent, each call in the History with its RequestId. */
export function LookupCalls({
  calls,
  problems,
}: {
  calls: readonly ExplorerCall[];
  problems: readonly ExplorerProblem[];
}) {
  return (
    <Stack gap="xs">
      {problems.length > 0 && (
        <Alert color="orange" variant="light" title="Some parts could not be read">
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={`${p.section}-${p.command}`}>
                {p.section}: {p.command} — {p.errorCode ? `error ${p.errorCode}: ` : ''}
                {p.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <details>
        <summary>
          <Text span size="sm">
            This page made {calls.length} call{calls.length === 1 ? '' : 's'} (recorded as explorer calls)
          </Text>
        </summary>
        <List size="sm" mt="xs">
          {calls.map((c) => (
            <List.Item key={c.historyId}>
              <Anchor component={Link} to={`/history/${c.historyId}`} size="sm" ff="monospace">
                {c.service}/{c.command}
              </Anchor>{' '}
              {c.outcome}
              {c.errorCode ? ` ${c.errorCode}` : ''} ·{' '}
              <Text span size="xs" ff="monospace">
                {c.requestId ?? 'no RequestId'}
              </Text>
            </List.Item>
          ))}
        </List>
      </details>
    </Stack>
  );
}
