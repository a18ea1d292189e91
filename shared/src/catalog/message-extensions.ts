// Catalog data: Message extensions.
import type { CatalogCommand } from '../api/catalog';
import { withInferredSchema } from './define';
import * as s from './schema-parts';

export const messageExtensionCommands: readonly CatalogCommand[] = [
  withInferredSchema(
    {
      service: 'openim_msg_ext_http_svc',
      command: 'get_key_values',
      group: 'Message extensions',
      title: 'Pull key-value extensions of a one-to-one message',
      description:
        'Reads the key-value extensions attached to a one-to-one message, starting at StartSeq. Works only for messages sent with SupportMessageExtension = 1. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { From_Account: 'user1', To_Account: 'user2', MsgKey: '31906_833502_1572869830', StartSeq: 1 },
    },
    ['From_Account', 'To_Account', 'MsgKey', 'StartSeq'],
    { MsgKey: s.msgKeyField, StartSeq: 'Extension sequence to start from (1 for all).' },
  ),
  withInferredSchema(
    {
      service: 'openim_msg_ext_http_svc',
      command: 'set_key_values',
      group: 'Message extensions',
      title: 'Set/delete/clear extensions of a one-to-one message',
      description:
        'Sets, deletes or clears key-value extensions of a one-to-one message (OperateType 1 set, 2 delete, 3 clear). The message must have been sent with SupportMessageExtension = 1; concurrent writers should pass the extension Seq to avoid overwriting each other.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: {
        From_Account: 'user1',
        To_Account: 'user2',
        MsgKey: '31906_833502_1572869830',
        OperateType: 1,
        ExtensionList: [{ Key: 'k1', Value: 'v1' }],
      },
    },
    ['From_Account', 'To_Account', 'MsgKey', 'OperateType'],
    {
      MsgKey: s.msgKeyField,
      OperateType: '1 = set, 2 = delete, 3 = clear all.',
      ExtensionList: 'Extensions to set or delete ({Key, Value}).',
    },
  ),
  withInferredSchema(
    {
      service: 'openim_msg_ext_http_svc',
      command: 'group_get_key_values',
      group: 'Message extensions',
      title: 'Pull key-value extensions of a group message',
      description:
        'Reads the key-value extensions of a group message identified by GroupId and MsgSeq, starting at StartSeq. The message must have been sent with extension support. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { GroupId: '@TGS#1NVTZEAE4', MsgSeq: 100, StartSeq: 1 },
    },
    ['GroupId', 'MsgSeq', 'StartSeq'],
    { GroupId: s.groupIdField, MsgSeq: s.msgSeqField, StartSeq: 'Extension sequence to start from.' },
  ),
  withInferredSchema(
    {
      service: 'openim_msg_ext_http_svc',
      command: 'group_set_key_values',
      group: 'Message extensions',
      title: 'Set/delete/clear extensions of a group message',
      description:
        'Sets, deletes or clears key-value extensions of a group message (OperateType 1 set, 2 delete, 3 clear). The message must have been sent with extension support.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: {
        GroupId: '@TGS#1NVTZEAE4',
        MsgSeq: 100,
        OperateType: 1,
        ExtensionList: [{ Key: 'k1', Value: 'v1' }],
      },
    },
    ['GroupId', 'MsgSeq', 'OperateType'],
    {
      GroupId: s.groupIdField,
      MsgSeq: s.msgSeqField,
      OperateType: '1 = set, 2 = delete, 3 = clear all.',
      ExtensionList: 'Extensions to set or delete ({Key, Value}).',
    },
  ),
];
