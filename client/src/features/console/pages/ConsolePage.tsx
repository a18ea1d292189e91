import { commandKey, findByKey } from '@console/shared/catalog/lookups';
import { Alert, Button, Center, Kbd, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useCatalog } from '../../../api/get-catalog';
import { useEntry } from '../../../api/get-entry';
import { useSession } from '../../../api/get-session';
import { Spinner } from '../../../components/Spinner';
import { Timestamp } from '../../../components/Timestamp';
import { useSelectedEnvironment } from '../../../hooks/use-selected-environment';
import { readableSearch } from '../../../lib/console-url';
import { rememberEnvironment } from '../../../lib/preferred-environment';
import { CommandHeader } from '../components/CommandHeader';
import { CommandWorkspace } from '../components/CommandWorkspace';
import { loadDraft, pretty, saveDraft } from '../lib/drafts';

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : 'Unknown error';
}

function Loading({ label }: { label: string }) {
  return (
    <Center h={240}>
      <Spinner label={label} />
    </Center>
  );
}

/** `/?env={id}&command={service}/{command}[&from={historyId}]`: the URL is the console's state. */
export default function ConsolePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const selection = useSelectedEnvironment();
  const catalog = useCatalog();
  const session = useSession();
  const from = params.get('from');
  const fromEntry = useEntry(from);
  const environment = selection.environment;
  const selectedKey = params.get('command');
  // Bumped by "Undo" on the copy notice: the workspace re-reads the restored draft.
  const [draftVersion, setDraftVersion] = useState(0);

  // Make the implicit environment explicit, so the address bar is always a shareable link.
  useEffect(() => {
    if (!environment || selection.unknownId) return;
    rememberEnvironment(environment.id);
    if (params.get('env') !== environment.id) {
      const next = new URLSearchParams(params);
      next.set('env', environment.id);
      navigate({ search: readableSearch(next) }, { replace: true });
    }
  }, [environment, params, selection.unknownId, navigate]);

  // `from`: a copy of a recorded call becomes the draft of its environment and command, once.
  useEffect(() => {
    const entry = fromEntry.data;
    if (!from || !entry) return;
    const key = commandKey(entry);
    const copy = pretty(entry.requestBody);
    const previous = loadDraft(entry.environmentId, key);
    saveDraft(entry.environmentId, key, copy);
    const next = new URLSearchParams();
    next.set('env', entry.environmentId);
    next.set('command', key);
    navigate({ search: readableSearch(next) }, { replace: true });
    const replaced = previous !== null && previous !== copy;
    const id = notifications.show({
      autoClose: replaced ? 20_000 : 6_000,
      message: (
        <Stack gap={6} align="flex-start">
          <Text size="sm">
            Opened a copy of the {key} call from <Timestamp value={entry.createdAt} focusable={false} />.{' '}
            {replaced ? 'It replaced your draft of this command.' : 'Edit it and send.'}
          </Text>
          {replaced && (
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                saveDraft(entry.environmentId, key, previous);
                setDraftVersion((v) => v + 1);
                notifications.hide(id);
              }}
            >
              Undo: bring my draft back
            </Button>
          )}
        </Stack>
      ),
    });
  }, [from, fromEntry.data, navigate]);

  if (from && fromEntry.isError) {
    return (
      <Alert color="red" title="That history entry could not be opened" role="alert">
        {describeError(fromEntry.error)}
      </Alert>
    );
  }
  if (from || selection.isLoading || catalog.isPending || session.isPending)
    return <Loading label="Loading" />;
  if (selection.error || catalog.isError) {
    return (
      <Alert color="red" title="The console could not load its configuration" role="alert">
        {describeError(selection.error ?? catalog.error)}
      </Alert>
    );
  }
  if (selection.unknownId) {
    return (
      <Alert color="red" title="Unknown environment" role="alert">
        No environment is configured with the id “{selection.unknownId}”. Pick one in the header.
      </Alert>
    );
  }
  if (!environment) {
    return (
      <Alert color="yellow" title="No environment" role="alert">
        The console has no environment configured.
      </Alert>
    );
  }
  const user = session.data?.user;
  if (!user) return <Loading label="Loading session" />;

  if (!selectedKey) {
    return (
      <Stack gap="sm" maw={640}>
        <Title order={1} size="h3">
          Pick a command
        </Title>
        <Text>
          Choose one of the {catalog.data.commands.length} commands in the sidebar, or press <Kbd>Ctrl</Kbd> +{' '}
          <Kbd>K</Kbd> to search by service, command, title or description.
        </Text>
      </Stack>
    );
  }
  const command = findByKey(catalog.data.commands, selectedKey);
  if (!command) {
    return (
      <Alert color="red" title="Unknown command" role="alert">
        The catalog has no command “{selectedKey}”. Pick one in the sidebar or with Ctrl+K.
      </Alert>
    );
  }

  return (
    <Stack gap="lg">
      <CommandHeader command={command} environment={environment} />
      <CommandWorkspace
        key={`${environment.id}|${selectedKey}|${draftVersion}`}
        command={command}
        environment={environment}
        role={user.role}
      />
    </Stack>
  );
}
