// Catalog data: Audio-video group (AVChatRoom).
import type { CatalogCommand } from '../api/catalog';
import { withInferredSchema } from './define';
import * as s from './schema-parts';

export const avChatRoomCommands: readonly CatalogCommand[] = [
  withInferredSchema(
    {
      service: 'group_open_avchatroom_http_svc',
      command: 'get_members',
      group: 'Audio-video group (AVChatRoom)',
      title: 'List online members of an AVChatRoom',
      description:
        'Lists the online members of an AVChatRoom group, paging by Timestamp (0 first, then the value returned). Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { GroupId: '@TGS#aXXXXXXXX', Timestamp: 0 },
    },
    ['GroupId'],
    { GroupId: s.groupIdField, Timestamp: 'Paging cursor; 0 for the first page.' },
  ),
  withInferredSchema(
    {
      service: 'group_open_avchatroom_http_svc',
      command: 'modify_user_info',
      group: 'Audio-video group (AVChatRoom)',
      title: 'Set/remove member marks in AVChatRoom',
      description:
        'Sets (CommandType 1) or removes (2) integer marks on AVChatRoom members, e.g. to flag VIPs for the clients.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: {
        GroupId: '@TGS#aXXXXXXXX',
        CommandType: 1,
        MemberList: [{ Member_Account: 'user2', Marks: [1000] }],
      },
    },
    ['GroupId', 'CommandType', 'MemberList'],
    {
      GroupId: s.groupIdField,
      CommandType: '1 = set marks, 2 = remove marks.',
      MemberList: 'Members and their Marks.',
    },
  ),
  withInferredSchema(
    {
      service: 'group_open_avchatroom_http_svc',
      command: 'modify_admin',
      group: 'Audio-video group (AVChatRoom)',
      title: 'Set/unset AVChatRoom admins',
      description:
        'Makes members AVChatRoom admins (CommandType 1) or revokes it (2). From the maintained Java SDK.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { GroupId: '@TGS#aXXXXXXXX', CommandType: 1, Admin_Account: ['user2'] },
    },
    ['GroupId', 'CommandType', 'Admin_Account'],
    {
      GroupId: s.groupIdField,
      CommandType: '1 = grant admin, 2 = revoke.',
      Admin_Account: 'Members concerned.',
    },
  ),
  withInferredSchema(
    {
      service: 'group_open_avchatroom_http_svc',
      command: 'get_admin_list',
      group: 'Audio-video group (AVChatRoom)',
      title: 'List AVChatRoom admins',
      description: 'Lists the admins of an AVChatRoom group. Read-only. From the maintained Java SDK.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { GroupId: '@TGS#aXXXXXXXX' },
    },
    ['GroupId'],
    { GroupId: s.groupIdField },
  ),
  withInferredSchema(
    {
      service: 'group_open_avchatroom_http_svc',
      command: 'check_members',
      group: 'Audio-video group (AVChatRoom)',
      title: 'Check whether users are in an AVChatRoom',
      description:
        'Tells whether the listed users are currently in an AVChatRoom group. Read-only. From the maintained Java SDK.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { GroupId: '@TGS#aXXXXXXXX', Member_Account: ['user2'] },
    },
    ['GroupId', 'Member_Account'],
    { GroupId: s.groupIdField, Member_Account: 'Users to check.' },
  ),
];
