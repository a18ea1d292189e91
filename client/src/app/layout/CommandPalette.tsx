import { useHotkeys } from '@mantine/hooks';
import { spotlight } from '@mantine/spotlight';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useState } from 'react';
import { afterFirstPaint } from '../after-first-paint';

// The palette (Spotlight, its modal and its stylesheets) is not needed to paint the console, so it
// loads in its own chunk: after the first paint, or at once when someone asks for it first.
const CommandSpotlight = lazy(() =>
  import('./CommandSpotlight').then((m) => ({ default: m.CommandSpotlight })),
);

/**
 * Ctrl+K and the header button open the palette. The shortcut lives here rather than in Spotlight so
 * it works before the palette's chunk has arrived: the open state is Spotlight's store, which the
 * palette reads when it mounts.
 */
export function useCommandPalette(environmentId: string | null): { open: () => void; palette: ReactNode } {
  const [wanted, setWanted] = useState(false);
  const open = useCallback(() => {
    setWanted(true);
    spotlight.open();
  }, []);
  // Ctrl+K types nothing, so it opens the palette from inside any field (filter, selects) too.
  useHotkeys([['mod + K', open]], [], true);
  useEffect(() => afterFirstPaint(() => setWanted(true)), []);
  const palette = wanted ? (
    <Suspense fallback={null}>
      <CommandSpotlight environmentId={environmentId} />
    </Suspense>
  ) : null;
  return { open, palette };
}
