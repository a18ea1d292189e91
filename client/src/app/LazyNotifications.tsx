import { lazy, Suspense, useEffect, useState } from 'react';
import { afterFirstPaint } from './after-first-paint';

const Notifications = lazy(() =>
  import('@mantine/notifications').then((m) => ({ default: m.Notifications })),
);

/**
 * Toasts only follow an action, so their renderer (and its stylesheet) loads after the first paint.
 * Nothing is lost before it arrives: `notifications.show()` writes to a store the renderer reads.
 */
export function LazyNotifications() {
  const [ready, setReady] = useState(false);
  useEffect(() => afterFirstPaint(() => setReady(true)), []);
  if (!ready) return null;
  return (
    <Suspense fallback={null}>
      <Notifications position="bottom-right" />
    </Suspense>
  );
}
