import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import { afterFirstPaint } from './after-first-paint';

const loadModals = () => import('@mantine/modals');
const ModalsProvider = lazy(() => loadModals().then((m) => ({ default: m.ModalsProvider })));

let requested = false;
const listeners = new Set<() => void>();

// Resolved once the host is mounted AND listening. Loading its chunk is not enough: the provider
// subscribes to `modals.*` events in an effect, and an event sent before that is lost (seen as a
// Revoke click that opened nothing on a loaded machine).
let hostListening: () => void = () => {};
const listening = new Promise<void>((resolve) => {
  hostListening = resolve;
});

/** Rendered inside the provider: child effects run before the provider's own, so wait a tick. */
function HostMounted() {
  useEffect(() => {
    const timer = setTimeout(hostListening, 0);
    return () => clearTimeout(timer);
  }, []);
  return null;
}

/**
 * Mounts the confirm-modal host (and loads its chunk). `modals.openConfirmModal()` is an event the
 * host must already be listening for, so a page that opens modals awaits this in its route loader;
 * it resolves once the host is mounted and subscribed.
 */
export function requestModals(): Promise<unknown> {
  if (!requested) {
    requested = true;
    for (const listener of listeners) listener();
  }
  return listening;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Confirm modals only follow an action, so Mantine's modal stack (Modal, focus trap, scroll lock and
 * their styles) loads after the first paint. Nothing here uses `useModals()`, only the
 * `modals` event API.
 */
export function LazyModals() {
  const ready = useSyncExternalStore(subscribe, () => requested);
  useEffect(() => afterFirstPaint(() => void requestModals()), []);
  if (!ready) return null;
  return (
    <Suspense fallback={null}>
      <ModalsProvider>
        <HostMounted />
      </ModalsProvider>
    </Suspense>
  );
}
