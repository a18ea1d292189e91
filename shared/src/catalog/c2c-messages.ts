// Catalog data: One-to-one messages.
import type { CatalogCommand } from '../api/catalog';
import { withInferredSchema } from './define';
import * as s from './schema-parts';

export const c2cMessageCommands: readonly CatalogCommand[] = [
  {
    service: 'openim',
    command: 'sendmsg',
    group: 'One-to-one messages',
    title: 'Send a one-to-one message to one user',
    description:
      'Sends a one-to-one message to one user, as the admin or, with From_Account, as any imported user. MsgRandom is a de-duplication key (Tencent treats messages with the same MsgRandom in the same second as one), so a resend must use a fresh value. SyncOtherMachine 1 also syncs the message to the sender’s devices and roaming; 2 does not. Answers MsgTime and MsgKey (needed to recall or edit it). Sender or recipient not imported gives 20003/90012; blocked by the app’s before-send webhook gives 20006.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34919',
    example: {
      SyncOtherMachine: 2,
      From_Account: 'administrator',
      To_Account: 'user1',
      MsgRandom: 1287657,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }],
    },
    schema: s.obj(
      {
        SyncOtherMachine: s.oneOfValues(
          'integer',
          [
            [1, 'Sync to the sender\u2019s other devices and roaming'],
            [2, 'Do not sync to the sender'],
          ],
          'Whether the message also appears on the sender\u2019s side.',
        ),
        From_Account: s.userId('Sender. Omit to send as the app admin.'),
        To_Account: s.userId('Recipient.'),
        MsgSeq: s.int('Optional message sequence number (32-bit unsigned).', {
          minimum: 0,
          maximum: s.UINT32_MAX,
        }),
        MsgRandom: s.msgRandom(
          'Random 32-bit unsigned integer; Tencent de-duplicates messages with the same value in the same second.',
        ),
        MsgLifeTime: s.msgLifeTime,
        MsgBody: s.msgBody,
        CloudCustomData: s.cloudCustomData,
        SupportMessageExtension: s.zeroOne('1 = the message supports key-value extensions (set_key_values).'),
        IsNeedReadReceipt: s.zeroOne('1 = the recipient\u2019s client should send a read receipt.'),
        SendMsgControl: s.sendMsgControl,
        ForbidCallbackControl: s.forbidCallbackControl,
        OfflinePushInfo: s.offlinePushInfo,
      },
      ['To_Account', 'MsgRandom', 'MsgBody'],
    ),
  },
  {
    service: 'openim',
    command: 'batchsendmsg',
    group: 'One-to-one messages',
    title: 'Send a one-to-one message to up to 500 users',
    description:
      'Sends the same one-to-one message to up to 500 users in one call (documented limit 200 calls/s, confirmed by Tencent’s over-limit alert sample). Recipients that failed are listed in ErrorList with their codes, so check it even when ActionStatus is OK. MsgRandom is a de-duplication key. The before-send webhook is not called for batch sends.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: true,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34920',
    example: {
      SyncOtherMachine: 2,
      To_Account: ['user1', 'user2'],
      MsgRandom: 19901224,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }],
    },
    schema: s.obj(
      {
        SyncOtherMachine: s.oneOfValues(
          'integer',
          [
            [1, 'Sync to the sender\u2019s other devices and roaming'],
            [2, 'Do not sync to the sender'],
          ],
          'Whether the message also appears on the sender\u2019s side.',
        ),
        From_Account: s.userId('Sender. Omit to send as the app admin.'),
        To_Account: s.userIdList('Recipients.', 500),
        MsgSeq: s.int('Optional message sequence number (32-bit unsigned).', {
          minimum: 0,
          maximum: s.UINT32_MAX,
        }),
        MsgRandom: s.msgRandom(),
        MsgBody: s.msgBody,
        CloudCustomData: s.cloudCustomData,
        SupportMessageExtension: s.zeroOne('1 = the message supports key-value extensions.'),
        SendMsgControl: s.sendMsgControl,
        OfflinePushInfo: s.offlinePushInfo,
      },
      ['To_Account', 'MsgRandom', 'MsgBody'],
    ),
  },
  {
    service: 'openim',
    command: 'importmsg',
    group: 'One-to-one messages',
    title: 'Import historical one-to-one messages (no push)',
    description:
      'Imports a one-to-one message from another system into the history of two users, keeping its original timestamp; nobody is pushed or notified. SyncFromOldSystem 1 imports it as a real-time message (counts as unread), 2 as history (no unread). Both accounts must be imported first. MsgRandom together with the timestamp and accounts identifies the message, so re-importing the same values is de-duplicated.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/35014',
    example: {
      SyncFromOldSystem: 1,
      From_Account: 'user1',
      To_Account: 'user2',
      MsgRandom: 1287657,
      MsgTimeStamp: 1557387418,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }],
    },
    schema: s.obj(
      {
        SyncFromOldSystem: s.oneOfValues(
          'integer',
          [
            [1, 'Real-time import: counts as unread'],
            [2, 'Historical import: does not count as unread'],
          ],
          'How the imported message is treated.',
        ),
        From_Account: s.userId('Original sender (must be imported).'),
        To_Account: s.userId('Original recipient (must be imported).'),
        MsgSeq: s.int('Optional message sequence number (32-bit unsigned).', {
          minimum: 0,
          maximum: s.UINT32_MAX,
        }),
        MsgRandom: s.msgRandom(),
        MsgTimeStamp: s.int('Original send time, Unix seconds.', { minimum: 0, maximum: s.UINT32_MAX }),
        MsgBody: s.msgBody,
        CloudCustomData: s.cloudCustomData,
        SupportMessageExtension: s.zeroOne('1 = the message supports key-value extensions.'),
      },
      ['SyncFromOldSystem', 'From_Account', 'To_Account', 'MsgRandom', 'MsgTimeStamp', 'MsgBody'],
    ),
  },
  {
    service: 'openim',
    command: 'admin_getroammsg',
    group: 'One-to-one messages',
    title: 'Pull one-to-one message history between two users',
    description:
      'Reads the one-to-one message history between two users in a time window, newest first. When Complete is 0 more messages remain: call again with LastMsgKey (and MaxTime = LastMsgTime) from the previous answer. Read-only; only messages still within the app’s roaming retention are returned.',
    access: 'read',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/35478',
    example: {
      Operator_Account: 'user1',
      Peer_Account: 'user2',
      MaxCnt: 100,
      MinTime: 1572868800,
      MaxTime: 1572872400,
    },
    schema: s.obj(
      {
        Operator_Account: s.userId('The user whose view of the conversation is read.'),
        Peer_Account: s.userId('The other party of the conversation.'),
        MaxCnt: s.int('Maximum number of messages to return in this page.', { minimum: 1 }),
        MinTime: s.int('Start of the window, Unix seconds.', { minimum: 0, maximum: s.UINT32_MAX }),
        MaxTime: s.int('End of the window, Unix seconds.', { minimum: 0, maximum: s.UINT32_MAX }),
        LastMsgKey: s.str('Paging: MsgKey of the last message of the previous page.'),
      },
      ['Operator_Account', 'Peer_Account', 'MaxCnt', 'MinTime', 'MaxTime'],
    ),
  },
  {
    service: 'openim',
    command: 'admin_msgwithdraw',
    group: 'One-to-one messages',
    title: 'Recall a one-to-one message by MsgKey',
    description:
      'Recalls (withdraws) a one-to-one message identified by its MsgKey, for both parties. The recall is irreversible and the users see a recall notice in place of the message.',
    access: 'destructive',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/35015',
    example: { From_Account: 'user1', To_Account: 'user2', MsgKey: '31907_833503_1572869890' },
    schema: s.obj(
      {
        From_Account: s.userId('Sender of the message.'),
        To_Account: s.userId('Recipient of the message.'),
        MsgKey: s.msgKeyField,
      },
      ['From_Account', 'To_Account', 'MsgKey'],
    ),
  },
  {
    service: 'openim',
    command: 'admin_set_msg_read',
    group: 'One-to-one messages',
    title: 'Mark a one-to-one conversation as read',
    description:
      'Marks a user’s one-to-one conversation with a peer as read, clearing its unread count (up to MsgReadTime when given). Changes the user’s unread state on every device.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/38996',
    example: { Report_Account: 'user1', Peer_Account: 'user2' },
    schema: s.obj(
      {
        Report_Account: s.userId('The user whose conversation is marked read.'),
        Peer_Account: s.userId('The other party of the conversation.'),
        MsgReadTime: s.int('Mark messages up to this time (Unix seconds) as read; default now.', {
          minimum: 0,
          maximum: s.UINT32_MAX,
        }),
      },
      ['Report_Account', 'Peer_Account'],
    ),
  },
  {
    service: 'openim',
    command: 'get_c2c_unread_msg_num',
    group: 'One-to-one messages',
    title: 'Query one-to-one unread counts',
    description:
      'Returns a user’s one-to-one unread message counts: the total when Peer_Account is omitted, otherwise per listed peer. Read-only.',
    access: 'read',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/41046',
    example: { To_Account: 'user1', Peer_Account: ['user2'] },
    schema: s.obj(
      {
        To_Account: s.userId('The user whose unread counts are read.'),
        Peer_Account: s.arr(
          s.userId('A peer.'),
          'Peers to report on; omit for the total across all one-to-one conversations.',
          { minItems: 1 },
        ),
      },
      ['To_Account'],
    ),
  },
  {
    service: 'openim',
    command: 'modify_c2c_msg',
    group: 'One-to-one messages',
    title: 'Modify a historical one-to-one message',
    description:
      'Overwrites the body and/or CloudCustomData of a one-to-one message already sent, identified by MsgKey. Clients that are online receive a modification notice; the previous content is lost.',
    access: 'write',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/47722',
    example: {
      From_Account: 'user1',
      To_Account: 'user2',
      MsgKey: '31906_833502_1572869830',
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'edited' } }],
    },
    schema: s.obj(
      {
        From_Account: s.userId('Sender of the message.'),
        To_Account: s.userId('Recipient of the message.'),
        MsgKey: s.msgKeyField,
        MsgBody: s.msgBody,
        CloudCustomData: s.cloudCustomData,
      },
      ['From_Account', 'To_Account', 'MsgKey'],
    ),
  },
  withInferredSchema(
    {
      service: 'openim',
      command: 'delete_c2c_msg_ramble',
      group: 'One-to-one messages',
      title: 'One-way delete one-to-one roaming messages for the operator',
      description:
        'Deletes one-to-one messages from the roaming history of one user only (the peer still sees them). Irreversible for that user. The command name comes from the maintained Java SDK; Tencent’s own page for it was not captured.',
      access: 'destructive',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { Operator_Account: 'user1', Peer_Account: 'user2', MsgKeyList: ['31908_833504_1572869950'] },
    },
    ['Operator_Account', 'Peer_Account', 'MsgKeyList'],
    {
      Operator_Account: 'User whose copy is deleted.',
      Peer_Account: 'Other party of the conversation.',
      MsgKeyList: 'MsgKeys of the messages to delete.',
    },
  ),
  withInferredSchema(
    {
      service: 'openim',
      command: 'c2c_msg_read_receipt',
      group: 'One-to-one messages',
      title: 'Send one-to-one message read receipts',
      description:
        'Sends read receipts for one-to-one messages on behalf of a user, as if their client had read them. Only meaningful for messages sent with IsNeedReadReceipt = 1. Body shape comes from the maintained Java SDK.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: {
        Operator_Account: 'user2',
        Peer_Account: 'user1',
        C2CMsgInfo: [{ From_Account: 'user1', To_Account: 'user2', MsgKey: '31906_833502_1572869830' }],
      },
    },
    ['Operator_Account', 'Peer_Account', 'C2CMsgInfo'],
    {
      Operator_Account: 'The reader (recipient of the messages).',
      Peer_Account: 'The sender of the messages.',
      C2CMsgInfo: 'Messages to acknowledge (From_Account, To_Account, MsgKey).',
    },
  ),
];
