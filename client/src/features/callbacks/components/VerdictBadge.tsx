import type { CallbackVerdict } from '@console/shared/api';
import { Badge } from '@mantine/core';

export function VerdictBadge({ verdict }: { verdict: CallbackVerdict }) {
  return (
    // Never cut to "ACCE…" in a narrow table column: the label is the whole point.
    <Badge
      color={verdict === 'accepted' ? 'teal' : 'red'}
      variant="light"
      style={{ minWidth: 'max-content' }}
    >
      {verdict}
    </Badge>
  );
}
