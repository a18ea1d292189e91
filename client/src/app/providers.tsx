import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { queryClient } from '../lib/query-client';
import { LazyModals } from './LazyModals';
import { LazyNotifications } from './LazyNotifications';
import { cssVariablesResolver, theme } from './theme';
import './theme.css';

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      {/* "auto" follows the operating system until the operator picks a scheme with the toggle. */}
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
        {/* Both load after the first paint; see each for why nothing is lost meanwhile. */}
        <LazyModals />
        <LazyNotifications />
        {children}
      </MantineProvider>
    </QueryClientProvider>
  );
}
