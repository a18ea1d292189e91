import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { RecordedCall } from '../../../api/recorded-call';
import { OutcomeBadge } from './OutcomeBadge';

/** Says how the replay went right where it was asked for, with the way on to its entry or a comparison. */
export function ReplayResult({
  result,
  onCompare,
}: {
  result: RecordedCall;
  onCompare: (id: string) => void;
}) {
  const { entry, failure } = result;
  return (
    <Alert
      color={entry.outcome === 'ok' ? 'teal' : entry.outcome === 'fail' ? 'orange' : 'red'}
      title="Replayed"
      role="status"
    >
      <Group gap="sm" wrap="wrap">
        <OutcomeBadge outcome={entry.outcome} />
        {entry.errorCode ? <Text size="sm">ErrorCode {entry.errorCode}</Text> : null}
        {failure && <Text size="sm">{failure.message}</Text>}
        <Text size="sm">
          RequestId{' '}
          <Text span ff="monospace" size="sm" data-testid="replay-request-id">
            {entry.requestId ?? 'none (no answer came back)'}
          </Text>
        </Text>
        <Anchor component={Link} to={`/history/${encodeURIComponent(entry.id)}`} size="sm">
          Open the replay
        </Anchor>
        <Button size="xs" variant="light" onClick={() => onCompare(entry.id)}>
          Compare with the replay
        </Button>
      </Group>
    </Alert>
  );
}
