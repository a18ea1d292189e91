import type { Environment } from '@console/shared/api';
import { Group, Text } from '@mantine/core';
import { ProductionBadge } from './ProductionBadge';

/** An environment wherever it appears: its label, in red with a badge when it is production. */
export function EnvironmentLabel({
  environment,
  detail = false,
}: {
  environment: Environment;
  detail?: boolean;
}) {
  return (
    <Group gap={6} wrap="wrap" component="span" style={{ rowGap: 2 }}>
      <Text
        span
        fw={600}
        c={environment.production ? 'red' : undefined}
        size="sm"
        style={{ whiteSpace: 'nowrap' }}
      >
        {environment.label}
      </Text>
      {environment.production && <ProductionBadge size="xs" />}
      {detail && (
        <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {environment.sandbox ? 'sandbox' : (environment.region ?? 'custom endpoint')} · SDKAppID{' '}
          {environment.sdkAppId}
        </Text>
      )}
    </Group>
  );
}
