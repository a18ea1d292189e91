import { useMediaQuery } from '@mantine/hooks';

/**
 * How much the header can show (issue 19). From Mantine's `lg` (75em, 1200 px) the user's name, the
 * sign-out button, the theme switch and the explorer's search box are in the header. Below it, the theme
 * and the way out are in the user menu, the name is in the menu's accessible name and dropdown, and the
 * search opens from an icon. From 105em (1680 px) "Find command" has its label. Read on the first
 * render (a client-only app), so nothing jumps between two places after paint.
 */
export function useHeaderRoom(): { roomy: boolean; wide: boolean } {
  const roomy = useMediaQuery('(min-width: 75em)', true, { getInitialValueInEffect: false });
  const wide = useMediaQuery('(min-width: 105em)', true, { getInitialValueInEffect: false });
  return { roomy, wide };
}
