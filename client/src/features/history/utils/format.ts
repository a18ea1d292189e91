// One time format across the console (History, the console's notices).
export { formatTime } from '../../../lib/format-time';

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
