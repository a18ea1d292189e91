import type { Environment, ExplorerCall, ExplorerProblem, HistorySummary } from '@console/shared/api';
import { Alert, Button, Center, Group, Stack, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EnvironmentLabel } from '../../../components/environment/EnvironmentLabel';
import { Spinner } from '../../../components/Spinner';
import type { useSelectedEnvironment } from '../../../hooks/use-selected-environment';
import { ApiError } from '../../../lib/api-client';
import { LookupCalls, RecentCalls, Section } from './Sections';

/** What every explorer lookup answers besides its own fields. */
interface Lookup {
  environmentId: string;
  recentCalls: readonly HistorySummary[];
  calls: readonly ExplorerCall[];
  problems: readonly ExplorerProblem[];
}

/**
 * The frame of a user or group page: heading with the environment and Refresh, the states before
 * an answer (no environment, loading, failed), then the page's own body, the console's recent calls
 * about the subject and the upstream calls the lookup made.
 */
export function ExplorerPage<T extends Lookup>({
  kind,
  subject,
  selection,
  query,
  children,
}: {
  kind: 'user' | 'group';
  subject: string;
  selection: ReturnType<typeof useSelectedEnvironment>;
  /** The lookup in the selected environment; its answer is used only when it is for that environment. */
  query: UseQueryResult<T>;
  /** The page's body once the answer is in. */
  children: (found: T, environment: Environment) => ReactNode;
}) {
  const environment = selection.environment;
  const found = environment && query.data?.environmentId === environment.id ? query.data : undefined;
  const noun = kind === 'user' ? 'User' : 'Group';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {noun} {subject}
          </Title>
          {environment && <EnvironmentLabel environment={environment} detail />}
        </Stack>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} />}
          onClick={() => void query.refetch()}
          loading={query.isFetching}
          disabled={!environment}
        >
          Refresh
        </Button>
      </Group>
      {!environment ? (
        selection.isLoading ? (
          <Center py="xl">
            <Spinner label="Loading environments" />
          </Center>
        ) : (
          <Alert color="orange">No environment is configured.</Alert>
        )
      ) : query.isLoading ? (
        <Center py="xl">
          <Spinner label={`Looking up ${subject}`} />
        </Center>
      ) : query.error ? (
        <Alert color="red" title="The lookup failed" role="alert">
          {query.error instanceof ApiError ? query.error.message : String(query.error)}
        </Alert>
      ) : found ? (
        <>
          {children(found, environment)}
          <Section title={`Recent calls about this ${kind}`}>
            <RecentCalls calls={found.recentCalls} about={subject} />
          </Section>
          <LookupCalls calls={found.calls} problems={found.problems} />
        </>
      ) : null}
    </Stack>
  );
}
