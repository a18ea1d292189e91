import type { Environment } from '@console/shared/api';
import { Stack, Text } from '@mantine/core';
import { EnvironmentLabel } from '../../../components/environment/EnvironmentLabel';

/** An entry's environment; an id that is no longer configured still shows, as recorded. */
export function EnvironmentName({
  id,
  environments,
  detail = false,
}: {
  id: string;
  environments: readonly Environment[] | undefined;
  detail?: boolean;
}) {
  const environment = environments?.find((e) => e.id === id);
  if (!environment) {
    return (
      <Text span size="sm" ff="monospace">
        {id}
      </Text>
    );
  }
  if (!detail) return <EnvironmentLabel environment={environment} />;
  return (
    <Stack gap={2}>
      <EnvironmentLabel environment={environment} />
      <Text size="xs" c="dimmed">
        {environment.region ?? 'custom endpoint'} · {environment.host} · SDKAppID {environment.sdkAppId}
      </Text>
    </Stack>
  );
}
