import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import { afterFirstPaint } from './after-first-paint';

const loadModals = () => import('@mantine/modals');
const ModalsProvider = lazy(() => loadModals().then((m) => ({ default: m.ModalsProvider })));

let requested = false;
const listeners = new Set<() => void>();

/**
 * Mounts the confirm-modal host (and loads its chunk). `modals.openConfirmModal()` is an event the
 * host must already be listening for, so a page that opens modals awaits this in its route loader.
 */
export function requestModals(): Promise<unknown> {
  if (!requested) {
    requested = true;
    for (const listener of listeners) listener();
  }
  return loadModals();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Confirm modals only follow an action, so Mantine's modal stack (Modal, focus trap, scroll lock and
 * their styles) loads after the first paint. The host needs no children: nothing here uses
 * `useModals()`, only the `modals` event API.
 */
export function LazyModals() {
  const ready = useSyncExternalStore(subscribe, () => requested);
  useEffect(() => afterFirstPaint(() => void requestModals()), []);
  if (!ready) return null;
  return (
    <Suspense fallback={null}>
      <ModalsProvider />
    </Suspense>
  );
}
