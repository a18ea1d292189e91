// Catalog data: Account management.
import type { CatalogCommand } from '../api/catalog';
import * as s from './schema-parts';

export const accountCommands: readonly CatalogCommand[] = [
  {
    service: 'im_open_login_svc',
    command: 'account_import',
    group: 'Account management',
    title: 'Import (register) a single account',
    description:
      'Registers one UserID with Chat so it can log in, receive messages and join groups. Importing an account that already exists is not an error: it overwrites the nickname and avatar URL. The UserID is at most 32 bytes (letters, digits, underscore and hyphen are the safe set).',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: true,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34953',
    example: { UserID: 'user1', Nick: 'User One', FaceUrl: 'http://www.qq.com' },
    schema: s.obj(
      {
        UserID: s.userId('Account to import.'),
        Nick: s.str('Nickname (at most 500 bytes).', { maxLength: 500 }),
        FaceUrl: s.str('Avatar URL (at most 500 bytes).', { maxLength: 500 }),
      },
      ['UserID'],
    ),
  },
  {
    service: 'im_open_login_svc',
    command: 'multiaccount_import',
    group: 'Account management',
    title: 'Import up to 100 accounts',
    description:
      'Registers up to 100 accounts in one call. Accounts that could not be imported come back in FailAccounts, so a FAIL-free answer can still be a partial import: read the list. The older body shape {"Accounts":["user1",…]} (UserIDs only, no nickname or avatar) is still accepted.',
    access: 'write',
    rateLimitPerSec: 100,
    rateLimitVerified: true,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34954',
    example: {
      AccountList: [{ UserID: 'user1', Nick: 'Nick_1', FaceUrl: 'http://www.qq.com' }, { UserID: 'user2' }],
    },
    schema: s.obj(
      {
        AccountList: s.arr(
          s.obj(
            {
              UserID: s.userId('Account to import.'),
              Nick: s.str('Nickname (at most 500 bytes).', { maxLength: 500 }),
              FaceUrl: s.str('Avatar URL (at most 500 bytes).', { maxLength: 500 }),
            },
            ['UserID'],
            'One account to import.',
          ),
          'Accounts to import, at most 100.',
          { minItems: 1, maxItems: 100 },
        ),
        Accounts: s.userIdList('Legacy form: UserIDs only.', 100),
      },
      [],
      undefined,
      { anyOf: [{ required: ['AccountList'] }, { required: ['Accounts'] }] },
    ),
  },
  {
    service: 'im_open_login_svc',
    command: 'account_delete',
    group: 'Account management',
    title: 'Delete accounts (irreversible; also deletes friends/profile/groups/sessions)',
    description:
      'Deletes up to 100 accounts together with their friends, profile, conversations and group memberships. Irreversible. Apps on paid editions must first allow account deletion in the Chat console, and a deleted UserID cannot be imported again for about three months. Per-account results are in ResultItem.',
    access: 'destructive',
    rateLimitPerSec: 100,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34955',
    example: { DeleteItem: [{ UserID: 'user4' }] },
    schema: s.obj(
      {
        DeleteItem: s.arr(
          s.obj({ UserID: s.userId('Account to delete.') }, ['UserID'], 'One account.'),
          'Accounts to delete, at most 100.',
          { minItems: 1, maxItems: 100 },
        ),
      },
      ['DeleteItem'],
    ),
  },
  {
    service: 'im_open_login_svc',
    command: 'account_check',
    group: 'Account management',
    title: 'Check whether accounts are imported',
    description:
      'Tells for up to 100 UserIDs whether each has been imported (AccountStatus "Imported" or "NotImported"). Read-only; the quickest way to check whether a 70107 or 20003 is caused by a missing account.',
    access: 'read',
    rateLimitPerSec: 100,
    rateLimitVerified: true,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34956',
    example: { CheckItem: [{ UserID: 'user1' }, { UserID: 'user2' }] },
    schema: s.obj(
      {
        CheckItem: s.arr(
          s.obj({ UserID: s.userId('Account to check.') }, ['UserID'], 'One account.'),
          'Accounts to check, at most 100.',
          { minItems: 1, maxItems: 100 },
        ),
      },
      ['CheckItem'],
    ),
  },
  {
    service: 'im_open_login_svc',
    command: 'kick',
    group: 'Account management',
    title: "Invalidate a user's login state (force logout, old UserSig invalid)",
    description:
      'Invalidates the login state of one account: every device is logged out and the UserSig it held stops working, so the user must obtain a new UserSig to log in again. One account per call. The account itself and its data are kept.',
    access: 'destructive',
    rateLimitPerSec: 200,
    rateLimitVerified: true,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34957',
    example: { UserID: 'user1' },
    schema: s.obj({ UserID: s.userId('Account to log out everywhere.') }, ['UserID']),
  },
  {
    service: 'openim',
    command: 'query_online_status',
    group: 'Account management',
    title: 'Query login/online status of up to 500 users',
    description:
      'Returns the login state (Online, PushOnline = logged in but in the background, Offline) of up to 500 users. With IsNeedDetail = 1 the answer also lists each logged-in platform. Read-only.',
    access: 'read',
    rateLimitPerSec: 200,
    rateLimitVerified: true,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/35477',
    example: { To_Account: ['user1', 'user2'], IsNeedDetail: 1 },
    schema: s.obj(
      {
        To_Account: s.userIdList('Accounts to query.', 500),
        IsNeedDetail: s.zeroOne('1 = also return per-platform detail (platform and status of each login).'),
        IsReturnCustomStatus: s.zeroOne('1 = also return each user\u2019s custom status string.'),
      },
      ['To_Account'],
    ),
  },
];
