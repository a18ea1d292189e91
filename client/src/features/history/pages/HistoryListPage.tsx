import { Alert, Button, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { Link } from 'react-router';
import { useEnvironments } from '../../../api/get-environments';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { infiniteHistoryQueryOptions } from '../api/get-history';
import { ExportButtons } from '../components/ExportButtons';
import { FindByRequestId } from '../components/FindByRequestId';
import { HistoryFilterBar } from '../components/HistoryFilterBar';
import { HistoryTable } from '../components/HistoryTable';
import { useHistoryFilter } from '../hooks/use-history-filter';

export default function HistoryListPage() {
  const { filter: asked, update, clear } = useHistoryFilter();
  // The support explorer's own lookups are hidden unless asked for (decision 030).
  const filter = useMemo(() => ({ ...asked, source: asked.source ?? ('console' as const) }), [asked]);
  const environments = useEnvironments();
  const history = useInfiniteQuery({
    ...infiniteHistoryQueryOptions(filter),
    placeholderData: keepPreviousData,
  });
  const entries = useMemo(() => history.data?.pages.flatMap((p) => p.items) ?? [], [history.data]);
  const filtered = Object.values(asked).some((v) => v !== undefined);
  const { fetchNextPage } = history;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1} size="h2">
          History
        </Title>
        <ExportButtons filter={filter} />
      </Group>
      <FindByRequestId
        onSeveral={(found) => update({ requestId: null, requestIdPrefix: null, q: null, ...found })}
      />
      <HistoryFilterBar filter={asked} onChange={update} onClear={clear} />
      {filter.requestIdPrefix && (
        <Text size="sm">
          Showing entries whose RequestId starts with <code>{filter.requestIdPrefix}</code>.
        </Text>
      )}
      {filter.requestId && (
        <Text size="sm">
          Showing entries with RequestId <code>{filter.requestId}</code>.
        </Text>
      )}
      {filter.replayOf && (
        <Text size="sm">
          Showing replays of{' '}
          <Link to={`/history/${encodeURIComponent(filter.replayOf)}`}>entry {filter.replayOf}</Link>.
        </Text>
      )}
      {history.isFetching && !history.isFetchingNextPage && (
        <Progress value={100} animated striped size="sm" aria-label="Loading history" />
      )}
      <ErrorBoundary name="History list" resetKey={JSON.stringify(filter)}>
        {history.isError ? (
          <Alert color="red" title="History could not be loaded" role="alert">
            {history.error.message}
          </Alert>
        ) : history.isPending ? (
          <Text c="dimmed" role="status">
            Loading history…
          </Text>
        ) : entries.length === 0 ? (
          <Stack align="center" gap="xs" py="xl">
            <IconHistory size={40} aria-hidden />
            <Text fw={600}>{filtered ? 'No calls match these filters.' : 'No calls recorded yet.'}</Text>
            {filtered ? (
              <Button variant="light" onClick={clear}>
                Clear filters
              </Button>
            ) : (
              <Button component={Link} to="/" variant="light">
                Open the console
              </Button>
            )}
          </Stack>
        ) : (
          <HistoryTable
            entries={entries}
            environments={environments.data?.environments}
            hasNextPage={history.hasNextPage}
            isFetchingNextPage={history.isFetchingNextPage}
            fetchNextPage={loadMore}
          />
        )}
      </ErrorBoundary>
    </Stack>
  );
}
