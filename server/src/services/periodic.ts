/**
 * A background job of the server's: run at once (unless `runAtStart` is false), then every
 * `intervalMs`, one run at a time — a run that falls due while one is going waits for it — with its
 * errors handed to `onError`. Its timer does not keep the process alive. The answer stops it: no run
 * is scheduled after, and it resolves once the runs already scheduled have ended (so a store is
 * closed after them).
 */
export function startPeriodic(
  job: () => Promise<void>,
  intervalMs: number,
  onError: (err: unknown) => void,
  { runAtStart = true }: { runAtStart?: boolean } = {},
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = () => {
    if (stopped) return;
    running = running.then(async () => {
      try {
        await job();
      } catch (err) {
        onError(err);
      }
    });
  };
  if (runAtStart) run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
