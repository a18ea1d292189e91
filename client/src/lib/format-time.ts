const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall time as `YYYY-MM-DD HH:mm:ss`: unambiguous, sortable, and what tickets and logs quote. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
