import type { Access } from '@console/shared/api';
import { Badge } from '@mantine/core';

const colors: Record<Access, string> = { read: 'teal', write: 'orange', destructive: 'red' };

export function AccessBadge({ access, size = 'sm' }: { access: Access; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge color={colors[access]} variant="light" size={size}>
      {access}
    </Badge>
  );
}
