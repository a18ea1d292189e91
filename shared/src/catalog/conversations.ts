// Catalog data: Conversations (recentcontact).
import type { CatalogCommand } from '../api/catalog';
import { withInferredSchema } from './define';
import * as s from './schema-parts';

export const conversationCommands: readonly CatalogCommand[] = [
  {
    service: 'recentcontact',
    command: 'get_list',
    group: 'Conversations (recentcontact)',
    title: "Pull a user's conversation list (paged)",
    description:
      'Pages through a user’s conversation list (pinned ones first). Start with every paging field at 0 and continue with the returned TimeStamp/StartIndex/TopTimeStamp/TopStartIndex until CompleteFlag is 1. Current docs recommend AssistFlags 63 (all features; older pages said 7). Read-only.',
    access: 'read',
    rateLimitPerSec: 200,
    rateLimitVerified: true,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/43087',
    example: {
      From_Account: 'user1',
      TimeStamp: 0,
      StartIndex: 0,
      TopTimeStamp: 0,
      TopStartIndex: 0,
      AssistFlags: 63,
    },
    schema: s.obj(
      {
        From_Account: s.userId('User whose conversations are listed.'),
        TimeStamp: s.int('Paging: TimeStamp from the previous answer; 0 the first time.', { minimum: 0 }),
        StartIndex: s.int('Paging: StartIndex from the previous answer; 0 the first time.', { minimum: 0 }),
        TopTimeStamp: s.int(
          'Paging of pinned conversations: TopTimeStamp from the previous answer; 0 the first time.',
          { minimum: 0 },
        ),
        TopStartIndex: s.int(
          'Paging of pinned conversations: TopStartIndex from the previous answer; 0 the first time.',
          { minimum: 0 },
        ),
        AssistFlags: s.int(
          'Feature bit flags (pinned conversations, empty conversations, groups and marks…). Current docs recommend 63; older docs 7.',
          { minimum: 0 },
        ),
      },
      ['From_Account', 'TimeStamp', 'StartIndex', 'TopTimeStamp', 'TopStartIndex', 'AssistFlags'],
    ),
  },
  {
    service: 'recentcontact',
    command: 'delete',
    group: 'Conversations (recentcontact)',
    title: 'Delete a conversation (optionally its roaming messages)',
    description:
      'Deletes one conversation from a user’s list: Type 1 with To_Account for a one-to-one conversation, Type 2 with ToGroupid for a group. With ClearRamble 1 the roaming messages of a one-to-one conversation are deleted too, which cannot be undone.',
    access: 'destructive',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/43088',
    example: { From_Account: 'user1', Type: 1, To_Account: 'user2', ClearRamble: 1 },
    schema: s.obj(
      {
        From_Account: s.userId('User whose conversation is deleted.'),
        Type: s.oneOfValues(
          'integer',
          [
            [1, 'One-to-one conversation (To_Account)'],
            [2, 'Group conversation (ToGroupid)'],
          ],
          'Conversation type.',
        ),
        To_Account: s.userId('Peer of a one-to-one conversation (Type 1).'),
        ToGroupid: s.str('Group ID of a group conversation (Type 2).', { minLength: 1, maxLength: 48 }),
        ClearRamble: s.zeroOne('1 = also delete the roaming messages (one-to-one only).'),
      },
      ['From_Account', 'Type'],
    ),
  },
  withInferredSchema(
    {
      service: 'recentcontact',
      command: 'create_contact_group',
      group: 'Conversations (recentcontact)',
      title: 'Create conversation group(s)',
      description: 'Creates conversation groups (folders) for a user and puts conversations into them.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/53437',
      example: {
        From_Account: 'user1',
        GroupContactItem: [{ GroupName: 'group1', ContactItem: [{ Type: 1, To_Account: 'user2' }] }],
      },
    },
    ['From_Account', 'GroupContactItem'],
    {
      GroupContactItem:
        'Groups to create: GroupName and ContactItem ({Type 1 + To_Account | Type 2 + ToGroupId}).',
    },
  ),
  withInferredSchema(
    {
      service: 'recentcontact',
      command: 'mark_contact',
      group: 'Conversations (recentcontact)',
      title: 'Create/update conversation marks',
      description:
        'Sets or clears marks (e.g. starred, unread, folded) on a user’s conversations; OptType 1 sets, 2 clears, 3 overwrites.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/53438',
      example: {
        From_Account: 'user1',
        MarkItem: [{ OptType: 1, ContactItem: { Type: 1, To_Account: 'user2' }, SetMark: [1] }],
      },
    },
    ['From_Account', 'MarkItem'],
    { MarkItem: 'Per conversation: OptType, ContactItem, SetMark/ClearMark bit numbers.' },
  ),
  withInferredSchema(
    {
      service: 'recentcontact',
      command: 'update_contact_group',
      group: 'Conversations (recentcontact)',
      title: 'Rename/update conversation group',
      description:
        'Renames a conversation group or adds/removes conversations in it (UpdateType 1 renames/updates the group, 2 changes its conversations).',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/53439',
      example: {
        From_Account: 'user1',
        UpdateType: 1,
        UpdateGroup: { UpdateGroupType: 1, OldGroupName: 'group2', NewGroupName: 'group3' },
      },
    },
    ['From_Account', 'UpdateType'],
    { UpdateType: '1 = update the group itself, 2 = update its conversations.' },
  ),
  withInferredSchema(
    {
      service: 'recentcontact',
      command: 'get_contact_group',
      group: 'Conversations (recentcontact)',
      title: 'Pull conversation group/mark data',
      description: 'Pages through a user’s conversation groups and conversation marks. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/53440',
      example: { From_Account: 'user1', StartIndex: 0 },
    },
    ['From_Account', 'StartIndex'],
  ),
  withInferredSchema(
    {
      service: 'recentcontact',
      command: 'del_contact_group',
      group: 'Conversations (recentcontact)',
      title: 'Delete conversation group(s)',
      description: 'Deletes conversation groups of a user (the conversations themselves remain).',
      access: 'destructive',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/53441',
      example: { From_Account: 'user1', GroupName: ['group1'] },
    },
    ['From_Account', 'GroupName'],
  ),
  withInferredSchema(
    {
      service: 'recentcontact',
      command: 'search_contact_group',
      group: 'Conversations (recentcontact)',
      title: 'Search group/mark data for given conversations',
      description: 'Returns the groups and marks of the given conversations of a user. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/53442',
      example: { From_Account: 'user1', ContactItem: [{ Type: 1, To_Account: 'user2' }] },
    },
    ['From_Account', 'ContactItem'],
  ),
];
