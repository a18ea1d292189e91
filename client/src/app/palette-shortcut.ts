/**
 * Ctrl/Cmd+K opens the palette from anywhere: a field, the Monaco editor (which would otherwise take
 * Ctrl+K as the start of a chord and swallow the keys that follow), the answer viewer, and before the
 * console's frame or the palette's chunk has loaded (the key is queued until someone can open it).
 * The listener is on `window` in the capture phase, so it runs before any element's own handler.
 */

export function isPaletteKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
) {
  return (
    (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k'
  );
}

type Opener = () => void;

const openers = new Set<Opener>();
let queued = false;

/** Opens the palette now, or as soon as a palette is listening. */
export function requestPalette(): void {
  if (openers.size === 0) {
    queued = true;
    return;
  }
  for (const open of openers) open();
}

/** Registers what opens the palette; a key pressed before this runs opens it at once. */
export function onPaletteRequest(open: Opener): () => void {
  openers.add(open);
  if (queued) {
    queued = false;
    open();
  }
  return () => {
    openers.delete(open);
  };
}

/** Forgets a queued request (tests start clean with it). */
export function dropQueuedPaletteRequest(): void {
  queued = false;
}

/** Signed out there is no palette to open, so the key keeps its browser meaning there. */
const onSignInPage = () => window.location.pathname === '/sign-in';

export function installPaletteShortcut(
  target: Pick<Window, 'addEventListener'> = window,
  ignore: () => boolean = onSignInPage,
): void {
  target.addEventListener(
    'keydown',
    (event) => {
      if (!isPaletteKey(event) || event.repeat || ignore()) return;
      event.preventDefault();
      event.stopPropagation();
      requestPalette();
    },
    { capture: true },
  );
}
