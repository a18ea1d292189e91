import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { applyFilterPatch, type FilterPatch, parseFilter } from '../utils/filter-params';

export type { FilterPatch };

/** The filter lives in the URL, so a filtered view is a link that can be sent to someone. */
export function useHistoryFilter() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => parseFilter(params), [params]);
  const update = useCallback(
    // The router applies navigations in a transition, so the params it hands a functional update can
    // lag behind a change made a moment earlier (pick an outcome, then type a command at once); the
    // address bar is already current, so the patch is applied to it.
    (patch: FilterPatch) =>
      setParams(applyFilterPatch(new URLSearchParams(window.location.search), patch), { replace: true }),
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { filter, update, clear };
}
