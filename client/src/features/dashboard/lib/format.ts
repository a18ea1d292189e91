const number = new Intl.NumberFormat('en');

export const formatCount = (n: number) => number.format(n);

export function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '–';
  const p = (100 * part) / whole;
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)} %`;
}

/** A point's time as people on the wall screen read it: local, minutes, the day when it matters. */
export function formatPointTime(iso: string, withDay: boolean): string {
  const d = new Date(iso);
  return d.toLocaleString('en-GB', {
    ...(withDay ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  });
}
