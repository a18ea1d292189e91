import type { Environment } from '@console/shared/api';
import { Group, Select, Stack, Text } from '@mantine/core';
import { ProductionBadge } from '../../components/environment/ProductionBadge';
import type { SelectedEnvironment } from '../../hooks/use-selected-environment';

function describe(environment: Environment): string {
  const where = environment.sandbox ? 'sandbox' : (environment.region ?? environment.host);
  return `${where} · SDKAppID ${environment.sdkAppId}`;
}

export function EnvironmentSwitcher({ selection }: { selection: SelectedEnvironment }) {
  const { environments, environment } = selection;
  const byId = new Map(environments.map((e) => [e.id, e]));
  return (
    <Group gap={6} wrap="nowrap">
      <Select
        role="combobox"
        aria-label="Environment"
        placeholder={selection.isLoading ? 'Loading environments…' : 'Environment'}
        w={220}
        allowDeselect={false}
        checkIconPosition="right"
        comboboxProps={{ width: 340, position: 'bottom-end' }}
        data={environments.map((e) => ({ value: e.id, label: e.label }))}
        value={environment?.id ?? null}
        onChange={(id) => id && selection.select(id)}
        styles={
          environment?.production
            ? { input: { color: 'var(--mantine-color-red-7)', borderColor: 'var(--mantine-color-red-6)' } }
            : undefined
        }
        renderOption={({ option }) => {
          const env = byId.get(option.value);
          if (!env) return option.label;
          return (
            <Stack gap={0}>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={500} c={env.production ? 'red' : undefined}>
                  {env.label}
                </Text>
                {env.production && <ProductionBadge size="xs" />}
              </Group>
              <Text size="xs" c="dimmed">
                {describe(env)}
              </Text>
            </Stack>
          );
        }}
      />
      {environment?.production && <ProductionBadge />}
    </Group>
  );
}
