import {
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  type MantineColorsTuple,
} from '@mantine/core';

/**
 * Mantine's palette with the warm and green hues darkened from shade 7 on. Their default shades 7–9
 * are too light for white text (teal 8 is 3.95:1) and for text on a white page, so badges, buttons
 * and coloured text in these colours failed WCAG AA (4.5:1). Shades 0–6 are Mantine's, so tints and
 * the dark theme's text colours (shade 3–4) look as before.
 */
function darkenTail(
  base: MantineColorsTuple,
  seven: string,
  eight: string,
  nine: string,
): MantineColorsTuple {
  return [base[0], base[1], base[2], base[3], base[4], base[5], base[6], seven, eight, nine];
}

/**
 * The console's one theme. Contrast is settled here rather than per component (issue 19 item 7):
 * - filled colours (buttons, filled badges) use shade 8, which holds ≥ 4.9:1 against white text for
 *   every hue the console uses;
 * - light variants (badges, the active nav item) write their text in shade 9 on the light theme,
 *   ≥ 5.2:1 on their own 10 % tint;
 * - dimmed text and the keyboard focus ring get colours of their own per scheme (see the resolver).
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  focusClassName: 'console-focus',
  colors: {
    teal: darkenTail(DEFAULT_THEME.colors.teal, '#099268', '#087f5b', '#06654a'),
    green: darkenTail(DEFAULT_THEME.colors.green, '#2b8a3e', '#15803d', '#166534'),
    orange: darkenTail(DEFAULT_THEME.colors.orange, '#e8590c', '#c2410c', '#9a3412'),
    yellow: darkenTail(DEFAULT_THEME.colors.yellow, '#f08c00', '#a16207', '#854d0e'),
    cyan: darkenTail(DEFAULT_THEME.colors.cyan, '#0c8599', '#0b7285', '#095c6b'),
    red: darkenTail(DEFAULT_THEME.colors.red, '#e03131', '#c92a2a', '#a51d1d'),
  },
});

const paletteNames = Object.keys(DEFAULT_THEME.colors);

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    // gray.6 was 3.32:1 on white; this is 6.1:1 on white and 5.1:1 on gray.2.
    '--mantine-color-dimmed': '#5c636a',
    '--console-focus-ring': 'var(--mantine-color-indigo-8)',
    ...Object.fromEntries(
      paletteNames.map((name) => [`--mantine-color-${name}-light-color`, `var(--mantine-color-${name}-9)`]),
    ),
  },
  dark: {
    // dark.2 was 4.03:1 on the dark body; this is 6.9:1 there and 4.5:1 on dark.4 (hovered rows).
    '--mantine-color-dimmed': '#adadad',
    // indigo.4 is 4.35:1 on a red alert's tint; indigo.3 is ≥ 5.3:1 on every dark surface.
    '--mantine-color-anchor': 'var(--mantine-color-indigo-3)',
    // The filled indigo of buttons is only 2.7:1 on the dark body: the ring takes a light shade.
    '--console-focus-ring': 'var(--mantine-color-indigo-3)',
  },
});
