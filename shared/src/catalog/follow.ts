// Catalog data: Follow / followers.
import type { CatalogCommand } from '../api/catalog';
import { withInferredSchema } from './define';

export const followCommands: readonly CatalogCommand[] = [
  withInferredSchema(
    {
      service: 'follow',
      command: 'follow_add',
      group: 'Follow / followers',
      title: 'Follow users',
      description:
        'Makes a user follow other users (one-way, unlike friends; no confirmation). Per-target results in ResultItem.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/70345',
      example: { From_Account: 'user1', FollowItem: [{ To_Account: 'user2' }] },
    },
    ['From_Account', 'FollowItem'],
    { From_Account: 'The follower.', FollowItem: 'Users to follow ({To_Account}).' },
  ),
  withInferredSchema(
    {
      service: 'follow',
      command: 'follow_delete',
      group: 'Follow / followers',
      title: 'Unfollow users',
      description: 'Makes a user unfollow other users.',
      access: 'destructive',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/70346',
      example: { From_Account: 'user1', To_Account: ['user2'] },
    },
    ['From_Account', 'To_Account'],
    { From_Account: 'The follower.', To_Account: 'Users to unfollow.' },
  ),
  withInferredSchema(
    {
      service: 'follow',
      command: 'follow_get',
      group: 'Follow / followers',
      title: 'Pull following/followers/mutual list',
      description:
        'Pages through a user’s following (FollowType 1), followers (2) or mutual follows (3) with a cursor. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/70347',
      example: { From_Account: 'user1', FollowType: 1, StartCursor: '', WantNum: 100 },
    },
    ['From_Account', 'FollowType'],
    {
      FollowType: '1 = following, 2 = followers, 3 = mutual.',
      StartCursor: 'Cursor; empty for the first page.',
      WantNum: 'Page size.',
    },
  ),
  withInferredSchema(
    {
      service: 'follow',
      command: 'follow_check',
      group: 'Follow / followers',
      title: 'Check follow relationships',
      description: 'Checks the follow relationship between a user and each listed account. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/70349',
      example: { From_Account: 'user1', To_Account: ['user2'] },
    },
    ['From_Account', 'To_Account'],
  ),
  withInferredSchema(
    {
      service: 'follow',
      command: 'follow_get_info',
      group: 'Follow / followers',
      title: 'Get following/follower/mutual counts',
      description: 'Returns following, follower and mutual-follow counts of the listed users. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/70350',
      example: { From_Account: 'user1', To_Account: ['user1'] },
    },
    ['From_Account', 'To_Account'],
  ),
];
