// Catalog data: Group attributes & counters.
import type { CatalogCommand } from '../api/catalog';
import { withInferredSchema } from './define';
import * as s from './schema-parts';

export const groupAttributeCommands: readonly CatalogCommand[] = [
  withInferredSchema(
    {
      service: 'group_open_attr_http_svc',
      command: 'get_group_attr',
      group: 'Group attributes & counters',
      title: 'Get custom group attributes',
      description:
        'Reads the custom attributes (key/value) of a group, mostly used by AVChatRoom. Note the service: group_open_attr_http_svc, while the other attribute commands are under group_open_http_svc. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/44187',
      example: { GroupId: '@TGS#1NVTZEAE4' },
    },
    ['GroupId'],
    { GroupId: s.groupIdField },
  ),
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'modify_group_attr',
      group: 'Group attributes & counters',
      title: 'Modify custom group attributes',
      description:
        'Adds or changes custom group attributes; other keys are kept. Keys are lowercase "key"/"value" in this body. Concurrent writers can collide (10056): re-read and retry.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/44188',
      example: { GroupId: '@TGS#1NVTZEAE4', GroupAttr: [{ key: 'attr_key1', value: 'attr_val1' }] },
    },
    ['GroupId', 'GroupAttr'],
    { GroupId: s.groupIdField, GroupAttr: 'Attributes to write ({key, value}).' },
  ),
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'clear_group_attr',
      group: 'Group attributes & counters',
      title: 'Clear all custom group attributes',
      description: 'Deletes every custom attribute of a group. Irreversible.',
      access: 'destructive',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/44189',
      example: { GroupId: '@TGS#1NVTZEAE4' },
    },
    ['GroupId'],
    { GroupId: s.groupIdField },
  ),
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'set_group_attr',
      group: 'Group attributes & counters',
      title: 'Reset (overwrite all) custom group attributes',
      description:
        'Replaces the whole set of custom group attributes with the given list: keys not listed are deleted. Irreversible for the dropped keys.',
      access: 'destructive',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/44190',
      example: { GroupId: '@TGS#1NVTZEAE4', GroupAttr: [{ key: 'attr_key1', value: 'attr_val1' }] },
    },
    ['GroupId', 'GroupAttr'],
    { GroupId: s.groupIdField, GroupAttr: 'The complete new attribute set ({key, value}).' },
  ),
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'delete_group_attr',
      group: 'Group attributes & counters',
      title: 'Delete specific custom group attributes',
      description:
        'Deletes the listed custom attributes of a group. The body shape is inferred from the sibling commands: verify against Tencent’s page before relying on it.',
      access: 'destructive',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/59499',
      example: { GroupId: '@TGS#1NVTZEAE4', GroupAttr: [{ key: 'attr_key1' }] },
    },
    ['GroupId', 'GroupAttr'],
    { GroupId: s.groupIdField, GroupAttr: 'Attributes to delete ({key}).' },
  ),
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'get_group_counter',
      group: 'Group attributes & counters',
      title: 'Get group counters',
      description:
        'Reads group counters (integer values such as likes), all of them or the listed keys. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/53427',
      example: { GroupId: '@TGS#1NVTZEAE4', GroupCounterKeys: ['like'] },
    },
    ['GroupId'],
    { GroupId: s.groupIdField, GroupCounterKeys: 'Counters to read; omit for all.' },
  ),
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'update_group_counter',
      group: 'Group attributes & counters',
      title: 'Set/increase/decrease group counters',
      description:
        'Sets, increases or decreases group counters (Mode Set, Increase or Decrease). Counters are not idempotent under Increase/Decrease: a replay changes the value again.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/53428',
      example: { GroupId: '@TGS#1NVTZEAE4', GroupCounter: [{ Key: 'like', Value: 1 }], Mode: 'Increase' },
    },
    ['GroupId', 'GroupCounter', 'Mode'],
    { GroupId: s.groupIdField, GroupCounter: 'Counters ({Key, Value}).', Mode: 'Set, Increase or Decrease.' },
  ),
  withInferredSchema(
    {
      service: 'group_open_http_svc',
      command: 'delete_group_counter',
      group: 'Group attributes & counters',
      title: 'Delete group counters',
      description: 'Deletes group counters. Irreversible.',
      access: 'destructive',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/53429',
      example: { GroupId: '@TGS#1NVTZEAE4', GroupCounterKeys: ['like'] },
    },
    ['GroupId', 'GroupCounterKeys'],
    { GroupId: s.groupIdField, GroupCounterKeys: 'Counters to delete.' },
  ),
];
