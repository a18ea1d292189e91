import { lazy } from 'react';
import { createBrowserRouter, useLocation } from 'react-router';
import { isConsoleLocation } from '../lib/console-url';
import { requestModals } from './LazyModals';
import { AppLayout } from './layout/AppLayout';
import { AuthGuard } from './layout/AuthGuard';
import { FullPageLoader } from './layout/FullPageLoader';
import { NotFound } from './layout/NotFound';
import { RouteError } from './layout/RouteError';

// Every page in the frame is its own lazy chunk, rendered under AppLayout's Suspense: the shell (header,
// command list) paints as soon as the session is known, without waiting for the page's chunk.
const ConsolePage = lazy(() => import('../features/console/pages/ConsolePage'));
const DashboardPage = lazy(() => import('../features/dashboard/pages/DashboardPage'));
const HistoryListPage = lazy(() => import('../features/history/pages/HistoryListPage'));
const HistoryEntryPage = lazy(() => import('../features/history/pages/HistoryEntryPage'));
const RunsPage = lazy(() => import('../features/runs/pages/RunsPage'));
const ExploreUserPage = lazy(() => import('../features/explore/pages/UserPage'));
const ExploreGroupPage = lazy(() => import('../features/explore/pages/GroupPage'));
const CallbacksPage = lazy(() => import('../features/callbacks/pages/CallbacksPage'));
const AuditPage = lazy(() => import('../features/admin/pages/AuditPage'));
const AccountPage = lazy(() => import('../features/admin/pages/AccountPage'));
// These pages ask for confirmations through `modals`, whose host must be listening first.
const UsersPage = lazy(
  async () => (await Promise.all([import('../features/admin/pages/UsersPage'), requestModals()]))[0],
);
const TokensPage = lazy(
  async () => (await Promise.all([import('../features/admin/pages/TokensPage'), requestModals()]))[0],
);

/** `/` is the dashboard; links to a command made before it existed (`/?env=…&command=…`) open the console. */
function Landing() {
  const location = useLocation();
  return isConsoleLocation(location.pathname, location.search) ? <ConsolePage /> : <DashboardPage />;
}

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
          { index: true, element: <Landing /> },
          { path: 'console', element: <ConsolePage /> },
          { path: 'history', element: <HistoryListPage /> },
          { path: 'history/:id', element: <HistoryEntryPage /> },
          { path: 'runs', element: <RunsPage /> },
          { path: 'explore/users/:userId', element: <ExploreUserPage /> },
          { path: 'explore/groups/:groupId', element: <ExploreGroupPage /> },
          { path: 'callbacks', element: <CallbacksPage /> },
          // Users and the audit log are for admins (the pages say so to others; the server enforces it).
          { path: 'admin/users', element: <UsersPage /> },
          { path: 'admin/audit', element: <AuditPage /> },
          { path: 'settings/tokens', element: <TokensPage /> },
          { path: 'settings/account', element: <AccountPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
