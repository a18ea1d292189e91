import type { Environment } from '@console/shared/api';
import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { RecordedCall } from '../../../api/recorded-call';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { ResponsePanel } from '../../../components/response/ResponsePanel';
import { ApiError } from '../../../lib/api-client';

type Props = {
  result: RecordedCall | undefined;
  error: unknown;
  sending: boolean;
  environment: Environment;
};

function refusal(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError) {
    return { title: `The console did not send the call (${error.code})`, message: error.message };
  }
  return {
    title: 'The call could not be sent',
    message: error instanceof Error ? error.message : String(error),
  };
}

export function ResponseRegion({ result, error, sending, environment }: Props) {
  let content: ReactNode;
  if (sending) {
    content = (
      <Center h={160}>
        <Loader size="sm" aria-label="Sending" />
      </Center>
    );
  } else if (error) {
    const { title, message } = refusal(error);
    content = (
      <Alert color="red" title={title} role="alert">
        {message}
      </Alert>
    );
  } else if (result) {
    content = (
      <ErrorBoundary name="Response" resetKey={result.entry.id}>
        <ResponsePanel entry={result.entry} failure={result.failure} environment={environment} />
      </ErrorBoundary>
    );
  } else {
    content = (
      <Text size="sm" c="dimmed">
        Send the request to see the answer here.
      </Text>
    );
  }
  return (
    <Stack gap="xs" component="section" aria-label="Response" aria-busy={sending}>
      <Text fw={600}>Response</Text>
      {content}
    </Stack>
  );
}
