/** Object keys sorted at every depth, so two answers differ in a diff only where their values differ. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const entries: [string, unknown][] = Object.entries(value);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, item]) => [key, sortKeysDeep(item)]));
  }
  return value;
}

export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value), null, 2) ?? 'null';
}
