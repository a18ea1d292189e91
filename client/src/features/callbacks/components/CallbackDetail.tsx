import { type CallbackEndpoint, callbackOutcome, isBeforeCallback } from '@console/shared/api';
import { hasRole } from '@console/shared/guard-rails';
import { callbackConversation } from '@console/shared/messages';
import { Alert, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { IconCheck, IconSend, IconTerminal2 } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useSession } from '../../../api/get-session';
import { BodyViews } from '../../../components/response/BodyViews';
import { Spinner } from '../../../components/Spinner';
import { formatTime } from '../../../lib/format-time';
import { useCallbackEntry, useForwardCallback } from '../api/callbacks';
import { toCallbackCurl } from '../lib/curl';
import { JsonBlock } from './JsonBlock';
import { OutcomeBadge } from './OutcomeBadge';
import { VerdictBadge } from './VerdictBadge';

type Props = { id: string; endpoint: CallbackEndpoint | undefined };

/** The body as JSON, and also as tables of its lists of records and, for a message, a one-message conversation. */
function CallbackBody({ command, body }: { command: string; body: unknown }) {
  const messages = useMemo(() => callbackConversation(body), [body]);
  return (
    <BodyViews
      body={body}
      json={<JsonBlock title="Body" value={body} />}
      messages={messages}
      label={command || 'the callback'}
      conversationLabel={`Message of ${command || 'the callback'}`}
      switchLabel="Show the body as"
    />
  );
}

export function CallbackDetail({ id, endpoint }: Props) {
  const entry = useCallbackEntry(id);
  const session = useSession();
  const forward = useForwardCallback();
  const clipboard = useClipboard({ timeout: 1500 });
  const targets = endpoint?.forwardTo ?? [];
  const [target, setTarget] = useState<string | null>(null);
  const chosen = target ?? targets[0] ?? null;
  const canForward = session.data ? hasRole(session.data.user.role, 'operator') : false;

  if (entry.isLoading) return <Spinner size="sm" label="Loading the callback" />;
  if (entry.error || !entry.data) {
    return (
      <Alert color="red" title="This callback cannot be shown">
        {entry.error?.message ?? 'Not found.'}
      </Alert>
    );
  }
  const e = entry.data;
  const outcome = callbackOutcome(e);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="callback-detail-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Title order={2} size="h4" id="callback-detail-title" ff="monospace">
              {e.command || '(no command)'}
            </Title>
            <VerdictBadge verdict={e.verdict} />
            {outcome && <OutcomeBadge outcome={outcome} />}
          </Group>
          <Button
            variant="default"
            size="xs"
            leftSection={clipboard.copied ? <IconCheck size={14} /> : <IconTerminal2 size={14} />}
            onClick={() => clipboard.copy(toCallbackCurl(e, window.location.origin))}
          >
            {clipboard.copied ? 'Copied' : 'Copy as cURL'}
          </Button>
        </Group>
        <Table withTableBorder={false} aria-label="Callback summary">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={150}>Received</Table.Th>
              <Table.Td>
                {formatTime(e.receivedAt)} · {e.environmentId}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Verdict</Table.Th>
              <Table.Td>{e.reason}</Table.Td>
            </Table.Tr>
            {/* Only a "before" callback's answer is decided (by a rule, or allowed by default). */}
            {e.verdict === 'accepted' && isBeforeCallback(e.command) && (
              <Table.Tr>
                <Table.Th>Decided by</Table.Th>
                <Table.Td>{e.decidedBy === null ? 'default' : `rule "${e.decidedBy}"`}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th>Answered</Table.Th>
              <Table.Td>
                HTTP {e.httpStatus} in {e.durationMs} ms
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>From</Table.Th>
              <Table.Td>
                {e.clientAddress ?? 'unknown'}
                {e.query.ClientIP
                  ? ` (ClientIP ${e.query.ClientIP}, ${e.query.OptPlatform ?? 'no platform'})`
                  : ''}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <CallbackBody command={e.command} body={e.body} />
        <JsonBlock title="Answer" value={e.answer} />
        <JsonBlock title="Query (without Sign)" value={e.query} />
        <section aria-labelledby="callback-forwards-title">
          <Title order={3} size="h6" id="callback-forwards-title" mb={4}>
            Forwards
          </Title>
          {e.forwards.length === 0 ? (
            <Text size="sm" c="dimmed">
              {targets.length === 0
                ? 'No forward targets are configured for this environment.'
                : 'Not forwarded yet.'}
            </Text>
          ) : (
            <Table aria-label="Forward results">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Target</Table.Th>
                  <Table.Th>At</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>By</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {e.forwards.map((f) => (
                  <Table.Tr key={`${f.target}-${f.at}`}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {f.target}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatTime(f.at)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c={f.error ? 'red' : undefined}>
                        {f.error ?? `HTTP ${f.status}`}
                      </Text>
                    </Table.Td>
                    <Table.Td>{f.durationMs} ms</Table.Td>
                    <Table.Td>{f.by ?? 'on arrival'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {e.verdict === 'accepted' && targets.length > 0 && canForward && (
            <Group align="flex-end" gap="sm" mt="sm">
              <Select
                label="Re-send to"
                data={targets}
                value={chosen}
                onChange={setTarget}
                allowDeselect={false}
                w={360}
              />
              <Button
                leftSection={<IconSend size={14} />}
                loading={forward.isPending}
                disabled={chosen === null}
                onClick={() => chosen && forward.mutate({ id: e.id, target: chosen })}
              >
                Re-send
              </Button>
            </Group>
          )}
          {forward.error && (
            <Alert color="red" mt="sm" title="Not re-sent">
              {forward.error.message}
            </Alert>
          )}
        </section>
      </Stack>
    </Paper>
  );
}
