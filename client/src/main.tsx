// Mantine's global styles only; each component's stylesheet comes with its code (see vite.config.ts).
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { installPaletteShortcut } from './app/palette-shortcut';
import { AppProviders } from './app/providers';
import { router } from './app/router';

// Before the first render: Ctrl+K pressed while the console is still loading is queued, not lost.
installPaletteShortcut();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
