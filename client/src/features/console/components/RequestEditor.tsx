import type { CatalogCommand } from '@console/shared/api';
import { Alert, Badge, Button, Group, Kbd, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRestore, IconSend, IconWand } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { JsonEditor } from '../../../components/monaco/JsonEditor';

type Props = {
  command: CatalogCommand;
  path: string;
  value: string;
  onChange: (value: string) => void;
  onReset: () => void;
  onFormat: () => void;
  onSend: () => void;
  sending: boolean;
  /** Why Send is disabled (role, read-only environment), or null. */
  blockedReason: string | null;
  /** Where the JSON is wrong, after a blocked send or format. */
  syntaxError: string | null;
  /** The body differs from the command's example (a draft or a copy of a recorded call). */
  edited: boolean;
};

export function RequestEditor(props: Props) {
  const {
    command,
    path,
    value,
    onChange,
    onReset,
    onFormat,
    onSend,
    sending,
    blockedReason,
    syntaxError,
    edited,
  } = props;
  const [warnings, setWarnings] = useState(0);
  return (
    <Stack gap="xs" component="section" aria-label="Request body">
      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={600}>Request body</Text>
          {edited && (
            <Badge variant="light" color="yellow" size="sm" data-testid="body-edited">
              edited
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          <Button variant="default" size="xs" leftSection={<IconRestore size={14} />} onClick={onReset}>
            Reset to example
          </Button>
          <Button variant="default" size="xs" leftSection={<IconWand size={14} />} onClick={onFormat}>
            Format
          </Button>
        </Group>
      </Group>
      <ErrorBoundary name="Editor" resetKey={path}>
        <Paper withBorder style={{ overflow: 'hidden' }}>
          <JsonEditor
            path={path}
            value={value}
            onChange={onChange}
            schema={command.schema}
            onSubmit={onSend}
            onWarnings={setWarnings}
            height={420}
            ariaLabel={`Request body for ${command.service}/${command.command}`}
            // Picking a command (palette, sidebar, link) is asking to edit its body.
            autoFocus
            focusTargetName="request-body"
          />
        </Paper>
      </ErrorBoundary>
      {/* Monaco keeps Tab for indenting; this is the way out that it offers. */}
      <Text size="xs" c="dimmed">
        In the editor, Tab indents. To move on with Tab, press <Kbd size="xs">Ctrl</Kbd> +{' '}
        <Kbd size="xs">M</Kbd> first (again to switch back). <Kbd size="xs">Ctrl</Kbd> +{' '}
        <Kbd size="xs">K</Kbd> opens the command palette from anywhere.
      </Text>
      {syntaxError && (
        <Alert color="red" role="alert" icon={<IconAlertTriangle size={18} />} data-testid="body-error">
          {syntaxError} Nothing was sent.
        </Alert>
      )}
      {warnings > 0 && !syntaxError && (
        <Text size="sm" c="yellow">
          {warnings === 1 ? '1 problem' : `${warnings} problems`} in the editor (schema warnings never block
          sending; the Chat API has the last word).
        </Text>
      )}
      <Group gap="sm">
        <Button
          leftSection={<IconSend size={16} />}
          onClick={onSend}
          loading={sending}
          disabled={blockedReason !== null}
          color={command.access === 'destructive' ? 'red' : undefined}
          aria-describedby={blockedReason ? 'send-blocked-reason' : undefined}
        >
          Send
        </Button>
        {blockedReason ? (
          <Text size="sm" c="dimmed" id="send-blocked-reason">
            {blockedReason}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> sends
          </Text>
        )}
      </Group>
    </Stack>
  );
}
