import type { CallbackEndpoint } from '@console/shared/api';
import {
  Alert,
  Button,
  Code,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { callbackUrl } from '../lib/curl';

type Props = {
  endpoints: CallbackEndpoint[];
  environmentId: string | null;
  onEnvironment: (id: string | null) => void;
};

/** The URL to paste into Tencent's console for an environment, and what the receiver does there. */
export function CallbackUrlPanel({ endpoints, environmentId, onEnvironment }: Props) {
  const clipboard = useClipboard({ timeout: 1500 });
  const endpoint = endpoints.find((e) => e.environmentId === environmentId) ?? endpoints[0];
  if (!endpoint) return null;
  const url = callbackUrl(window.location.origin, endpoint.environmentId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="callback-url-title">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h4" id="callback-url-title">
            Callback URL
          </Title>
          <Select
            label="For environment"
            data={endpoints.map((e) => ({ value: e.environmentId, label: e.label }))}
            value={endpoint.environmentId}
            onChange={onEnvironment}
            allowDeselect={false}
            w={240}
          />
        </Group>
        {endpoint.enabled ? (
          <>
            <Text size="sm">
              Paste this into the Chat console (app → Callback configuration → Callback URL) and set its
              authentication token to this environment’s <Code>callback.token</Code>:
            </Text>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                label="URL for Tencent's console"
                value={url}
                readOnly
                onFocus={(event) => event.currentTarget.select()}
                style={{ flex: 1 }}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              <Button
                variant="default"
                leftSection={clipboard.copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                onClick={() => clipboard.copy(url)}
              >
                {clipboard.copied ? 'Copied' : 'Copy URL'}
              </Button>
            </Group>
            <Text size="sm" c="dimmed">
              SdkAppid {endpoint.sdkAppId} · forwards to{' '}
              {endpoint.forwardTo.length === 0 ? 'nowhere' : endpoint.forwardTo.join(', ')} ·{' '}
              {endpoint.rules.length === 0
                ? 'no rules: every "before" callback is allowed'
                : `${endpoint.rules.length} rule(s) for "before" callbacks:`}
            </Text>
            {endpoint.rules.length > 0 && (
              <List size="sm">
                {endpoint.rules.map((r) => (
                  <List.Item key={r.name}>
                    <b>{r.name}</b>: {r.action} {r.command}
                    {r.match ? ` when ${r.match}` : ''}
                  </List.Item>
                ))}
              </List>
            )}
          </>
        ) : (
          <Alert color="gray" title="Callbacks are off for this environment">
            Give it <Code>callback.token</Code> (the token set in Tencent’s callback configuration) in the
            environments file; the receiver answers 404 until then.
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
