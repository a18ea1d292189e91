import type { HistoryFilter } from '@console/shared/api';

/** The one place history query keys are spelled (every feature uses these); lists and details invalidate through them. */
export const historyKeys = {
  all: ['history'] as const,
  lists: () => [...historyKeys.all, 'list'] as const,
  list: (filter: HistoryFilter, limit: number) => [...historyKeys.lists(), filter, limit] as const,
  infinite: (filter: HistoryFilter) => [...historyKeys.lists(), 'infinite', filter] as const,
  details: () => [...historyKeys.all, 'detail'] as const,
  detail: (id: string) => [...historyKeys.details(), id] as const,
  /** A RequestId lookup as pasted (exact, then prefix, then text: `find-calls.ts`), e.g. from the Ctrl+K palette. */
  callSearch: (requestId: string | null) => [...historyKeys.all, 'call-search', requestId] as const,
};
