// Catalog data: Relationship chain (friends, blocklist, friend lists).
import type { CatalogCommand } from '../api/catalog';
import { withInferredSchema } from './define';
import * as s from './schema-parts';

export const relationshipCommands: readonly CatalogCommand[] = [
  {
    service: 'sns',
    command: 'friend_add',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Add friends',
    description:
      'Adds friends for From_Account, following each target’s friend-request policy unless ForceAddFlags is 1. AddType Add_Type_Both (default) makes the friendship mutual, Add_Type_Single one-way. Per-target results are in ResultItem (e.g. 30539 = pending, the peer must accept).',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: true,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34902',
    example: {
      From_Account: 'user1',
      AddFriendItem: [{ To_Account: 'user2', AddSource: 'AddSource_Type_Web' }],
    },
    schema: s.obj(
      {
        From_Account: s.userId('User who adds friends.'),
        AddFriendItem: s.arr(
          s.obj(
            {
              To_Account: s.userId('User to add.'),
              Remark: s.str('Remark for the friend (at most 96 bytes).', { maxLength: 96 }),
              GroupName: s.str('Friend list to put the friend in (at most 30 bytes).', { maxLength: 30 }),
              AddSource: s.addSource,
              AddWording: s.str('Request message (at most 256 bytes).', { maxLength: 256 }),
            },
            ['To_Account', 'AddSource'],
            'One friend to add.',
          ),
          'Friends to add, at most 100.',
          { minItems: 1, maxItems: 100 },
        ),
        AddType: s.oneOfValues(
          'string',
          [
            ['Add_Type_Both', 'Mutual (default)'],
            ['Add_Type_Single', 'One-way'],
          ],
          'Mutual or one-way.',
        ),
        ForceAddFlags: s.zeroOne(
          '1 = add without the peer\u2019s confirmation, ignoring their friend-request policy.',
        ),
      },
      ['From_Account', 'AddFriendItem'],
    ),
  },
  {
    service: 'sns',
    command: 'friend_import',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Import friends (no verification)',
    description:
      'Imports existing friendships (e.g. from another system) without any verification or notification, with their remarks, friend lists, add time and custom fields. Per-target results are in ResultItem.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34903',
    example: {
      From_Account: 'user1',
      AddFriendItem: [{ To_Account: 'user2', AddSource: 'AddSource_Type_Web' }],
    },
    schema: s.obj(
      {
        From_Account: s.userId('User whose friends are imported.'),
        AddFriendItem: s.arr(
          s.obj(
            {
              To_Account: s.userId('Friend to import.'),
              Remark: s.str('Remark (at most 96 bytes).', { maxLength: 96 }),
              RemarkTime: s.int('Time the remark was set, Unix seconds.', { minimum: 0 }),
              GroupName: s.arr(s.str('A friend list name.'), 'Friend lists the friend belongs to.'),
              AddSource: s.addSource,
              AddWording: s.str('Request message (at most 256 bytes).', { maxLength: 256 }),
              AddTime: s.int('Time the friendship was formed, Unix seconds.', { minimum: 0 }),
              CustomItem: s.arr(
                s.obj(
                  {
                    Tag: s.str('Custom field (Tag_SNS_Custom_*).'),
                    Value: { type: ['string', 'integer'], description: 'Field value.' },
                  },
                  ['Tag', 'Value'],
                  'One custom field.',
                ),
                'Custom relationship fields.',
              ),
            },
            ['To_Account', 'AddSource'],
            'One friend to import.',
          ),
          'Friends to import, at most 100.',
          { minItems: 1, maxItems: 100 },
        ),
      },
      ['From_Account', 'AddFriendItem'],
    ),
  },
  {
    service: 'sns',
    command: 'friend_update',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Update friend relationship fields (remark, group, custom)',
    description:
      'Updates relationship fields of existing friends: remark, friend lists (Tag_SNS_IM_Group) and custom Tag_SNS_Custom_* fields. Targets that are not friends fail individually in ResultItem.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34904',
    example: {
      From_Account: 'user1',
      UpdateItem: [{ To_Account: 'user2', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'remark' }] }],
    },
    schema: s.obj(
      {
        From_Account: s.userId('User whose friend data is updated.'),
        UpdateItem: s.arr(
          s.obj(
            {
              To_Account: s.userId('The friend.'),
              SnsItem: s.arr(s.snsItem, 'Fields to write.', { minItems: 1 }),
            },
            ['To_Account', 'SnsItem'],
            'One friend to update.',
          ),
          'Friends to update, at most 100.',
          { minItems: 1, maxItems: 100 },
        ),
      },
      ['From_Account', 'UpdateItem'],
    ),
  },
  {
    service: 'sns',
    command: 'friend_delete',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Delete friends',
    description:
      'Removes the listed friends of From_Account. Delete_Type_Both also removes From_Account from each peer’s list; Delete_Type_Single only from the caller’s side. Per-target results in ResultItem (31704 = not friends).',
    access: 'destructive',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34905',
    example: { From_Account: 'user1', To_Account: ['user3'], DeleteType: 'Delete_Type_Both' },
    schema: s.obj(
      {
        From_Account: s.userId('User whose friends are removed.'),
        To_Account: s.userIdList('Friends to remove.', 1000),
        DeleteType: s.oneOfValues(
          'string',
          [
            ['Delete_Type_Single', 'Remove only from From_Account\u2019s list'],
            ['Delete_Type_Both', 'Remove on both sides'],
          ],
          'One-way or mutual removal.',
        ),
      },
      ['From_Account', 'To_Account'],
    ),
  },
  {
    service: 'sns',
    command: 'friend_delete_all',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Delete all friends of a user',
    description:
      'Removes every friend of a user in one call (one-way or both ways per DeleteType). Irreversible: there is no undo and the friend lists are lost.',
    access: 'destructive',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34906',
    example: { From_Account: 'user5', DeleteType: 'Delete_Type_Both' },
    schema: s.obj(
      {
        From_Account: s.userId('User whose whole friend list is cleared.'),
        DeleteType: s.oneOfValues(
          'string',
          [
            ['Delete_Type_Single', 'Remove only from From_Account\u2019s list'],
            ['Delete_Type_Both', 'Remove on both sides'],
          ],
          'One-way or mutual removal.',
        ),
      },
      ['From_Account'],
    ),
  },
  {
    service: 'sns',
    command: 'friend_check',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Check friend relationships',
    description:
      'Checks the friendship between a user and each listed account, one-way (CheckResult_Type_Single) or both ways (CheckResult_Type_Both). Read-only; the Relation field of each result says who has whom.',
    access: 'read',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34907',
    example: { From_Account: 'user1', To_Account: ['user2'], CheckType: 'CheckResult_Type_Both' },
    schema: s.obj(
      {
        From_Account: s.userId('User to check from.'),
        To_Account: s.userIdList('Accounts to check.', 1000),
        CheckType: s.oneOfValues(
          'string',
          [
            ['CheckResult_Type_Single', 'Only whether To_Account is in From_Account\u2019s list'],
            ['CheckResult_Type_Both', 'Both directions'],
          ],
          'Direction of the check.',
        ),
      },
      ['From_Account', 'To_Account', 'CheckType'],
    ),
  },
  {
    service: 'sns',
    command: 'friend_get',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Pull friend list (paged)',
    description:
      'Pages through a user’s friend list with their profile and relationship fields. Start with StartIndex 0 and continue with NextStartIndex until CompleteFlag is 1; the sequences let a client skip unchanged data. Read-only.',
    access: 'read',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34908',
    example: { From_Account: 'user1', StartIndex: 0, StandardSequence: 0, CustomSequence: 0 },
    schema: s.obj(
      {
        From_Account: s.userId('User whose friends are listed.'),
        StartIndex: s.int('Paging start; 0 for the first page, then NextStartIndex.', { minimum: 0 }),
        StandardSequence: s.int('Last standard-profile sequence the caller holds (0 = return everything).', {
          minimum: 0,
        }),
        CustomSequence: s.int('Last custom-field sequence the caller holds (0 = return everything).', {
          minimum: 0,
        }),
      },
      ['From_Account', 'StartIndex'],
    ),
  },
  {
    service: 'sns',
    command: 'friend_get_list',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: "Pull specified friends' data",
    description:
      'Reads chosen profile (Tag_Profile_*) and relationship (Tag_SNS_*) fields of specific friends of a user. Read-only.',
    access: 'read',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34910',
    example: {
      From_Account: 'user1',
      To_Account: ['user2'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark'],
    },
    schema: s.obj(
      {
        From_Account: s.userId('User whose friends are read.'),
        To_Account: s.userIdList('Friends to read.', 100),
        TagList: s.arr(s.str('A Tag_Profile_* or Tag_SNS_* field name.'), 'Fields to return.', {
          minItems: 1,
        }),
      },
      ['From_Account', 'To_Account', 'TagList'],
    ),
  },
  {
    service: 'sns',
    command: 'black_list_add',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Add users to blocklist',
    description:
      'Adds accounts to a user’s blocklist: they can no longer message the user (20007) and any friendship is removed. Per-target results in ResultItem.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34911',
    example: { From_Account: 'user1', To_Account: ['user2'] },
    schema: s.obj(
      {
        From_Account: s.userId('User whose blocklist grows.'),
        To_Account: s.userIdList('Accounts to block.', 1000),
      },
      ['From_Account', 'To_Account'],
    ),
  },
  {
    service: 'sns',
    command: 'black_list_delete',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Remove users from blocklist',
    description:
      'Removes accounts from a user’s blocklist, so they can message the user again. Friendships removed by the block are not restored.',
    access: 'destructive',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34912',
    example: { From_Account: 'user1', To_Account: ['user5'] },
    schema: s.obj(
      {
        From_Account: s.userId('User whose blocklist shrinks.'),
        To_Account: s.userIdList('Accounts to unblock.', 1000),
      },
      ['From_Account', 'To_Account'],
    ),
  },
  {
    service: 'sns',
    command: 'black_list_get',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Pull blocklist (paged)',
    description:
      'Pages through a user’s blocklist: start at StartIndex 0 with LastSequence 0, continue with the StartIndex returned until it is 0. Read-only.',
    access: 'read',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34914',
    example: { From_Account: 'user1', StartIndex: 0, MaxLimited: 30, LastSequence: 0 },
    schema: s.obj(
      {
        From_Account: s.userId('User whose blocklist is read.'),
        StartIndex: s.int('Paging start; 0 for the first page.', { minimum: 0 }),
        MaxLimited: s.int('Page size.', { minimum: 1 }),
        LastSequence: s.int('Blocklist sequence the caller holds; 0 the first time.', { minimum: 0 }),
      },
      ['From_Account', 'StartIndex', 'MaxLimited', 'LastSequence'],
    ),
  },
  {
    service: 'sns',
    command: 'black_list_check',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Check blocklist relationships',
    description: 'Checks whether accounts are on a user’s blocklist, one-way or both ways. Read-only.',
    access: 'read',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34913',
    example: { From_Account: 'user1', To_Account: ['user2'], CheckType: 'BlackCheckResult_Type_Both' },
    schema: s.obj(
      {
        From_Account: s.userId('User to check from.'),
        To_Account: s.userIdList('Accounts to check.', 1000),
        CheckType: s.oneOfValues(
          'string',
          [
            ['BlackCheckResult_Type_Single', 'Only From_Account\u2019s blocklist'],
            ['BlackCheckResult_Type_Both', 'Both directions'],
          ],
          'Direction of the check.',
        ),
      },
      ['From_Account', 'To_Account', 'CheckType'],
    ),
  },
  {
    service: 'sns',
    command: 'group_add',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Create friend lists (friend groups)',
    description:
      'Creates friend lists (named groups of friends, not chat groups) for a user, optionally putting existing friends into them at once.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34950',
    example: { From_Account: 'user1', GroupName: ['group1'], To_Account: ['user2'] },
    schema: s.obj(
      {
        From_Account: s.userId('Owner of the friend lists.'),
        GroupName: s.arr(
          s.str('Friend list name (at most 30 bytes).', { minLength: 1, maxLength: 30 }),
          'Friend lists to create.',
          { minItems: 1 },
        ),
        To_Account: s.arr(s.userId('A friend.'), 'Existing friends to add to the new lists.'),
      },
      ['From_Account', 'GroupName'],
    ),
  },
  {
    service: 'sns',
    command: 'group_delete',
    group: 'Relationship chain (friends, blocklist, friend lists)',
    title: 'Delete friend lists',
    description:
      'Deletes friend lists of a user. The friends themselves stay friends; only the grouping is lost.',
    access: 'destructive',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34926',
    example: { From_Account: 'user1', GroupName: ['group1'] },
    schema: s.obj(
      {
        From_Account: s.userId('Owner of the friend lists.'),
        GroupName: s.arr(
          s.str('Friend list name.', { minLength: 1, maxLength: 30 }),
          'Friend lists to delete.',
          { minItems: 1 },
        ),
      },
      ['From_Account', 'GroupName'],
    ),
  },
  withInferredSchema(
    {
      service: 'sns',
      command: 'group_get',
      group: 'Relationship chain (friends, blocklist, friend lists)',
      title: 'Pull friend lists',
      description:
        'Lists a user’s friend lists, with their members when NeedFriend is Need_Friend_Type_Yes. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/40123',
      example: { From_Account: 'user1', NeedFriend: 'Need_Friend_Type_Yes' },
    },
    ['From_Account'],
    {
      From_Account: 'Owner of the friend lists.',
      NeedFriend: 'Need_Friend_Type_Yes to include each list’s friends.',
    },
  ),
];
