import type { Environment, ExplorerUser } from '@console/shared/api';
import { Alert, Anchor, Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useSelectedEnvironment } from '../../../hooks/use-selected-environment';
import { useExplorerUser } from '../api/explorer';
import { CustomTagsInput } from '../components/CustomTagsInput';
import { ExplorerPage } from '../components/ExplorerPage';
import { Section, Unavailable, unixTime } from '../components/Sections';
import { ImportAction, UserActions } from '../components/UserActions';
import { useCustomProfileTags } from '../lib/custom-tags';
import { explorePath } from '../lib/paths';

const FOREVER = 4294967295;

function muteText(seconds: number): string {
  if (seconds === 0) return 'not muted';
  if (seconds >= FOREVER) return 'muted for ever';
  const h = Math.floor(seconds / 3600);
  const m = Math.ceil((seconds % 3600) / 60);
  return `muted, ${h > 0 ? `${h} h ` : ''}${m} min left`;
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function UserBody({
  user,
  environment,
  customTags,
  onCustomTags,
}: {
  user: ExplorerUser;
  environment: Environment;
  customTags: string[];
  onCustomTags: (tags: string[]) => void;
}) {
  const env = environment.id;
  return (
    <Stack gap="md">
      <Section title="Actions">
        <UserActions environment={environment} userId={user.userId} customTags={customTags} />
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title="Profile">
          {user.profile === null ? (
            <Unavailable what="The profile" />
          ) : (
            <Stack gap={4}>
              <Text size="sm">
                Nick: <strong data-testid="user-nick">{user.profile.nick ?? '—'}</strong>
              </Text>
              <Text size="sm">Gender: {user.profile.gender ?? '—'}</Text>
              <Text size="sm">
                Avatar URL:{' '}
                {user.profile.image ? (
                  <Anchor
                    href={user.profile.image}
                    target="_blank"
                    rel="noopener noreferrer nofollow"
                    size="sm"
                  >
                    {user.profile.image}
                  </Anchor>
                ) : (
                  '—'
                )}
              </Text>
              {user.profile.fields.length > 0 && (
                <Table aria-label="Profile fields" mt="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Tag</Table.Th>
                      <Table.Th>Value</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {user.profile.fields.map((f) => (
                      <Table.Tr key={f.tag}>
                        <Table.Td>
                          <Text size="xs" ff="monospace">
                            {f.tag}
                          </Text>
                        </Table.Td>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>{valueText(f.value)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              <CustomTagsInput value={customTags} onChange={onCustomTags} />
            </Stack>
          )}
        </Section>
        <Section title="State">
          <Stack gap={4}>
            <Group gap="xs">
              <Text size="sm">Online:</Text>
              {user.online === null ? (
                <Unavailable what="The online state" />
              ) : (
                <>
                  <Badge
                    color={
                      user.online.status === 'Online'
                        ? 'teal'
                        : user.online.status === 'PushOnline'
                          ? 'blue'
                          : 'gray'
                    }
                  >
                    {user.online.status}
                  </Badge>
                  {user.online.platforms.map((p) => (
                    <Badge key={p.platform} variant="outline">
                      {p.platform}: {p.status}
                    </Badge>
                  ))}
                </>
              )}
            </Group>
            {user.muted === null ? (
              <Unavailable what="The global mute" />
            ) : (
              <>
                <Text size="sm">One-to-one: {muteText(user.muted.c2cSeconds)}</Text>
                <Text size="sm">Groups: {muteText(user.muted.groupSeconds)}</Text>
              </>
            )}
            <Text size="sm">Friends: {user.friends ?? '—'}</Text>
            <Text size="sm">Unread one-to-one messages: {user.unread ?? '—'}</Text>
          </Stack>
        </Section>
      </SimpleGrid>
      <Section title={`Groups${user.groupCount !== null ? ` (${user.groupCount})` : ''}`}>
        {user.groups === null ? (
          <Unavailable what="The groups" />
        ) : user.groups.length === 0 ? (
          <Text size="sm" c="dimmed">
            Not a member of any group.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped aria-label={`Groups of ${user.userId}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Group</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Joined</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {user.groups.map((g) => (
                  <Table.Tr key={g.groupId}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={explorePath('group', g.groupId, env)}
                        size="sm"
                        ff="monospace"
                      >
                        {g.groupId}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{g.name ?? '—'}</Table.Td>
                    <Table.Td>{g.type ?? '—'}</Table.Td>
                    <Table.Td>{g.role ?? '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{unixTime(g.joinTime)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <Section title="Recent conversations">
        {user.conversations === null ? (
          <Unavailable what="The conversation list" />
        ) : user.conversations.length === 0 ? (
          <Text size="sm" c="dimmed">
            No conversations.
          </Text>
        ) : (
          <Table aria-label={`Conversations of ${user.userId}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>With</Table.Th>
                <Table.Th>Last message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {user.conversations.map((c) => (
                <Table.Tr key={`${c.kind}-${c.peer}`}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={explorePath(c.kind === 'group' ? 'group' : 'user', c.peer, env)}
                      size="sm"
                    >
                      {c.kind === 'group' ? `Group ${c.peer}` : c.peer}
                    </Anchor>
                    {c.pinned && (
                      <Badge ml="xs" size="xs" variant="light">
                        pinned
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{unixTime(c.time)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Stack>
  );
}

/** `/explore/users/:userId`: one user on one page (issue 15). */
export default function UserPage() {
  const { userId = '' } = useParams();
  const selection = useSelectedEnvironment();
  const environmentId = selection.environment?.id ?? '';
  const [customTags, setCustomTags] = useCustomProfileTags(environmentId);
  const query = useExplorerUser(environmentId, userId, customTags);
  return (
    <ExplorerPage kind="user" subject={userId} selection={selection} query={query}>
      {(user, environment) =>
        user.exists ? (
          <UserBody
            user={user}
            environment={environment}
            customTags={customTags}
            onCustomTags={setCustomTags}
          />
        ) : (
          <Alert color="orange" title="No such account" data-testid="user-missing">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                {userId} has not been imported into {environment.label}. Import it, or{' '}
                <Anchor component={Link} to={explorePath('group', userId, environment.id)}>
                  open {userId} as a group
                </Anchor>
                .
              </Text>
              <ImportAction environment={environment} userId={userId} />
            </Stack>
          </Alert>
        )
      }
    </ExplorerPage>
  );
}
