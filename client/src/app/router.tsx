import { createBrowserRouter } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { AuthGuard } from './layout/AuthGuard';
import { FullPageLoader } from './layout/FullPageLoader';
import { NotFound } from './layout/NotFound';
import { RouteError } from './layout/RouteError';

// Every page is its own lazy chunk: the first paint carries only the shell.
export const router = createBrowserRouter([
  {
    path: '/sign-in',
    lazy: async () => ({ Component: (await import('../features/auth/pages/SignInPage')).default }),
    errorElement: <RouteError />,
    // Shown while the first lazy page of this load arrives.
    hydrateFallbackElement: <FullPageLoader />,
  },
  {
    element: <AuthGuard />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      {
        element: <AppLayout />,
        children: [
          {
            index: true,
            lazy: async () => ({
              Component: (await import('../features/console/pages/ConsolePage')).default,
            }),
          },
          {
            path: 'history',
            lazy: async () => ({
              Component: (await import('../features/history/pages/HistoryListPage')).default,
            }),
          },
          {
            path: 'history/:id',
            lazy: async () => ({
              Component: (await import('../features/history/pages/HistoryEntryPage')).default,
            }),
          },
          // Users and the audit log are for admins (the pages say so to others; the server enforces it).
          {
            path: 'admin/users',
            lazy: async () => ({ Component: (await import('../features/admin/pages/UsersPage')).default }),
          },
          {
            path: 'admin/audit',
            lazy: async () => ({ Component: (await import('../features/admin/pages/AuditPage')).default }),
          },
          {
            path: 'settings/tokens',
            lazy: async () => ({ Component: (await import('../features/admin/pages/TokensPage')).default }),
          },
          {
            path: 'settings/account',
            lazy: async () => ({ Component: (await import('../features/admin/pages/AccountPage')).default }),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
