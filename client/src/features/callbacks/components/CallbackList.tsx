import { type CallbackEntry, callbackOutcome } from '@console/shared/api';
import { Button, Table, Text } from '@mantine/core';
import { formatTime } from '../../../lib/format-time';
import { OutcomeBadge } from './OutcomeBadge';
import { VerdictBadge } from './VerdictBadge';

type Props = {
  items: CallbackEntry[];
  selected: string | null;
  onSelect: (id: string) => void;
  /** Beside an open entry: time, command, verdict and answer only. */
  compact?: boolean;
};

export function CallbackList({ items, selected, onSelect, compact = false }: Props) {
  return (
    <Table.ScrollContainer minWidth={compact ? 480 : 760} type="native">
      <Table striped highlightOnHover aria-label="Received callbacks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Received</Table.Th>
            {!compact && <Table.Th>Environment</Table.Th>}
            <Table.Th>Command</Table.Th>
            <Table.Th w={110}>Verdict</Table.Th>
            {/* What a "before" callback's answer decided; empty for callbacks whose answer decides nothing. */}
            <Table.Th w={110}>Answer</Table.Th>
            {!compact && <Table.Th>Reason</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((entry) => {
            const outcome = callbackOutcome(entry);
            return (
              <Table.Tr
                key={entry.id}
                bg={entry.id === selected ? 'var(--mantine-primary-color-light)' : undefined}
              >
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => onSelect(entry.id)}
                    aria-current={entry.id === selected ? 'true' : undefined}
                    aria-label={`Open ${entry.command || 'callback'} received ${formatTime(entry.receivedAt)}`}
                  >
                    {formatTime(entry.receivedAt)}
                  </Button>
                </Table.Td>
                {!compact && <Table.Td>{entry.environmentId}</Table.Td>}
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {entry.command || '(none)'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <VerdictBadge verdict={entry.verdict} />
                </Table.Td>
                <Table.Td>{outcome && <OutcomeBadge outcome={outcome} />}</Table.Td>
                {!compact && (
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {entry.reason}
                    </Text>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
