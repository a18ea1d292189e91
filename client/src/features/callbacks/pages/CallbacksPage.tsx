import { Alert, Badge, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Spinner } from '../../../components/Spinner';
import { useCallbackEndpoints, useCallbacks } from '../api/callbacks';
import { useCallbackStream } from '../api/use-callback-stream';
import { CallbackDetail } from '../components/CallbackDetail';
import { CallbackFilterBar } from '../components/CallbackFilterBar';
import { CallbackList } from '../components/CallbackList';
import { CallbackUrlPanel } from '../components/CallbackUrlPanel';
import { useCallbackFilter } from '../hooks/use-callback-filter';

const streamLabel = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

export default function CallbacksPage() {
  const { filter, selected, update, clear, select } = useCallbackFilter();
  const endpoints = useCallbackEndpoints();
  const list = useCallbacks(filter);
  const stream = useCallbackStream(filter);
  const [urlEnvironment, setUrlEnvironment] = useState<string | null>(null);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const all = endpoints.data?.endpoints ?? [];
  const environments = all.map((e) => ({ value: e.environmentId, label: e.label }));
  const selectedEntry = items.find((e) => e.id === selected);
  const endpointOf = (environmentId: string | undefined) =>
    all.find((e) => e.environmentId === environmentId);

  return (
    <Stack gap="md" p="md" maw={1600}>
      <Group gap="sm">
        <Title order={1} size="h3">
          Callbacks
        </Title>
        <Badge color={stream === 'live' ? 'teal' : 'yellow'} variant="dot" role="status">
          {streamLabel[stream]}
        </Badge>
      </Group>
      <CallbackUrlPanel
        endpoints={all}
        environmentId={urlEnvironment ?? filter.environmentId ?? null}
        onEnvironment={setUrlEnvironment}
      />
      <CallbackFilterBar filter={filter} environments={environments} onChange={update} onClear={clear} />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: selected ? 6 : 12 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="callbacks-list-title">
            <Title order={2} size="h4" id="callbacks-list-title" mb="sm">
              Received
            </Title>
            {list.isLoading && <Spinner size="sm" label="Loading callbacks" />}
            {list.error && (
              <Alert color="red" title="Callbacks cannot be listed">
                {list.error.message}
              </Alert>
            )}
            {list.data && items.length === 0 && (
              <Text c="dimmed">No callbacks yet. New ones appear here as they arrive.</Text>
            )}
            {items.length > 0 && (
              <CallbackList items={items} selected={selected} onSelect={select} compact={selected !== null} />
            )}
            {list.hasNextPage && (
              <Button
                variant="default"
                mt="sm"
                loading={list.isFetchingNextPage}
                onClick={() => list.fetchNextPage()}
              >
                Load older
              </Button>
            )}
          </Paper>
        </Grid.Col>
        {selected && (
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Stack gap="xs">
              <Group justify="flex-end">
                <Button variant="subtle" size="xs" onClick={() => select(null)}>
                  Close
                </Button>
              </Group>
              <CallbackDetail
                id={selected}
                endpoint={endpointOf(selectedEntry?.environmentId ?? filter.environmentId)}
              />
            </Stack>
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}
