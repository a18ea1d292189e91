import {
  explorerGroupSchema,
  explorerUserSchema,
  type GroupMembersPage,
  groupMembersPageSchema,
} from '@console/shared/api';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../lib/api-client';

const base = (environmentId: string) => `/api/environments/${encodeURIComponent(environmentId)}`;

export const explorerKeys = {
  all: ['explorer'] as const,
  user: (environmentId: string, userId: string, customTags: readonly string[]) =>
    [...explorerKeys.all, 'user', environmentId, userId, customTags.join(',')] as const,
  group: (environmentId: string, groupId: string) =>
    [...explorerKeys.all, 'group', environmentId, groupId] as const,
};

export function getExplorerUser(
  environmentId: string,
  userId: string,
  customTags: readonly string[],
  signal?: AbortSignal,
) {
  const query = customTags.length > 0 ? `?customTags=${encodeURIComponent(customTags.join(','))}` : '';
  return api(`${base(environmentId)}/users/${encodeURIComponent(userId)}${query}`, {
    schema: explorerUserSchema,
    ...(signal ? { signal } : {}),
  });
}

/**
 * A look costs up to eight upstream calls, each recorded: the page is not refetched on focus or on
 * a timer, only when it opens, when an action changed something, or on Refresh.
 */
export const explorerUserQueryOptions = (
  environmentId: string,
  userId: string,
  customTags: readonly string[],
) =>
  queryOptions({
    queryKey: explorerKeys.user(environmentId, userId, customTags),
    queryFn: ({ signal }) => getExplorerUser(environmentId, userId, customTags, signal),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    retry: false,
    // Until the environments are known there is nothing to ask.
    enabled: environmentId !== '' && userId !== '',
  });

export const useExplorerUser = (environmentId: string, userId: string, customTags: readonly string[]) =>
  useQuery(explorerUserQueryOptions(environmentId, userId, customTags));

export function getExplorerGroup(environmentId: string, groupId: string, signal?: AbortSignal) {
  return api(`${base(environmentId)}/groups/${encodeURIComponent(groupId)}`, {
    schema: explorerGroupSchema,
    ...(signal ? { signal } : {}),
  });
}

export const useExplorerGroup = (environmentId: string, groupId: string) =>
  useQuery({
    queryKey: explorerKeys.group(environmentId, groupId),
    queryFn: ({ signal }) => getExplorerGroup(environmentId, groupId, signal),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    retry: false,
    enabled: environmentId !== '' && groupId !== '',
  });

export function getGroupMembers(environmentId: string, groupId: string, cursor: string) {
  return api(
    `${base(environmentId)}/groups/${encodeURIComponent(groupId)}/members?cursor=${encodeURIComponent(cursor)}`,
    { schema: groupMembersPageSchema },
  );
}

/** The members after the group page's first page, one page per "Load more", from `firstCursor` on. */
export function useMoreMembers(environmentId: string, groupId: string, firstCursor: string | null) {
  const [pages, setPages] = useState<GroupMembersPage[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A refreshed first page starts the list again.
  const [from, setFrom] = useState(firstCursor);
  if (from !== firstCursor) {
    setFrom(firstCursor);
    setPages([]);
  }
  const next = pages.length > 0 ? (pages.at(-1)?.nextCursor ?? null) : firstCursor;
  const loadMore = async () => {
    if (next === null || loading) return;
    setLoading(true);
    setError(null);
    try {
      const page = await getGroupMembers(environmentId, groupId, next);
      setPages((p) => [...p, page]);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };
  return { pages, next, loading, error, loadMore };
}
