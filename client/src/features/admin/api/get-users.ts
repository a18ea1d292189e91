import { usersResponseSchema } from '@console/shared/api';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { userKeys } from './admin-keys';

export function getUsers(signal?: AbortSignal) {
  return api('/api/users', { schema: usersResponseSchema, ...(signal ? { signal } : {}) });
}

export const usersQueryOptions = () =>
  queryOptions({ queryKey: userKeys.list(), queryFn: ({ signal }) => getUsers(signal) });

export const useUsers = () => useQuery(usersQueryOptions());
