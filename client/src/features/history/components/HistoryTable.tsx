import type { Environment, HistoryEntry } from '@console/shared/api';
import { Anchor, Button, Center, Group, Loader, Table, Text } from '@mantine/core';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { RequestIdText } from '../../../components/RequestIdText';
import { Timestamp, TimeTooltip, timeCopyHandlers } from '../../../components/Timestamp';
import { VirtualSpacerRow } from '../../../components/VirtualSpacerRow';
import { formatDuration } from '../utils/format';
import { EnvironmentName } from './EnvironmentName';
import { OutcomeBadge } from './OutcomeBadge';

const ROW_HEIGHT = 41;
const column = createColumnHelper<HistoryEntry>();

function useColumns(environments: readonly Environment[] | undefined) {
  return useMemo(
    () => [
      column.accessor('environmentId', {
        header: 'Environment',
        // min-content: the Production mark may go under the label on a narrow screen, never shrink to a dot.
        cell: (info) => (
          <div style={{ minWidth: 'min-content', whiteSpace: 'normal' }}>
            <EnvironmentName id={info.getValue()} environments={environments} />
          </div>
        ),
      }),
      column.accessor('createdAt', {
        header: 'Time',
        cell: (info) => (
          <TimeTooltip iso={info.getValue()}>
            <Anchor
              component={Link}
              to={`/history/${encodeURIComponent(info.row.original.id)}`}
              size="sm"
              {...timeCopyHandlers(info.getValue())}
            >
              <Timestamp value={info.getValue()} focusable={false} size="sm" c="inherit" />
            </Anchor>
          </TimeTooltip>
        ),
      }),
      column.accessor('operator', { header: 'Operator' }),
      column.accessor((e) => `${e.service}/${e.command}`, {
        id: 'command',
        header: 'Command',
        // May break after the service on a narrow screen, so RequestId and Duration stay in view.
        cell: (info) => (
          <Text span size="xs" ff="monospace" style={{ whiteSpace: 'normal' }}>
            {info.row.original.service}/<wbr />
            {info.row.original.command}
          </Text>
        ),
      }),
      column.accessor('outcome', {
        header: 'Outcome',
        cell: (info) => <OutcomeBadge outcome={info.getValue()} />,
      }),
      column.accessor('errorCode', { header: 'Error code', cell: (info) => info.getValue() ?? '—' }),
      column.accessor('requestId', {
        header: 'RequestId',
        // Whole where the screen has room for it (xl, 1408 px and up), cut to fit below.
        cell: (info) => {
          const requestId = info.getValue();
          return requestId ? <RequestIdText value={requestId} maxWidth={{ base: 150, xl: 'none' }} /> : '—';
        },
      }),
      column.accessor('durationMs', { header: 'Duration', cell: (info) => formatDuration(info.getValue()) }),
    ],
    [environments],
  );
}

type Props = {
  entries: HistoryEntry[];
  environments: readonly Environment[] | undefined;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
};

/** Only the rows in view are in the DOM, so ten thousand loaded entries scroll like ten. */
export function HistoryTable({
  entries,
  environments,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: Props) {
  const columns = useColumns(environments);
  const table = useReactTable({
    data: entries,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (e) => e.id,
  });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLElement>(null);
  const navigate = useNavigate();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    // Auto-load the next page as the user nears the end of what is loaded.
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 10) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, rows.length, fetchNextPage]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const colSpan = columns.length;

  return (
    <div>
      <section
        ref={scrollRef}
        style={{ maxHeight: 'max(360px, calc(100dvh - 380px))', overflow: 'auto' }}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs focus to scroll by keyboard
        tabIndex={0}
        aria-label="History entries"
      >
        <Table stickyHeader highlightOnHover striped verticalSpacing={6} aria-rowcount={rows.length}>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => (
                  <Table.Th key={header.id} style={{ whiteSpace: 'nowrap' }}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </Table.Th>
                ))}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            <VirtualSpacerRow height={paddingTop} colSpan={colSpan} />
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <Table.Tr
                  key={row.id}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  style={{ cursor: 'pointer', height: ROW_HEIGHT }}
                  onClick={(event) => {
                    // The time cell is a real link (keyboard, middle-click) and the RequestId has its copy
                    // button; the rest of the row is a convenience.
                    if (event.target instanceof Element && event.target.closest('a, button')) return;
                    navigate(`/history/${encodeURIComponent(row.original.id)}`);
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <Table.Td key={cell.id} style={{ whiteSpace: 'nowrap' }}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
            <VirtualSpacerRow height={paddingBottom} colSpan={colSpan} />
          </Table.Tbody>
        </Table>
      </section>
      <Group justify="space-between" mt="xs">
        <Text size="sm" c="dimmed" role="status">
          {rows.length} {rows.length === 1 ? 'entry' : 'entries'} loaded{hasNextPage ? '' : ' — that is all'}
        </Text>
        {hasNextPage && (
          <Center>
            {isFetchingNextPage ? (
              <Group gap="xs">
                <Loader size="xs" />
                <Text size="sm">Loading more…</Text>
              </Group>
            ) : (
              <Button variant="light" size="xs" onClick={fetchNextPage}>
                Load more
              </Button>
            )}
          </Center>
        )}
      </Group>
    </div>
  );
}
