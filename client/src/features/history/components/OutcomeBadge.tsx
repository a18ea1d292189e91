import type { Outcome } from '@console/shared/api';
import { Badge } from '@mantine/core';

const look: Record<Outcome, { color: string; label: string }> = {
  ok: { color: 'teal', label: 'OK' },
  fail: { color: 'orange', label: 'FAIL' },
  error: { color: 'red', label: 'Error' },
  pending: { color: 'blue', label: 'In flight' },
  unknown: { color: 'grape', label: 'Unknown' },
};

/**
 * OK / FAIL is Tencent's answer; Error means no answer came back at all (timeout, unreachable …);
 * In flight is a call still waiting for its answer; Unknown, a call the console stopped during.
 */
export function OutcomeBadge({
  outcome,
  size = 'sm',
}: {
  outcome: Outcome;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}) {
  const { color, label } = look[outcome];
  return (
    <Badge color={color} variant="light" size={size}>
      {label}
    </Badge>
  );
}
