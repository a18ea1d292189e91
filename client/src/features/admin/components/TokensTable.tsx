import type { ApiToken } from '@console/shared/api';
import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { Timestamp } from '../../../components/Timestamp';
import { useRevokeToken } from '../api/revoke-token';
import { ApiErrorAlert } from './ApiErrorAlert';
import { roleOptions } from './roles';

/** A token's own role, or that it follows its owner's. */
function roleLabel(token: ApiToken): string {
  if (token.role === null) return 'Yours';
  return roleOptions.find((r) => r.value === token.role)?.label ?? token.role;
}

function isExpired(token: ApiToken, now: number): boolean {
  return token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now;
}

export function TokensTable({ tokens }: { tokens: ApiToken[] }) {
  const revoke = useRevokeToken();
  const now = Date.now();

  const confirmRevoke = (token: ApiToken) =>
    modals.openConfirmModal({
      title: `Revoke token ${token.name}?`,
      children: (
        <Text size="sm">
          Scripts that use this token are refused from now on. This cannot be undone; create a new token if
          you need one again.
        </Text>
      ),
      labels: { confirm: `Revoke ${token.name}`, cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        revoke.mutate(token.id, {
          onSuccess: () => notifications.show({ color: 'green', message: `Token ${token.name} revoked.` }),
        }),
    });

  return (
    <>
      {revoke.error && <ApiErrorAlert error={revoke.error} title="The token could not be revoked" />}
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label="API tokens">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Role</Table.Th>
              <Table.Th scope="col">Created</Table.Th>
              <Table.Th scope="col">Expires</Table.Th>
              <Table.Th scope="col">Last used</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Th scope="row">
                  <Text size="sm" fw={600}>
                    {token.name}
                  </Text>
                </Table.Th>
                <Table.Td>
                  <Text size="sm">{roleLabel(token)}</Text>
                </Table.Td>
                <Table.Td>
                  <Timestamp value={token.createdAt} />
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Timestamp value={token.expiresAt} empty="Never" />
                    {isExpired(token, now) && (
                      <Badge color="gray" size="sm">
                        Expired
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Timestamp value={token.lastUsedAt} empty="Never" />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    leftSection={<IconTrash size={14} aria-hidden />}
                    aria-label={`Revoke token ${token.name}`}
                    loading={revoke.isPending && revoke.variables === token.id}
                    onClick={() => confirmRevoke(token)}
                  >
                    Revoke
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
