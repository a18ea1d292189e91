import type { Repositories } from '../adapters/db';
import type { Logger } from '../logger';
import { startPeriodic } from './periodic';

export interface InterruptedCallsPolicy {
  /**
   * SQLite: the store file belongs to this one process, so at start every pending row was left by a
   * process that died. PostgreSQL may be shared by replicas, whose calls in flight are pending too.
   */
  storeIsExclusive: boolean;
  upstreamTimeoutMs: number;
}

/** A live process finishes or fails a call within its timeout; a pending row much older than that is orphaned. */
export function staleAfterMs(upstreamTimeoutMs: number): number {
  return upstreamTimeoutMs + 60_000;
}

/**
 * Turns pending calls of a dead process into `unknown`: once before the server listens, then every
 * minute for rows older than any live call can be (another replica's crash, on a shared store).
 */
export async function startInterruptedCallSweep(
  repos: Repositories,
  policy: InterruptedCallsPolicy,
  logger: Logger,
  intervalMs = 60_000,
): Promise<() => Promise<void>> {
  const staleMs = staleAfterMs(policy.upstreamTimeoutMs);
  const sweep = async (all: boolean) => {
    const recovered = await repos.calls.recoverInterrupted(
      all ? {} : { startedBefore: new Date(Date.now() - staleMs) },
    );
    if (recovered > 0) {
      logger.warn(
        { recovered },
        'calls in flight when a console process stopped are now recorded as unknown',
      );
    }
  };
  await sweep(policy.storeIsExclusive);
  return startPeriodic(
    () => sweep(false),
    intervalMs,
    (err) => logger.error({ err }, 'sweep of interrupted calls failed'),
    { runAtStart: false },
  );
}
