// Catalog data: Profile.
import type { CatalogCommand } from '../api/catalog';
import * as s from './schema-parts';

export const profileCommands: readonly CatalogCommand[] = [
  {
    service: 'profile',
    command: 'portrait_set',
    group: 'Profile',
    title: 'Set standard/custom profile fields',
    description:
      'Writes standard (Tag_Profile_IM_*) and custom (Tag_Profile_Custom_*, configured in the console first) profile fields of one user. Each value is limited to 500 bytes (40601); sensitive words are rejected (40005). Errors come with an extra ErrorDisplay field.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: true,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34916',
    example: { From_Account: 'user1', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'MyNickName' }] },
    schema: s.obj(
      {
        From_Account: s.userId('User whose profile is written.'),
        ProfileItem: s.arr(
          s.obj({ Tag: s.profileTag, Value: s.profileValue }, ['Tag', 'Value'], 'One field to write.'),
          'Fields to write.',
          { minItems: 1 },
        ),
      },
      ['From_Account', 'ProfileItem'],
    ),
  },
  {
    service: 'profile',
    command: 'portrait_get',
    group: 'Profile',
    title: 'Pull profiles (up to 100 users)',
    description:
      'Reads the listed profile fields of up to 100 users. Fields never set are omitted from the answer; per-user failures appear in each UserProfileItem’s ResultCode. Read-only.',
    access: 'read',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34917',
    example: { To_Account: ['user1'], TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image'] },
    schema: s.obj(
      {
        To_Account: s.userIdList('Users to read.', 100),
        TagList: s.arr(s.profileTag, 'Profile fields to return.', { minItems: 1 }),
      },
      ['To_Account', 'TagList'],
    ),
  },
];
