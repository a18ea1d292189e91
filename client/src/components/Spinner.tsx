import { Loader, type LoaderProps } from '@mantine/core';

/**
 * A Mantine Loader that screen readers can name. Loader renders a bare span, and axe rejects
 * `aria-label` on a span without a role (aria-prohibited-attr), so every labelled spinner goes
 * through here and carries role="status".
 */
export function Spinner({ label, ...props }: Omit<LoaderProps, 'aria-label' | 'role'> & { label: string }) {
  return <Loader role="status" aria-label={label} {...props} />;
}
