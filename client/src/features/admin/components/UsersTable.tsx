import { roleSchema, type User } from '@console/shared/api';
import { Badge, Button, Group, NativeSelect, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconKey, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useState } from 'react';
import { Timestamp } from '../../../components/Timestamp';
import { useUpdateUser } from '../api/update-user';
import { ApiErrorAlert } from './ApiErrorAlert';
import { ResetPasswordModal } from './ResetPasswordModal';
import { roleOptions } from './roles';

type Props = { users: User[]; currentUsername: string };

const SELF_NOTE_ID = 'users-self-note';

export function UsersTable({ users, currentUsername }: Props) {
  const update = useUpdateUser();
  const [resetting, setResetting] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ username: string; error: unknown } | null>(null);

  const change = (username: string, changes: { role?: User['role']; disabled?: boolean }, done: string) => {
    setFailed(null);
    update.mutate(
      { username, changes },
      {
        onSuccess: () => notifications.show({ color: 'green', message: done }),
        onError: (error) => setFailed({ username, error }),
      },
    );
  };

  const confirmDisable = (username: string) =>
    modals.openConfirmModal({
      title: `Disable ${username}?`,
      children: (
        <Text size="sm">
          {username} is signed out at once and their API tokens stop working. You can enable the account again
          later.
        </Text>
      ),
      labels: { confirm: `Disable ${username}`, cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => change(username, { disabled: true }, `${username} disabled.`),
    });

  return (
    <>
      {failed && <ApiErrorAlert error={failed.error} title={`Could not change ${failed.username}`} />}
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Username</Table.Th>
              <Table.Th scope="col">Role</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Created</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => {
              // Changing one's own role or disabling oneself could lock the last admin out.
              const self = user.username === currentUsername;
              const busy = update.isPending && update.variables?.username === user.username;
              return (
                <Table.Tr key={user.username}>
                  <Table.Th scope="row" fw={500}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {user.username}
                      </Text>
                      {self && (
                        <Badge size="xs" variant="outline">
                          you
                        </Badge>
                      )}
                    </Group>
                  </Table.Th>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Role of ${user.username}`}
                      aria-describedby={self ? SELF_NOTE_ID : undefined}
                      data={roleOptions.map(({ value, label }) => ({ value, label }))}
                      value={user.role}
                      disabled={self || busy}
                      onChange={(e) => {
                        const role = roleSchema.safeParse(e.currentTarget.value);
                        if (role.success && role.data !== user.role) {
                          change(user.username, { role: role.data }, `${user.username} is now ${role.data}.`);
                        }
                      }}
                      size="xs"
                      w={130}
                    />
                  </Table.Td>
                  <Table.Td>
                    {user.disabled ? (
                      <Badge color="gray" variant="filled">
                        Disabled
                      </Badge>
                    ) : (
                      <Badge color="green" variant="light">
                        Active
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Timestamp value={user.createdAt} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {user.disabled ? (
                        <Button
                          size="xs"
                          variant="light"
                          leftSection={<IconUserCheck size={14} aria-hidden />}
                          aria-label={`Enable ${user.username}`}
                          loading={busy}
                          onClick={() =>
                            change(user.username, { disabled: false }, `${user.username} enabled.`)
                          }
                        >
                          Enable
                        </Button>
                      ) : (
                        <Button
                          size="xs"
                          variant="light"
                          color="red"
                          leftSection={<IconUserOff size={14} aria-hidden />}
                          aria-label={`Disable ${user.username}`}
                          aria-describedby={self ? SELF_NOTE_ID : undefined}
                          disabled={self}
                          loading={busy}
                          onClick={() => confirmDisable(user.username)}
                        >
                          Disable
                        </Button>
                      )}
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconKey size={14} aria-hidden />}
                        aria-label={`Reset password of ${user.username}`}
                        onClick={() => setResetting(user.username)}
                      >
                        Reset password
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" id={SELF_NOTE_ID}>
        You cannot change your own role or disable yourself, so the console always keeps an admin; ask another
        admin. Change your own password on the Account page.
      </Text>
      {resetting && <ResetPasswordModal username={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}
