import type { Access, Environment, HistoryEntry } from '@console/shared/api';
import type { ConfirmationReason } from '@console/shared/guard-rails';
import { Alert, Button, Checkbox, Code, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRepeat } from '@tabler/icons-react';
import { useState } from 'react';
import type { ReplayInput } from '../../../api/replay-entry';
import { AccessBadge } from '../../../components/command/AccessBadge';
import { TypeToConfirm } from '../../../components/command/TypeToConfirm';
import { EnvironmentLabel } from '../../../components/environment/EnvironmentLabel';
import { withFreshValues } from '../utils/dedup';

type Props = {
  opened: boolean;
  onClose: () => void;
  entry: HistoryEntry;
  environment: Environment | undefined;
  access: Access;
  /** The de-duplicated top-level fields the recorded body holds. */
  dedup: readonly string[];
  /** Why the operator must type the command name, from the shared guard-rail policy; null when not. */
  confirmation: ConfirmationReason | null;
  pending: boolean;
  error: string | null;
  onReplay: (input: ReplayInput) => void;
};

const accessWarning: Record<Access, string | null> = {
  read: null,
  write: 'This command changes state in the app. Replaying it applies the change again.',
  destructive:
    'This command deletes or irreversibly disrupts users, groups or messages. Replaying it does it again.',
};

/** The last look before a recorded call is sent again: what it does, where, and what Tencent will drop. */
export function ReplayDialog(props: Props) {
  const {
    opened,
    onClose,
    entry,
    environment,
    access,
    dedup: present,
    confirmation,
    pending,
    error,
    onReplay,
  } = props;
  const [fresh, setFresh] = useState(true);
  const [typed, setTyped] = useState('');
  const confirmed = confirmation === null || typed === entry.command;
  const warning = accessWarning[access];

  function submit() {
    const input: ReplayInput = { id: entry.id };
    if (fresh && present.length > 0) input.body = withFreshValues(entry.requestBody, present);
    if (confirmation) input.confirm = typed;
    onReplay(input);
  }

  return (
    <Modal opened={opened} onClose={onClose} title={`Replay ${entry.service}/${entry.command}`} size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (confirmed && !pending) submit();
        }}
      >
        <Stack gap="md">
          <Group gap="xs">
            <Text size="sm">Sends the recorded body again to</Text>
            {environment ? (
              <EnvironmentLabel environment={environment} />
            ) : (
              <Code>{entry.environmentId}</Code>
            )}
            <AccessBadge access={access} />
          </Group>
          {warning && (
            <Alert
              color={access === 'destructive' ? 'red' : 'orange'}
              icon={<IconAlertTriangle size={18} aria-hidden />}
              title={access === 'destructive' ? 'Destructive command' : 'Write command'}
            >
              {warning}
            </Alert>
          )}
          {present.length > 0 && (
            <Alert color="yellow" title="Tencent de-duplicates on these fields" variant="light">
              <Stack gap="xs">
                <Text size="sm">
                  A replay with the same value can be accepted and then silently dropped as a duplicate:
                </Text>
                <List size="sm">
                  {present.map((field) => (
                    <List.Item key={field}>
                      <Code>{field}</Code> = <Code>{JSON.stringify(entry.requestBody[field])}</Code>
                    </List.Item>
                  ))}
                </List>
                <Checkbox
                  label="Use fresh values"
                  description="Replace them with new random numbers before sending."
                  checked={fresh}
                  onChange={(event) => setFresh(event.currentTarget.checked)}
                />
              </Stack>
            </Alert>
          )}
          {confirmation && (
            <TypeToConfirm command={entry.command} reason={confirmation} value={typed} onChange={setTyped} />
          )}
          {error && (
            <Alert color="red" role="alert" title="The replay was not sent">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              color={access === 'destructive' ? 'red' : undefined}
              leftSection={<IconRepeat size={16} aria-hidden />}
              disabled={!confirmed}
              loading={pending}
            >
              Replay now
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
