/**
 * Every stored time goes through here: `toISOString` always gives `YYYY-MM-DDTHH:mm:ss.sssZ`, which
 * sorts lexically in both dialects, so range filters and keyset paging compare plain strings.
 * Throws RangeError on a string that is not a date (routes validate before that can happen).
 */
export function toStoredTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return date.toISOString();
}
