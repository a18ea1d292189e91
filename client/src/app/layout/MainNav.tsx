import { Button, Group } from '@mantine/core';
import { NavLink } from 'react-router';

// Issue 7 adds "Admin" (users, tokens, audit) for admins here.
const links = [
  { to: '/', label: 'Console', end: true },
  { to: '/history', label: 'History', end: false },
];

export function MainNav() {
  return (
    <Group gap={4} component="nav" aria-label="Main">
      {links.map((link) => (
        <NavLink key={link.to} to={link.to} end={link.end} style={{ textDecoration: 'none' }}>
          {({ isActive }) => (
            <Button component="span" variant={isActive ? 'light' : 'subtle'} size="sm">
              {link.label}
            </Button>
          )}
        </NavLink>
      ))}
    </Group>
  );
}
