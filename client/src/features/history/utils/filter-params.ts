import { type HistoryFilter, historyFilterSchema } from '@console/shared/api';

const filterKeys = Object.keys(historyFilterSchema.shape) as (keyof HistoryFilter)[];

/** Reads each known parameter on its own, so one bad value in a shared link drops only itself. */
export function parseFilter(params: URLSearchParams): HistoryFilter {
  const filter: Record<string, unknown> = {};
  for (const key of filterKeys) {
    const raw = params.get(key);
    if (raw === null || raw === '') continue;
    const field = historyFilterSchema.shape[key].safeParse(raw);
    if (field.success) filter[key] = field.data;
  }
  return historyFilterSchema.parse(filter);
}

export type FilterPatch = { [K in keyof HistoryFilter]?: HistoryFilter[K] | null };

/** The next URL query: patched keys set or removed, every other parameter (e.g. `compare`) kept. */
export function applyFilterPatch(current: URLSearchParams, patch: FilterPatch): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}
