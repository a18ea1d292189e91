import type { CallbackVerdict } from '@console/shared/api';
import { Badge } from '@mantine/core';

export function VerdictBadge({ verdict }: { verdict: CallbackVerdict }) {
  return (
    <Badge color={verdict === 'accepted' ? 'teal' : 'red'} variant="light">
      {verdict}
    </Badge>
  );
}
