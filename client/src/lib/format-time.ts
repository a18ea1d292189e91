const pad = (n: number) => String(n).padStart(2, '0');

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The console's one way to show a stored time: the reader's local wall time as
 * `YYYY-MM-DD HH:mm:ss` — unambiguous, sortable, and what tickets and logs quote. The zone and the
 * ISO 8601 form are one hover or focus away (`components/Timestamp.tsx`); a copy gives the ISO form.
 */
export function formatTime(iso: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  const d = parse(iso);
  if (!d) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The reader's zone at that moment: its IANA name and its offset then (DST moves it), e.g. `Europe/Berlin, UTC+01:00`. */
export function describeZone(iso: string): string {
  const d = parse(iso) ?? new Date();
  const minutes = -d.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const offset = `UTC${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return name ? `${name}, ${offset}` : offset;
}

/** The ISO 8601 form in UTC, as stored and as logs and the API print it; what a copy puts on the clipboard. */
export function isoTime(iso: string): string {
  return parse(iso)?.toISOString() ?? iso;
}

/** What the hover or focus of a time says: the local time with its zone, and the ISO form. */
export function describeTime(iso: string): string {
  return `${formatTime(iso)} local time (${describeZone(iso)}) · ISO 8601 ${isoTime(iso)}`;
}
