import type { CallbackOutcome } from '@console/shared/api';
import { Badge } from '@mantine/core';

const colors: Record<CallbackOutcome, string> = { allowed: 'green', refused: 'orange', rewritten: 'violet' };

/** What a "before" callback's answer told Tencent to do (allowed, refused, rewritten). */
export function OutcomeBadge({ outcome }: { outcome: CallbackOutcome }) {
  return (
    // A dot, unlike the verdict's tinted badge: a second fact, not a second verdict; the text keeps the
    // page's own colour (contrast in both themes), the dot carries the hue.
    <Badge color={colors[outcome]} variant="dot" style={{ minWidth: 'max-content' }}>
      {outcome}
    </Badge>
  );
}
