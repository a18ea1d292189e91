import type { Environment } from '@console/shared/api';
import { Alert, Center, Stack, Text, VisuallyHidden } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';
import type { RecordedCall } from '../../../api/recorded-call';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { ResponsePanel } from '../../../components/response/ResponsePanel';
import { Spinner } from '../../../components/Spinner';
import { Timestamp } from '../../../components/Timestamp';
import { ApiError } from '../../../lib/api-client';
import { describeAnswer } from '../lib/announce';

type Props = {
  /** `service/command`, for the announcement. */
  command: string;
  result: RecordedCall | undefined;
  /** The result arrived in this visit (announce it, bring it into view), not kept from an earlier one. */
  fresh: boolean;
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

export function ResponseRegion({ command, result, fresh, error, sending, environment }: Props) {
  const regionRef = useRef<HTMLDivElement>(null);
  const entryId = fresh ? result?.entry.id : undefined;
  // Where the answer is under the editor (narrow screens), bring it up; where it is beside the
  // editor, nothing moves. Focus stays where it was (the editor), so the next edit needs no click.
  useEffect(() => {
    const region = regionRef.current;
    if (!entryId || !region) return;
    const box = region.getBoundingClientRect();
    if (box.top >= window.innerHeight - 80 || box.bottom <= 0) region.scrollIntoView({ block: 'start' });
  }, [entryId]);
  let content: ReactNode;
  if (sending) {
    content = (
      <Center h={160}>
        <Spinner size="sm" label="Sending" />
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
      <>
        {!fresh && (
          <Text size="xs" c="dimmed">
            The last answer in this session, from <Timestamp value={result.entry.createdAt} size="xs" />.
          </Text>
        )}
        <ErrorBoundary name="Response" resetKey={result.entry.id}>
          <ResponsePanel entry={result.entry} failure={result.failure} environment={environment} />
        </ErrorBoundary>
      </>
    );
  } else {
    content = (
      <Text size="sm" c="dimmed">
        Send the request to see the answer here.
      </Text>
    );
  }
  return (
    <Stack gap="xs" component="section" aria-label="Response" aria-busy={sending} ref={regionRef}>
      <Text fw={600}>Response</Text>
      {/* Always in the page, so screen readers know it before it speaks: outcome and RequestId. */}
      <VisuallyHidden role="status" aria-live="polite" data-testid="answer-announcement">
        {fresh && result && !sending ? describeAnswer(command, result.entry, result.failure) : ''}
      </VisuallyHidden>
      {content}
    </Stack>
  );
}
