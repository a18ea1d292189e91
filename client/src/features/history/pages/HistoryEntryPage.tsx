import type { HistoryEntry } from '@console/shared/api';
import { commandKey, dedupFields, findByKey } from '@console/shared/catalog/lookups';
import { confirmationReason } from '@console/shared/guard-rails';
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Divider,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCatalog } from '../../../api/get-catalog';
import { useEntry } from '../../../api/get-entry';
import { useEnvironments } from '../../../api/get-environments';
import { useSession } from '../../../api/get-session';
import type { RecordedCall } from '../../../api/recorded-call';
import { type ReplayInput, useReplayEntry } from '../../../api/replay-entry';
import { AccessBadge } from '../../../components/command/AccessBadge';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { EditorSkeleton } from '../../../components/monaco/EditorSkeleton';
import { JsonViewer } from '../../../components/monaco/JsonViewer';
import { ResponsePanel } from '../../../components/response/ResponsePanel';
import { confirmationRequested, sendBlockedReason } from '../../../lib/access';
import { ApiError } from '../../../lib/api-client';
import { ComparePicker } from '../components/ComparePicker';
import { CompareView } from '../components/CompareView';
import { EntryActions } from '../components/EntryActions';
import { EntrySummary } from '../components/EntrySummary';
import { OutcomeBadge } from '../components/OutcomeBadge';
import { ReplayChain } from '../components/ReplayChain';
import { ReplayDialog } from '../components/ReplayDialog';
import { ReplayResult } from '../components/ReplayResult';
import { presentDedupFields } from '../utils/dedup';

function EntryView({ entry }: { entry: HistoryEntry }) {
  const environments = useEnvironments();
  const catalog = useCatalog();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const replay = useReplayEntry();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [lastReplay, setLastReplay] = useState<RecordedCall | null>(null);

  const environment = environments.data?.environments.find((e) => e.id === entry.environmentId);
  const command = findByKey(catalog.data?.commands ?? [], commandKey(entry));
  // Until the catalog says otherwise, treat the command as one that changes state.
  const access = command?.access ?? 'write';
  const dedup = presentDedupFields(entry.requestBody, dedupFields(command));
  // The shared policy decides before sending; a refusal asking for it anyway (the server's
  // configuration changed since the page loaded) shows the field too.
  const confirmation =
    (environment ? confirmationReason(environment, access) : null) ?? confirmationRequested(replay.error);
  const role = session.data?.user.role;
  const replayBlocked = !environment
    ? environments.isPending
      ? 'Loading environments…'
      : `The environment ${entry.environmentId} is no longer configured, so this call cannot be replayed.`
    : role
      ? sendBlockedReason(role, access, environment)
      : null;
  const compareId = params.get('compare');

  function setCompare(id: string | null) {
    setPickerOpen(false);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('compare', id);
        else next.delete('compare');
        return next;
      },
      { replace: true },
    );
  }

  function send(input: ReplayInput) {
    replay.mutate(input, {
      onSuccess: (result) => {
        setDialogOpen(false);
        setLastReplay(result);
      },
      onError: (error) => {
        if (confirmationRequested(error)) setDialogOpen(true);
      },
    });
  }

  function startReplay() {
    replay.reset();
    setLastReplay(null);
    // Reading again is harmless; anything else gets a last look first.
    if (access === 'read' && dedup.length === 0 && !confirmation) send({ id: entry.id });
    else setDialogOpen(true);
  }

  const replayError = replay.error ? replay.error.message : null;

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group gap="sm" wrap="wrap">
          <Title order={1} size="h2" ff="monospace">
            {entry.service}/{entry.command}
          </Title>
          <OutcomeBadge outcome={entry.outcome} size="lg" />
          {command && <AccessBadge access={command.access} />}
        </Group>
        {command && (
          <Text size="sm" c="dimmed">
            {command.title}
          </Text>
        )}
      </Stack>
      <EntryActions
        entry={entry}
        environment={environment}
        replayBlocked={replayBlocked}
        replaying={replay.isPending && !dialogOpen}
        onReplay={startReplay}
        onCompare={() => setPickerOpen(true)}
      />
      {replayError && !dialogOpen && (
        <Alert color="red" role="alert" title="The replay was not sent">
          {replayError}
        </Alert>
      )}
      {lastReplay && <ReplayResult result={lastReplay} onCompare={(id) => setCompare(id)} />}
      <Paper withBorder p="md">
        <EntrySummary entry={entry} environments={environments.data?.environments} />
        <Divider my="md" />
        <ReplayChain entry={entry} />
      </Paper>
      {compareId && (
        <ErrorBoundary name="Comparison" resetKey={compareId}>
          <CompareView entry={entry} otherId={compareId} onClose={() => setCompare(null)} />
        </ErrorBoundary>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="xs" component="section" aria-label="Request body">
          <Text fw={600}>Request body</Text>
          <ErrorBoundary name="Request body" resetKey={entry.id}>
            <JsonViewer
              path={`inmemory://history/${entry.id}/request.json`}
              value={JSON.stringify(entry.requestBody, null, 2)}
              ariaLabel="Request body as sent"
            />
          </ErrorBoundary>
        </Stack>
        <Stack gap="xs" component="section" aria-label="Response">
          <Text fw={600}>Response</Text>
          <ErrorBoundary name="Response" resetKey={entry.id}>
            <ResponsePanel entry={entry} />
          </ErrorBoundary>
        </Stack>
      </SimpleGrid>
      {dialogOpen && (
        <ReplayDialog
          opened
          onClose={() => setDialogOpen(false)}
          entry={entry}
          environment={environment}
          access={access}
          dedup={dedup}
          confirmation={confirmation}
          pending={replay.isPending}
          error={replayError}
          onReplay={send}
        />
      )}
      <ComparePicker
        opened={pickerOpen}
        onClose={() => setPickerOpen(false)}
        entry={entry}
        onPick={(id) => setCompare(id)}
      />
    </Stack>
  );
}

/** The permalink of one recorded call: `/history/{id}`. */
export default function HistoryEntryPage() {
  const { id = '' } = useParams();
  const entry = useEntry(id);
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/history">
          History
        </Anchor>
        <Text size="sm" ff="monospace">
          {id}
        </Text>
      </Breadcrumbs>
      {entry.isError ? (
        <Alert
          color={entry.error instanceof ApiError && entry.error.status === 404 ? 'yellow' : 'red'}
          role="alert"
          title="Entry not shown"
        >
          {entry.error instanceof ApiError && entry.error.code === 'history/not-found'
            ? `No recorded call has the id ${id}.`
            : entry.error.message}
        </Alert>
      ) : entry.data ? (
        <EntryView key={entry.data.id} entry={entry.data} />
      ) : (
        <EditorSkeleton height={320} label="Loading the entry" />
      )}
    </Stack>
  );
}
