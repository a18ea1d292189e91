import {
  type CallbackEntry,
  type CallbackFilter,
  type CallbackPage,
  callbackEndpointsResponseSchema,
  callbackEntrySchema,
  callbackPageSchema,
} from '@console/shared/api';
import {
  type InfiniteData,
  infiniteQueryOptions,
  type QueryClient,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const CALLBACK_PAGE_SIZE = 100;

export const callbackKeys = {
  all: ['callbacks'] as const,
  list: (filter: CallbackFilter) => ['callbacks', 'list', filter] as const,
  one: (id: string) => ['callbacks', 'one', id] as const,
  endpoints: () => ['callbacks', 'endpoints'] as const,
};

/** The filter as query parameters, in a fixed order (also the stream's). */
export function filterParams(filter: CallbackFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['environmentId', 'command', 'verdict', 'from', 'to'] as const) {
    const value = filter[key];
    if (value !== undefined) params.set(key, value);
  }
  return params;
}

export function getCallbacks(filter: CallbackFilter, cursor: string | null, signal?: AbortSignal) {
  const params = filterParams(filter);
  params.set('limit', String(CALLBACK_PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return api(`/api/callbacks?${params}`, { schema: callbackPageSchema, ...(signal ? { signal } : {}) });
}

export const callbacksQueryOptions = (filter: CallbackFilter) =>
  infiniteQueryOptions({
    queryKey: callbackKeys.list(filter),
    queryFn: ({ pageParam, signal }) => getCallbacks(filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useCallbacks = (filter: CallbackFilter) => useInfiniteQuery(callbacksQueryOptions(filter));

export const callbackQueryOptions = (id: string) =>
  queryOptions({
    queryKey: callbackKeys.one(id),
    queryFn: ({ signal }) =>
      api(`/api/callbacks/${encodeURIComponent(id)}`, { schema: callbackEntrySchema, signal }),
  });

export const useCallbackEntry = (id: string | null) =>
  useQuery({ ...callbackQueryOptions(id ?? ''), enabled: id !== null });

export const callbackEndpointsQueryOptions = () =>
  queryOptions({
    queryKey: callbackKeys.endpoints(),
    queryFn: () => api('/api/callbacks/endpoints', { schema: callbackEndpointsResponseSchema }),
    staleTime: 5 * 60_000,
  });

export const useCallbackEndpoints = () => useQuery(callbackEndpointsQueryOptions());

/** Puts a new or updated entry into the lists it fits and its detail, without a refetch. */
export function storeCallback(client: QueryClient, filter: CallbackFilter, entry: CallbackEntry): void {
  client.setQueryData(callbackKeys.one(entry.id), entry);
  client.setQueryData<InfiniteData<CallbackPage, string | null>>(callbackKeys.list(filter), (data) => {
    if (!data) return data;
    let found = false;
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => {
        if (item.id !== entry.id) return item;
        found = true;
        return entry;
      }),
    }));
    if (found) return { ...data, pages };
    // A new entry belongs in a list whose range ends before it only if that range is open.
    if (filter.to !== undefined && entry.receivedAt >= new Date(filter.to).toISOString()) return data;
    const [first, ...rest] = pages;
    if (!first) return data;
    return { ...data, pages: [{ ...first, items: [entry, ...first.items] }, ...rest] };
  });
}

export function useForwardCallback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, target }: { id: string; target: string }) =>
      api(`/api/callbacks/${encodeURIComponent(id)}/forward`, {
        method: 'POST',
        body: { target },
        schema: callbackEntrySchema,
      }),
    onSuccess: (entry) => {
      client.setQueryData(callbackQueryOptions(entry.id).queryKey, entry);
    },
  });
}
