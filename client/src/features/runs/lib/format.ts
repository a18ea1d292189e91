import type { Run } from '@console/shared/api';

/** Rows (or pages) not yet done, the measured rate and the time left at that rate. */
export function progressFigures(run: Run): {
  remaining: number;
  rate: number | null;
  etaSeconds: number | null;
} {
  const remaining = Math.max(0, run.total - run.done - run.cancelled);
  const rate = run.currentRatePerSec;
  const etaSeconds = rate !== null && rate > 0 && remaining > 0 ? Math.ceil(remaining / rate) : null;
  return { remaining, rate, etaSeconds };
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${seconds % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
