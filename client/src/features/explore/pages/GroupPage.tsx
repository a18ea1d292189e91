import type { Environment, ExplorerGroup, GroupMember } from '@console/shared/api';
import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ConversationView } from '../../../components/conversation/ConversationView';
import { useSelectedEnvironment } from '../../../hooks/use-selected-environment';
import { ApiError } from '../../../lib/api-client';
import { useExplorerGroup, useMoreMembers } from '../api/explorer';
import { ExplorerPage } from '../components/ExplorerPage';
import { GroupActions, MemberActions, RecallAction } from '../components/GroupActions';
import { Section, Unavailable, unixTime } from '../components/Sections';
import { explorePath } from '../lib/paths';

function Members({ group, environment }: { group: ExplorerGroup; environment: Environment }) {
  const first = group.members;
  const more = useMoreMembers(environment.id, group.groupId, first?.nextCursor ?? null);
  if (first === null) return <Unavailable what="The member list" />;
  const members: GroupMember[] = [...first.items, ...more.pages.flatMap((p) => p.items)];
  const now = Date.now() / 1000;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={640}>
        <Table striped aria-label={`Members of ${group.groupId}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Joined</Table.Th>
              <Table.Th>Muted until</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((m) => (
              <Table.Tr key={m.account}>
                <Table.Td>
                  <Anchor component={Link} to={explorePath('user', m.account, environment.id)} size="sm">
                    {m.account}
                  </Anchor>
                  {m.nameCard ? (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({m.nameCard})
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{m.role ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{unixTime(m.joinTime)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {m.mutedUntil !== null && m.mutedUntil > now ? unixTime(m.mutedUntil) : '—'}
                </Table.Td>
                <Table.Td>
                  <MemberActions environment={environment} groupId={group.groupId} account={m.account} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {members.length} of {first.total ?? '?'} shown
        </Text>
        {more.next !== null && (
          <Button size="xs" variant="default" onClick={() => void more.loadMore()} loading={more.loading}>
            Load more members
          </Button>
        )}
      </Group>
      {more.error !== null && (
        <Alert color="red" role="alert">
          {more.error instanceof ApiError ? more.error.message : String(more.error)}
        </Alert>
      )}
    </Stack>
  );
}

function GroupBody({ group, environment }: { group: ExplorerGroup; environment: Environment }) {
  const info = group.info;
  return (
    <Stack gap="md">
      <Section title="Actions">
        <GroupActions environment={environment} groupId={group.groupId} />
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title="Info">
          {info && (
            <Stack gap={4}>
              <Text size="sm">
                Name: <strong data-testid="group-name">{info.name ?? '—'}</strong>
              </Text>
              <Text size="sm">Type: {info.type ?? '—'}</Text>
              <Text size="sm">
                Owner:{' '}
                {info.owner ? (
                  <Anchor component={Link} to={explorePath('user', info.owner, environment.id)} size="sm">
                    {info.owner}
                  </Anchor>
                ) : (
                  '—'
                )}
              </Text>
              <Text size="sm">
                Members: {info.memberCount ?? '—'}
                {info.maxMemberCount ? ` of at most ${info.maxMemberCount}` : ''}
              </Text>
              <Text size="sm">Created: {unixTime(info.createTime)}</Text>
              <Text size="sm">Joining: {info.applyJoinOption ?? '—'}</Text>
              {info.muteAll && <Badge color="orange">Everyone muted</Badge>}
              {info.introduction && <Text size="sm">Introduction: {info.introduction}</Text>}
              {info.notification && <Text size="sm">Notice: {info.notification}</Text>}
            </Stack>
          )}
        </Section>
        <Section title="Muted members">
          {group.muted === null ? (
            <Unavailable what="The muted list" />
          ) : group.muted.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nobody is muted.
            </Text>
          ) : (
            <Stack gap={2}>
              {group.muted.map((m) => (
                <Text key={m.account} size="sm">
                  {m.account}: until {unixTime(m.mutedUntil)}
                </Text>
              ))}
            </Stack>
          )}
        </Section>
      </SimpleGrid>
      <Section title="Members">
        <Members group={group} environment={environment} />
      </Section>
      <Section title="Recent messages">
        {group.recentMessages === null ? (
          <Text size="sm" c="dimmed">
            {info?.type === 'AVChatRoom'
              ? 'An audio-video group keeps no message history.'
              : 'The history could not be read.'}
          </Text>
        ) : (
          <ConversationView
            messages={group.recentMessages}
            label={`Recent messages of ${group.groupId}`}
            actions={(m) => <RecallAction environment={environment} groupId={group.groupId} message={m} />}
          />
        )}
      </Section>
    </Stack>
  );
}

/** `/explore/groups/:groupId`: one group on one page (issue 15). */
export default function GroupPage() {
  const { groupId = '' } = useParams();
  const selection = useSelectedEnvironment();
  const query = useExplorerGroup(selection.environment?.id ?? '', groupId);
  return (
    <ExplorerPage kind="group" subject={groupId} selection={selection} query={query}>
      {(group, environment) =>
        group.exists ? (
          <GroupBody group={group} environment={environment} />
        ) : (
          <Alert color="orange" title="No such group" data-testid="group-missing">
            <Text size="sm">
              {groupId} does not exist in {environment.label} (never created, or dissolved).{' '}
              <Anchor component={Link} to={explorePath('user', groupId, environment.id)}>
                Open {groupId} as a user
              </Anchor>
              .
            </Text>
          </Alert>
        )
      }
    </ExplorerPage>
  );
}
