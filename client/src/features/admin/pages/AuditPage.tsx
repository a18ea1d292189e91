import { Button, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconListSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { auditExportUrl } from '../api/export-audit';
import { auditQueryOptions } from '../api/get-audit';
import { AdminOnly } from '../components/AdminOnly';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { AuditFilterBar } from '../components/AuditFilterBar';
import { AuditTable } from '../components/AuditTable';
import { useAuditFilter } from '../hooks/use-audit-filter';

function AuditLog() {
  const { filter, update, clear } = useAuditFilter();
  const audit = useInfiniteQuery({ ...auditQueryOptions(filter), placeholderData: keepPreviousData });
  const entries = useMemo(() => audit.data?.pages.flatMap((p) => p.items) ?? [], [audit.data]);
  const filtered = Object.values(filter).some((v) => v !== undefined);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <AuditFilterBar filter={filter} onChange={update} onClear={clear} />
        <Button
          component="a"
          href={auditExportUrl(filter)}
          download
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          Export CSV
        </Button>
      </Group>
      {audit.isFetching && !audit.isFetchingNextPage && (
        <Progress value={100} animated striped size="sm" aria-label="Loading audit log" />
      )}
      {audit.isError ? (
        <ApiErrorAlert error={audit.error} title="The audit log could not be loaded" />
      ) : audit.isPending ? (
        <Text c="dimmed" role="status">
          Loading the audit log…
        </Text>
      ) : entries.length === 0 ? (
        <Stack align="center" gap="xs" py="xl">
          <IconListSearch size={40} aria-hidden />
          <Text fw={600}>
            {filtered ? 'No audit entries match these filters.' : 'The audit log is empty.'}
          </Text>
          {filtered && (
            <Button variant="light" onClick={clear}>
              Clear filters
            </Button>
          )}
        </Stack>
      ) : (
        <AuditTable
          entries={entries}
          // Rows of the previous filter stay on screen while the new ones load; paging them would mix the two.
          hasNextPage={audit.hasNextPage && !audit.isPlaceholderData}
          isFetchingNextPage={audit.isFetchingNextPage}
          onLoadMore={() => void audit.fetchNextPage()}
        />
      )}
    </Stack>
  );
}

export default function AuditPage() {
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Audit log
        </Title>
        <Text c="dimmed" size="sm">
          Every sign-in, change of users and tokens, and request sent, newest first. Entries are never changed
          or removed.
        </Text>
      </div>
      <AdminOnly what="Reading the audit log">
        <AuditLog />
      </AdminOnly>
    </Stack>
  );
}
