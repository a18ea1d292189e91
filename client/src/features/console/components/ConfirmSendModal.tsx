import type { CatalogCommand, Environment } from '@console/shared/api';
import type { ConfirmationReason } from '@console/shared/guard-rails';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { TypeToConfirm } from '../../../components/command/TypeToConfirm';
import { EnvironmentLabel } from '../../../components/environment/EnvironmentLabel';

type Props = {
  opened: boolean;
  command: CatalogCommand;
  environment: Environment;
  /** Why the operator types the command name (sent as `confirm`), or null when a look is enough. */
  confirmation: ConfirmationReason | null;
  onCancel: () => void;
  onConfirm: (confirm: string | undefined) => void;
};

export function ConfirmSendModal({ opened, command, environment, confirmation, onCancel, onConfirm }: Props) {
  const typed = confirmation !== null;
  const [text, setText] = useState('');
  const ready = !typed || text === command.command;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!ready) return;
    onConfirm(typed ? text : undefined);
    setText('');
  };
  const cancel = () => {
    setText('');
    onCancel();
  };
  return (
    <Modal opened={opened} onClose={cancel} title={`Send ${command.command}?`} centered>
      <form onSubmit={submit}>
        <Stack>
          <Alert color={command.access === 'destructive' ? 'red' : 'orange'} variant="light">
            <Text size="sm">
              {command.access === 'destructive'
                ? 'This command deletes data or disrupts users, and cannot be undone.'
                : 'This command changes the app.'}
            </Text>
          </Alert>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              Environment
            </Text>
            <EnvironmentLabel environment={environment} detail />
          </Stack>
          {confirmation && (
            <TypeToConfirm command={command.command} reason={confirmation} value={text} onChange={setText} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={cancel}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!ready}>
              Send {command.command}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
