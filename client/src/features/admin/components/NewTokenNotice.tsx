import type { CreateTokenResponse } from '@console/shared/api';
import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

type Props = { token: CreateTokenResponse; onDone: () => void };

/** The only time the token is ever shown: the server keeps a hash and cannot show it again. */
export function NewTokenNotice({ token, onDone }: Props) {
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={`Token "${token.name}" created: copy it now`}
      role="status"
    >
      <Stack gap="sm">
        <Text size="sm">
          This is the only time the token is shown. Store it in your script's secret store; if it is lost,
          revoke it and create another. Scripts send it as <Code>Authorization: Bearer …</Code> and act{' '}
          {token.role === null ? 'with your role' : `at most as ${token.role}`}.
        </Text>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label="New token"
            value={token.token}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            style={{ flex: 1 }}
          />
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy token'} withArrow>
                <ActionIcon
                  variant="default"
                  size={36}
                  onClick={copy}
                  aria-label={copied ? 'Token copied' : 'Copy token'}
                >
                  {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Group>
          <Button variant="default" onClick={onDone}>
            I have copied it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
