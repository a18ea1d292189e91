import type { Environment } from '@console/shared/api';
import { Combobox, Group, InputBase, Stack, Text, Tooltip, useCombobox } from '@mantine/core';
import { ProductionBadge } from '../../components/environment/ProductionBadge';
import type { SelectedEnvironment } from '../../hooks/use-selected-environment';

function describe(environment: Environment): string {
  const where = environment.sandbox ? 'sandbox' : (environment.region ?? environment.host);
  return `${where} · SDKAppID ${environment.sdkAppId}`;
}

/**
 * A select-only combobox (WAI-ARIA pattern) built on Mantine's Combobox rather than its Select: Select
 * leaves out `aria-expanded`, which a combobox must carry, and overrides any that is passed to it.
 */
export function EnvironmentSwitcher({ selection }: { selection: SelectedEnvironment }) {
  const { environments, environment } = selection;
  const combobox = useCombobox({
    onDropdownClose: () => combobox.resetSelectedOption(),
    onDropdownOpen: () => combobox.updateSelectedOptionIndex('active'),
  });
  return (
    // The badge never gives way; the name may (see the stylesheet).
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0, flexShrink: 1 }}>
      {/* The whole name and the app on hover or focus: a long label is cut to leave the header's tools
          in view (the input is as wide as its name, within bounds). Not while the list, which says the
          same, is open. On a wrapper: Combobox.Target's props must reach the input itself. */}
      <Tooltip
        label={environment ? `${environment.label} · ${describe(environment)}` : 'Environment'}
        disabled={combobox.dropdownOpened || !environment}
        events={{ hover: true, focus: true, touch: false }}
        position="bottom-start"
        openDelay={300}
      >
        <div style={{ minWidth: 0, display: 'flex' }}>
          <Combobox
            store={combobox}
            width={340}
            position="bottom-end"
            onOptionSubmit={(id) => {
              selection.select(id);
              combobox.closeDropdown();
            }}
          >
            <Combobox.Target targetType="button" withExpandedAttribute>
              <InputBase
                role="combobox"
                aria-label="Environment"
                readOnly
                pointer
                // Sized to its name by the stylesheet (field-sizing); a flex item may still give way.
                classNames={{ root: 'console-env-root', input: 'console-env-input' }}
                rightSection={<Combobox.Chevron />}
                rightSectionPointerEvents="none"
                value={environment?.label ?? ''}
                placeholder={selection.isLoading ? 'Loading environments…' : 'Environment'}
                onClick={() => combobox.toggleDropdown()}
                onBlur={() => combobox.closeDropdown()}
                styles={
                  environment?.production
                    ? {
                        input: {
                          color: 'var(--mantine-color-red-text)',
                          borderColor: 'var(--mantine-color-red-filled)',
                        },
                      }
                    : undefined
                }
              />
            </Combobox.Target>
            <Combobox.Dropdown>
              <Combobox.Options aria-label="Environments">
                {environments.map((env) => (
                  <Combobox.Option
                    key={env.id}
                    value={env.id}
                    active={env.id === environment?.id}
                    aria-selected={env.id === environment?.id}
                  >
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
                  </Combobox.Option>
                ))}
              </Combobox.Options>
            </Combobox.Dropdown>
          </Combobox>
        </div>
      </Tooltip>
      {environment?.production && <ProductionBadge />}
    </Group>
  );
}
