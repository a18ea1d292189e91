import type { Environment } from '@console/shared/api';
import { Badge, Tooltip } from '@mantine/core';

/** The built-in sandbox answers this command "not emulated" (99001) instead of doing it. */
export function isNotEmulated(
  environment: Pick<Environment, 'notEmulated'> | null | undefined,
  key: string,
): boolean {
  return environment?.notEmulated?.includes(key) === true;
}

const EXPLANATION =
  'The built-in sandbox does not emulate this command: sending it changes nothing and answers error 99001.';

export function NotEmulatedBadge({ size = 'sm' }: { size?: 'xs' | 'sm' }) {
  return (
    <Tooltip label={EXPLANATION} multiline w={260} withArrow>
      <Badge
        color="gray"
        variant="outline"
        size={size}
        role="note"
        aria-label={`Not emulated. ${EXPLANATION}`}
      >
        not emulated
      </Badge>
    </Tooltip>
  );
}
