import { ActionIcon, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';

/** The other theme and the way to it; the header's button and, below lg, the user menu use it. */
export function useThemeSwitch() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const next = computed === 'dark' ? 'light' : 'dark';
  const Icon = computed === 'dark' ? IconSun : IconMoon;
  return { next, Icon, toggle: () => setColorScheme(next) } as const;
}

export function ThemeToggle() {
  const { next, Icon, toggle } = useThemeSwitch();
  return (
    <Tooltip label={`Switch to ${next} theme`}>
      <ActionIcon variant="default" size="lg" aria-label="Toggle colour scheme" onClick={toggle}>
        <Icon size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
