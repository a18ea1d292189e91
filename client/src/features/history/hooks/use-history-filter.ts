import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { applyFilterPatch, type FilterPatch, parseFilter } from '../utils/filter-params';

export type { FilterPatch };

/** The filter lives in the URL, so a filtered view is a link that can be sent to someone. */
export function useHistoryFilter() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => parseFilter(params), [params]);
  const update = useCallback(
    (patch: FilterPatch) => setParams((current) => applyFilterPatch(current, patch), { replace: true }),
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { filter, update, clear };
}
