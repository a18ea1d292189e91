// Catalog data: Group messages.
import type { CatalogCommand } from '../api/catalog';
import { withInferredSchema } from './define';
import * as s from './schema-parts';

export const groupMessageCommands: readonly CatalogCommand[] = [
  {
    service: 'group_open_http_svc',
    command: 'send_group_msg',
    group: 'Group messages',
    title: 'Send an ordinary group message',
    description:
      'Sends a message to a group, as the admin or as a member (From_Account). Random is the de-duplication key: a message with the same Random within 5 minutes is treated as a duplicate and dropped silently. TopicId targets a community topic; To_Account makes it a targeted message seen only by the listed members; OnlineOnlyFlag 1 sends to online members only without storing it. Answers MsgSeq and MsgTime. A muted sender gets 10017; too many messages per group 10023.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34959',
    example: {
      GroupId: '@TGS#1NVTZEAE4',
      Random: 8912345,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }],
    },
    schema: s.obj(
      {
        GroupId: s.groupIdField,
        TopicId: s.str('Community topic to send into.'),
        Random: s.msgRandom(
          'Random 32-bit unsigned integer; the same value within 5 minutes marks a duplicate.',
        ),
        From_Account: s.userId('Sender (must be a member). Omit to send as the admin.'),
        MsgPriority: s.oneOfValues(
          'string',
          [
            ['High', 'High'],
            ['Normal', 'Normal'],
            ['Low', 'Low'],
            ['Lowest', 'Lowest'],
          ],
          'Priority, used when a group has too many messages to deliver all (AVChatRoom).',
        ),
        MsgBody: s.msgBody,
        OnlineOnlyFlag: s.zeroOne('1 = deliver to online members only, not stored, no unread count.'),
        To_Account: s.arr(s.userId('A member.'), 'Targeted message: only these members receive it.', {
          minItems: 1,
        }),
        CloudCustomData: s.cloudCustomData,
        SupportMessageExtension: s.zeroOne('1 = the message supports key-value extensions.'),
        NeedReadReceipt: s.zeroOne('1 = members should send read receipts.'),
        SendMsgControl: s.sendMsgControl,
        ForbidCallbackControl: s.forbidCallbackControl,
        OfflinePushInfo: s.offlinePushInfo,
      },
      ['GroupId', 'Random', 'MsgBody'],
    ),
  },
  {
    service: 'group_open_http_svc',
    command: 'send_group_system_notification',
    group: 'Group messages',
    title: 'Send a group system notification',
    description:
      'Sends a system notification to a group (shown as a system tip, not a member message), to every member or only to ToMembers_Account.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34958',
    example: { GroupId: '@TGS#1NVTZEAE4', Content: 'Hello World' },
    schema: s.obj(
      {
        GroupId: s.groupIdField,
        ToMembers_Account: s.userIdList('Recipients; omit for every member.', 500),
        Content: s.str('Notification text.', { minLength: 1 }),
        TopicId: s.str('Community topic to send into.'),
      },
      ['GroupId', 'Content'],
    ),
  },
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'send_broadcast_msg',
      group: 'Group messages',
      title: 'Broadcast to ALL AVChatRooms in the app',
      description:
        'Broadcasts one message into every AVChatRoom group of the app at once: the whole live audience sees it, so it is destructive. Ultimate edition only; the rate limit was not captured and is probably low. Random is a de-duplication key.',
      access: 'destructive',
      rateLimitPerSec: null,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/49440',
      example: {
        From_Account: 'administrator',
        Random: 8912345,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'broadcast' } }],
      },
    },
    ['Random', 'MsgBody'],
    { From_Account: 'Sender; omit for the admin.', Random: s.msgRandom(), MsgBody: s.msgBody },
  ),
  {
    service: 'group_open_http_svc',
    command: 'group_msg_recall',
    group: 'Group messages',
    title: 'Recall group messages by MsgSeq',
    description:
      'Recalls group messages by MsgSeq for every member. Some message types (10032) and group types (10033) cannot be recalled; each message’s result is in RecallRetList. Irreversible.',
    access: 'destructive',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34965',
    example: { GroupId: '@TGS#1NVTZEAE4', MsgSeqList: [{ MsgSeq: 101 }] },
    schema: s.obj(
      {
        GroupId: s.groupIdField,
        TopicId: s.str('Community topic the messages belong to.'),
        MsgSeqList: s.msgSeqList,
        Reason: s.str('Reason, shown in the recall notice.'),
      },
      ['GroupId', 'MsgSeqList'],
    ),
  },
  {
    service: 'group_open_http_svc',
    command: 'import_group_msg',
    group: 'Group messages',
    title: 'Import group message history',
    description:
      'Migration: imports historical messages into a group (imported with import_group) with their original sender and time, without pushing them. Import them in chronological order; Random de-duplicates. Each message’s result is in ImportMsgResult.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34968',
    example: {
      GroupId: '@TGS#1NVTZEAE4',
      MsgList: [
        {
          From_Account: 'user1',
          SendTime: 1620000000,
          Random: 8912345,
          MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }],
        },
      ],
    },
    schema: s.obj(
      {
        GroupId: s.groupIdField,
        RecentContactFlag: s.zeroOne('1 = the import updates members\u2019 conversation lists.'),
        MsgList: s.arr(
          s.obj(
            {
              From_Account: s.userId('Original sender.'),
              SendTime: s.int('Original send time, Unix seconds.', { minimum: 0, maximum: s.UINT32_MAX }),
              Random: s.msgRandom(),
              MsgBody: s.msgBody,
              CloudCustomData: s.cloudCustomData,
            },
            ['From_Account', 'SendTime', 'MsgBody'],
            'One message to import.',
          ),
          'Messages to import, oldest first.',
          { minItems: 1 },
        ),
      },
      ['GroupId', 'MsgList'],
    ),
  },
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'delete_group_msg_by_sender',
      group: 'Group messages',
      title: 'Delete all messages of a sender in a group',
      description:
        'Deletes every message a given member sent in a group (e.g. after spam). Irreversible. Not supported for AVChatRoom or broadcast groups (10035).',
      access: 'destructive',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34970',
      example: { GroupId: '@TGS#1NVTZEAE4', Sender_Account: 'user3' },
    },
    ['GroupId', 'Sender_Account'],
    { GroupId: s.groupIdField, Sender_Account: 'Member whose messages are deleted.' },
  ),
  {
    service: 'group_open_http_svc',
    command: 'group_msg_get_simple',
    group: 'Group messages',
    title: 'Pull group message history',
    description:
      'Reads up to 20 messages of a group’s history, newest first. To page backwards pass ReqMsgSeq = the smallest MsgSeq already seen minus 1. AVChatRoom groups have no stored history. Read-only.',
    access: 'read',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34971',
    example: { GroupId: '@TGS#1NVTZEAE4', ReqMsgNumber: 20 },
    schema: s.obj(
      {
        GroupId: s.groupIdField,
        ReqMsgSeq: s.int('Return messages with MsgSeq up to this value; omit for the latest.', {
          minimum: 0,
        }),
        ReqMsgNumber: s.int('Number of messages (at most 20).', { minimum: 1, maximum: 20 }),
        TopicId: s.str('Community topic to read.'),
        WithRecalledMsg: s.zeroOne('1 = include recalled messages (marked as such).'),
      },
      ['GroupId', 'ReqMsgNumber'],
    ),
  },
  withInferredSchema(
    {
      service: 'openim',
      command: 'modify_group_msg',
      group: 'Group messages',
      title: 'Modify a historical group message',
      description:
        'Overwrites the body and/or CloudCustomData of a group message already sent, identified by GroupId and MsgSeq. Note the service: openim, not group_open_http_svc. The previous content is lost.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/47948',
      example: {
        GroupId: '@TGS#1NVTZEAE4',
        MsgSeq: 100,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'edited' } }],
      },
    },
    ['GroupId', 'MsgSeq'],
    { GroupId: s.groupIdField, MsgSeq: s.msgSeqField, MsgBody: s.msgBody },
  ),
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'clear_group_msg',
      group: 'Group messages',
      title: 'Clear group message history up to MsgSeq',
      description:
        'Deletes a group’s message history up to and including MsgSeq (all of it when omitted). Irreversible. Name from the maintained Java SDK; Tencent’s page was not captured.',
      access: 'destructive',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { GroupId: '@TGS#1NVTZEAE4', MsgSeq: 50 },
    },
    ['GroupId'],
    { GroupId: s.groupIdField, MsgSeq: 'Clear messages up to this sequence.' },
  ),
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'group_msg_receipt',
      group: 'Group messages',
      title: 'Report group messages as read (read receipt)',
      description:
        'Reports group messages as read by a member (a read receipt), for messages sent with read receipts enabled. Body from the maintained Java SDK.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { GroupId: '@TGS#1NVTZEAE4', From_Account: 'user2', MsgSeqList: [{ MsgSeq: 100 }] },
    },
    ['GroupId', 'MsgSeqList'],
    { GroupId: s.groupIdField, MsgSeqList: s.msgSeqList },
  ),
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'get_group_msg_receipt',
      group: 'Group messages',
      title: 'Pull read-receipt counts for group messages',
      description: 'Returns read and unread counts of group messages sent with read receipts. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { GroupId: '@TGS#1NVTZEAE4', MsgSeqList: [{ MsgSeq: 100 }] },
    },
    ['GroupId', 'MsgSeqList'],
    { GroupId: s.groupIdField, MsgSeqList: s.msgSeqList },
  ),
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'get_group_msg_receipt_detail',
      group: 'Group messages',
      title: 'Pull read/unread member lists for a group message',
      description:
        'Pages through the members who have (Filter 0) or have not (Filter 1) read a group message. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { GroupId: '@TGS#1NVTZEAE4', MsgSeq: 100, Filter: 0, Cursor: '', Count: 100 },
    },
    ['GroupId', 'MsgSeq'],
    {
      GroupId: s.groupIdField,
      MsgSeq: s.msgSeqField,
      Filter: '0 = members who read it, 1 = who did not.',
      Cursor: 'Paging cursor; empty first.',
      Count: 'Page size.',
    },
  ),
];
