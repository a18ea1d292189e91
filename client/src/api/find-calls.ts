import {
  type HistoryEntry,
  type HistoryFilter,
  historyPageSchema,
  normalizeRequestId,
} from '@console/shared/api';
import { api } from '../lib/api-client';

export type CallSearch = {
  /** How the calls were found: the exact ID, IDs starting with it, or the text anywhere in a call. */
  match: 'exact' | 'prefix' | 'text' | 'none';
  /** The ID as searched, after normalising what was pasted. */
  requestId: string;
  /** Newest first, at most `limit`. */
  items: HistoryEntry[];
  /** The History list filter that shows every call this search found. */
  filter: HistoryFilter;
};

async function page(filter: HistoryFilter, limit: number, signal?: AbortSignal) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined) params.set(key, String(value));
  params.set('limit', String(limit));
  return api(`/api/requests?${params}`, { schema: historyPageSchema, ...(signal ? { signal } : {}) });
}

/**
 * Finds recorded calls by a RequestId as pasted: the exact ID first, then IDs starting with it (a
 * partial paste), then the text anywhere in a call (the History search). The server normalises the ID
 * too; it is normalised here so the message can say what was looked for.
 */
export async function findCallsByRequestId(
  pasted: string,
  limit = 5,
  signal?: AbortSignal,
): Promise<CallSearch> {
  const requestId = normalizeRequestId(pasted);
  if (!requestId) return { match: 'none', requestId, items: [], filter: {} };
  const exact = await page({ requestId }, limit, signal);
  if (exact.items.length > 0) return { match: 'exact', requestId, items: exact.items, filter: { requestId } };
  if (requestId.length >= 4) {
    const prefix = await page({ requestIdPrefix: requestId }, limit, signal);
    if (prefix.items.length > 0)
      return { match: 'prefix', requestId, items: prefix.items, filter: { requestIdPrefix: requestId } };
  }
  const text = await page({ q: requestId.slice(0, 200) }, limit, signal);
  if (text.items.length > 0) return { match: 'text', requestId, items: text.items, filter: { q: requestId } };
  return { match: 'none', requestId, items: [], filter: {} };
}
