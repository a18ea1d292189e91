import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type AuditFilterPatch, applyAuditPatch, parseAuditFilter } from '../lib/audit-filter';

/** The filter lives in the URL, so a filtered audit view is a link that can be sent to someone. */
export function useAuditFilter() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => parseAuditFilter(params), [params]);
  const update = useCallback(
    // The router applies navigations in a transition, so the params it hands a functional update can
    // lag behind a change made a moment earlier (pick an action, then type an actor at once); the
    // address bar is already current, so the patch is applied to it.
    (patch: AuditFilterPatch) =>
      setParams(applyAuditPatch(new URLSearchParams(window.location.search), patch), { replace: true }),
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { filter, update, clear };
}
