import { Button, Group } from '@mantine/core';
import { NavLink, useLocation } from 'react-router';
import { useSession } from '../../api/get-session';
import { isConsoleLocation } from '../../lib/console-url';

// Users and Audit only for admins; everyone's own tokens and password live in the user menu.
const links = [
  { to: '/', label: 'Dashboard', end: true, adminOnly: false },
  { to: '/console', label: 'Console', end: true, adminOnly: false },
  { to: '/history', label: 'History', end: false, adminOnly: false },
  { to: '/runs', label: 'Runs', end: false, adminOnly: false },
  { to: '/callbacks', label: 'Callbacks', end: false, adminOnly: false },
  { to: '/admin/users', label: 'Users', end: false, adminOnly: true },
  { to: '/admin/audit', label: 'Audit', end: false, adminOnly: true },
];

export function MainNav() {
  const session = useSession();
  const isAdmin = session.data?.user.role === 'admin';
  const location = useLocation();
  // `/?env=…&command=…` is the console, though its path is the dashboard's.
  const onConsole = isConsoleLocation(location.pathname, location.search);
  const active = (to: string, routerSays: boolean) =>
    to === '/console' ? onConsole : to === '/' ? routerSays && !onConsole : routerSays;
  return (
    <Group gap={4} component="nav" aria-label="Main" wrap="nowrap">
      {links
        .filter((link) => isAdmin || !link.adminOnly)
        .map((link) => (
          <NavLink key={link.to} to={link.to} end={link.end} style={{ textDecoration: 'none' }}>
            {({ isActive }) => (
              <Button
                component="span"
                variant={active(link.to, isActive) ? 'light' : 'subtle'}
                size="compact-sm"
                px="xs"
              >
                {link.label}
              </Button>
            )}
          </NavLink>
        ))}
    </Group>
  );
}
