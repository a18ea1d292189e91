import type { HistoryFilter } from '@console/shared/api';

/** The filter as a query string, shared by the list fetch and the export link so both see the same rows. */
export function filterToSearchParams(filter: HistoryFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params;
}
