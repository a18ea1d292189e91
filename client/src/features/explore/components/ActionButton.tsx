import type { Environment, JsonObject } from '@console/shared/api';
import { confirmationReason } from '@console/shared/guard-rails';
import { Alert, Anchor, Button, type ButtonProps, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { useCatalog } from '../../../api/get-catalog';
import { useSession } from '../../../api/get-session';
import type { RecordedCall } from '../../../api/recorded-call';
import { useSendRequest } from '../../../api/send-request';
import { TypeToConfirm } from '../../../components/command/TypeToConfirm';
import { EnvironmentLabel } from '../../../components/environment/EnvironmentLabel';
import { confirmationRequested, sendBlockedReason } from '../../../lib/access';
import { ApiError } from '../../../lib/api-client';
import { explorerKeys } from '../api/explorer';

export type ActionButtonProps = {
  environment: Environment;
  service: string;
  command: string;
  /** The button's text, which is also its accessible name. */
  label: string;
  /** The dialog's title. */
  title: string;
  /** The body to send, or null while the fields do not make one yet. */
  body: JsonObject | null;
  /** The fields of the action, shown in its dialog. */
  children?: ReactNode;
  color?: ButtonProps['color'];
  size?: ButtonProps['size'];
  variant?: ButtonProps['variant'];
};

/**
 * One explorer action, sent as an ordinary call (POST /api/requests): the role and read-only checks
 * of the guard-rail policy disable it with the reason, a dialog shows the body and the environment,
 * and the production confirmation (typing the command name) is asked when the policy or the server
 * asks for it. The page is read again afterwards.
 */
export function ActionButton(props: ActionButtonProps) {
  const { environment, service, command, label, color, size = 'xs', variant = 'light' } = props;
  const [opened, setOpened] = useState(false);
  const catalog = useCatalog();
  const session = useSession();
  const spec = catalog.data?.commands.find((c) => c.service === service && c.command === command);
  const role = session.data?.user.role;
  const blocked = spec && role ? sendBlockedReason(role, spec.access, environment) : null;
  const describedBy = `action-${service}-${command}-${label}`.replace(/[^A-Za-z0-9_-]/g, '-');
  return (
    <>
      <Button
        size={size}
        variant={variant}
        color={color ?? (spec?.access === 'destructive' ? 'red' : undefined)}
        disabled={!spec || !role || blocked !== null}
        aria-describedby={blocked ? describedBy : undefined}
        title={blocked ?? undefined}
        onClick={() => setOpened(true)}
      >
        {label}
      </Button>
      {blocked && (
        <Text id={describedBy} hidden>
          {blocked}
        </Text>
      )}
      {opened && spec && <ActionDialog {...props} access={spec.access} onClose={() => setOpened(false)} />}
    </>
  );
}

function ActionDialog({
  environment,
  service,
  command,
  title,
  body,
  children,
  access,
  onClose,
}: ActionButtonProps & { access: 'read' | 'write' | 'destructive'; onClose: () => void }) {
  const queryClient = useQueryClient();
  const send = useSendRequest();
  const [asked, setAsked] = useState(() => confirmationReason(environment, access));
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<RecordedCall | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ready = body !== null && (asked === null || typed === command) && !send.isPending;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!ready || body === null) return;
    setError(null);
    try {
      const call = await send.mutateAsync({
        environmentId: environment.id,
        service,
        command,
        body,
        ...(asked === null ? {} : { confirm: typed }),
      });
      setResult(call);
      await queryClient.invalidateQueries({ queryKey: explorerKeys.all });
    } catch (err) {
      const reason = confirmationRequested(err);
      if (reason !== null) {
        // The server asked for a confirmation the page did not expect: ask for it now.
        setAsked(reason);
        return;
      }
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <Modal opened onClose={onClose} title={title} centered size="lg">
      {result ? (
        <Stack>
          <Alert color={result.entry.outcome === 'ok' ? 'teal' : 'red'} variant="light" role="status">
            <Text size="sm">
              {command}: {result.entry.actionStatus ?? result.failure?.message ?? result.entry.outcome}
              {result.entry.errorCode
                ? ` (error ${result.entry.errorCode}${result.entry.errorInfo ? `: ${result.entry.errorInfo}` : ''})`
                : ''}
            </Text>
            <Anchor component={Link} to={`/history/${result.entry.id}`} size="sm">
              Open the recorded call
            </Anchor>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            {children}
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                Environment
              </Text>
              <EnvironmentLabel environment={environment} detail />
            </Stack>
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                {service}/{command} body
              </Text>
              <Code block>{body === null ? 'Fill in the fields above.' : JSON.stringify(body, null, 2)}</Code>
            </Stack>
            {access !== 'read' && (
              <Alert color={access === 'destructive' ? 'red' : 'orange'} variant="light">
                <Text size="sm">
                  {access === 'destructive'
                    ? 'This command deletes data or disrupts users, and cannot be undone.'
                    : 'This command changes the app.'}{' '}
                  It is recorded in the History and the audit log under your name.
                </Text>
              </Alert>
            )}
            {asked !== null && (
              <TypeToConfirm command={command} reason={asked} value={typed} onChange={setTyped} />
            )}
            {error && (
              <Alert color="red" variant="light" role="alert">
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
                disabled={!ready}
                loading={send.isPending}
              >
                Send {command}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
