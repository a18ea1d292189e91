import { spotlight } from '@mantine/spotlight';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useState } from 'react';
import { afterFirstPaint } from '../after-first-paint';
import { onPaletteRequest } from '../palette-shortcut';

// The palette (Spotlight, its modal and its stylesheets) is not needed to paint the console, so it
// loads in its own chunk: after the first paint, or at once when someone asks for it first.
const CommandSpotlight = lazy(() =>
  import('./CommandSpotlight').then((m) => ({ default: m.CommandSpotlight })),
);

/**
 * Ctrl+K (palette-shortcut.ts, installed before the first render) and the header button open the
 * palette. The open state is Spotlight's store, which the palette reads when its chunk mounts, so a
 * key pressed before then is not lost.
 */
export function useCommandPalette(environmentId: string | null): { open: () => void; palette: ReactNode } {
  const [wanted, setWanted] = useState(false);
  const open = useCallback(() => {
    setWanted(true);
    spotlight.open();
  }, []);
  useEffect(() => onPaletteRequest(open), [open]);
  useEffect(() => afterFirstPaint(() => setWanted(true)), []);
  const palette = wanted ? (
    <Suspense fallback={null}>
      <CommandSpotlight environmentId={environmentId} />
    </Suspense>
  ) : null;
  return { open, palette };
}
