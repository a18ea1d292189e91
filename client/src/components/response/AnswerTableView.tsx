import { Button, Group, NativeSelect, Paper, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { type AnswerTable, cellText, tableCsv } from '../../lib/answer-tables';
import { downloadText } from '../../lib/download';
import { VirtualSpacerRow } from '../VirtualSpacerRow';

const ROW_HEIGHT = 33;
/** What a cell shows of a long value; the whole value is its tooltip, the JSON view and the CSV. */
const CELL_CHARS = 160;

/**
 * One list of records of an answer as a table. Only the rows in view are in the DOM, so a group's ten
 * thousand members scroll like ten; "Download CSV" has them all.
 */
export function AnswerTableView({ tables, label }: { tables: readonly AnswerTable[]; label: string }) {
  // The longest list first: one user's profile tags rather than the one-row list around them, a
  // group's members rather than the group.
  const [index, setIndex] = useState(() =>
    tables.reduce((best, t, i) => (t.rows.length > (tables[best]?.rows.length ?? 0) ? i : best), 0),
  );
  const table = tables[index] ?? tables[0];
  const scrollRef = useRef<HTMLElement>(null);
  const rows = table?.rows ?? [];
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  if (!table) return null;
  const name = table.path || 'The answer';
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const fileName = `${label.replace(/[^\w.-]+/g, '-')}-${(table.path || 'rows').replace(/[^\w.-]+/g, '-')}.csv`;

  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" align="flex-end" mb="xs">
        {tables.length > 1 ? (
          <NativeSelect
            size="xs"
            label="List"
            value={String(index)}
            onChange={(event) => {
              setIndex(Number(event.currentTarget.value));
              scrollRef.current?.scrollTo({ top: 0 });
            }}
            data={tables.map((t, i) => ({
              value: String(i),
              label: `${t.path || 'The answer'} (${t.rows.length})`,
            }))}
          />
        ) : (
          <Text size="sm" fw={600} ff="monospace">
            {name}
          </Text>
        )}
        <Group gap="sm">
          <Text size="sm" c="dimmed" role="status">
            {rows.length} {rows.length === 1 ? 'row' : 'rows'}, {table.columns.length}{' '}
            {table.columns.length === 1 ? 'column' : 'columns'}
          </Text>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} aria-hidden />}
            onClick={async () => downloadText(await tableCsv(table), fileName, 'text/csv')}
          >
            Download CSV
          </Button>
        </Group>
      </Group>
      <section
        ref={scrollRef}
        style={{ maxHeight: 480, overflow: 'auto' }}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs focus to scroll by keyboard
        tabIndex={0}
        aria-label={`${name} of ${label}`}
      >
        <Table stickyHeader striped verticalSpacing={6} aria-rowcount={rows.length + 1} fz="sm">
          <Table.Thead>
            <Table.Tr aria-rowindex={1}>
              {table.columns.map((column) => (
                <Table.Th key={column} style={{ whiteSpace: 'nowrap' }}>
                  {column}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <VirtualSpacerRow height={paddingTop} colSpan={table.columns.length} />
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <Table.Tr key={item.index} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                  {table.columns.map((column) => {
                    const text = cellText(row[column]);
                    const long = text.length > CELL_CHARS;
                    return (
                      <Table.Td
                        key={column}
                        title={long ? text : undefined}
                        style={{
                          whiteSpace: 'nowrap',
                          fontFamily:
                            typeof row[column] === 'string'
                              ? undefined
                              : 'var(--mantine-font-family-monospace)',
                        }}
                      >
                        {long ? `${text.slice(0, CELL_CHARS)}…` : text}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
            <VirtualSpacerRow height={paddingBottom} colSpan={table.columns.length} />
          </Table.Tbody>
        </Table>
      </section>
    </Paper>
  );
}
