import { type AuditFilter, auditFilterSchema } from '@console/shared/api';

const filterKeys = ['actor', 'action', 'from', 'to'] as const satisfies readonly (keyof AuditFilter)[];

/** Reads each known parameter on its own, so one bad value in a shared link drops only itself. */
export function parseAuditFilter(params: URLSearchParams): AuditFilter {
  const filter: Record<string, unknown> = {};
  for (const key of filterKeys) {
    const raw = params.get(key);
    if (raw === null || raw === '') continue;
    const field = auditFilterSchema.shape[key].safeParse(raw);
    if (field.success) filter[key] = field.data;
  }
  return auditFilterSchema.parse(filter);
}

export type AuditFilterPatch = { [K in keyof AuditFilter]?: AuditFilter[K] | null };

/** The next URL parameters after a change to the filter; empty values leave the URL. */
export function applyAuditPatch(current: URLSearchParams, patch: AuditFilterPatch): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, value);
  }
  return next;
}
