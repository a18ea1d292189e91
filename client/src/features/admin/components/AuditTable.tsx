import type { AuditEntry } from '@console/shared/api';
import { Anchor, Badge, Button, Code, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Timestamp } from '../../../components/Timestamp';

const namespaceColor: Record<string, string> = {
  session: 'gray',
  user: 'blue',
  token: 'grape',
  request: 'teal',
  history: 'orange',
  config: 'yellow',
  audit: 'indigo',
};

function actionColor(action: AuditEntry['action']): string {
  // A failed sign-in is what a reviewer scans the log for.
  if (action.endsWith('-failed')) return 'red';
  return namespaceColor[action.split('.')[0] ?? ''] ?? 'gray';
}

/** Actions whose target is a history entry, so the row can open that call. */
const historyTargets = new Set<AuditEntry['action']>(['request.send', 'request.replay']);

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  // A change is recorded as {from, to}; an arrow reads faster than the JSON.
  if (typeof value === 'object' && value !== null && 'from' in value && 'to' in value) {
    return `${valueText(value.from)} → ${valueText(value.to)}`;
  }
  return JSON.stringify(value);
}

function Details({ details }: { details: AuditEntry['details'] }) {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0) return <Text c="dimmed">—</Text>;
  return (
    <Group gap={4} wrap="wrap">
      {entries.map(([key, value]) => (
        <Code key={key} style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
          {key}={valueText(value)}
        </Code>
      ))}
    </Group>
  );
}

type Props = {
  entries: AuditEntry[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
};

export function AuditTable({ entries, hasNextPage, isFetchingNextPage, onLoadMore }: Props) {
  return (
    <>
      <Table.ScrollContainer minWidth={800}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label="Audit log">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Time</Table.Th>
              <Table.Th scope="col">Actor</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
              <Table.Th scope="col">Target</Table.Th>
              <Table.Th scope="col">Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td>
                  <Timestamp value={entry.at} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {entry.actor}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    tt="none"
                    // A badge clips its label to fit; an action name cut to "user.cre…" says nothing.
                    styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
                    color={actionColor(entry.action)}
                  >
                    {entry.action}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {entry.target === null ? (
                    <Text c="dimmed">—</Text>
                  ) : historyTargets.has(entry.action) ? (
                    <Anchor component={Link} to={`/history/${encodeURIComponent(entry.target)}`} size="sm">
                      {entry.target}
                    </Anchor>
                  ) : (
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {entry.target}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Details details={entry.details} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="center">
        {hasNextPage ? (
          <Button variant="default" onClick={onLoadMore} loading={isFetchingNextPage}>
            Load more
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {entries.length === 1 ? '1 entry' : `${entries.length} entries`}, nothing older.
          </Text>
        )}
      </Group>
    </>
  );
}
