/** Runs `task` once the browser is idle; returns a cancel function. */
function whenIdle(task: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(task, { timeout: 2000 });
    return () => window.cancelIdleCallback(handle);
  }
  // Safari has no requestIdleCallback.
  const handle = window.setTimeout(task, 200);
  return () => window.clearTimeout(handle);
}

function painted(): boolean {
  return performance.getEntriesByName('first-contentful-paint').length > 0;
}

/**
 * Runs `task` when the browser is idle after the first contentful paint; returns a cancel function.
 * Idle alone is not enough: the main thread idles while the first page waits for the session and
 * its route chunk, and a chunk fetched then competes with (and counts towards) the first paint.
 */
export function afterFirstPaint(task: () => void): () => void {
  const paintTiming = PerformanceObserver.supportedEntryTypes?.includes('paint') ?? false;
  if (!paintTiming || painted()) return whenIdle(task);
  let cancelIdle: (() => void) | null = null;
  const observer = new PerformanceObserver(() => {
    if (!painted()) return;
    observer.disconnect();
    cancelIdle = whenIdle(task);
  });
  observer.observe({ type: 'paint', buffered: true });
  return () => {
    observer.disconnect();
    cancelIdle?.();
  };
}
