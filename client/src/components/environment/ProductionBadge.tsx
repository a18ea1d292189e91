import { Badge } from '@mantine/core';

export function ProductionBadge({ size = 'sm' }: { size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge color="red" variant="filled" size={size} style={{ flexShrink: 0, overflow: 'visible' }}>
      Production
    </Badge>
  );
}
