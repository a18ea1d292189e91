import { type UpdateUserRequest, type UsersResponse, userSchema } from '@console/shared/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { usersQueryOptions } from './get-users';

export type UpdateUserInput = { username: string; changes: UpdateUserRequest };

export function updateUser({ username, changes }: UpdateUserInput) {
  return api(`/api/users/${encodeURIComponent(username)}`, {
    method: 'PATCH',
    body: changes,
    schema: userSchema,
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  const { queryKey } = usersQueryOptions();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: async (user) => {
      // The row changes at once; the refetch then confirms it against the server.
      queryClient.setQueryData(queryKey, (current: UsersResponse | undefined) =>
        current ? { users: current.users.map((u) => (u.username === user.username ? user : u)) } : current,
      );
      await queryClient.invalidateQueries({ queryKey });
    },
  });
}
