// Catalog data: Operations.
import type { CatalogCommand } from '../api/catalog';
import { withInferredSchema } from './define';
import * as s from './schema-parts';

export const operationsCommands: readonly CatalogCommand[] = [
  withInferredSchema(
    {
      service: 'openconfigsvr',
      command: 'getappinfo',
      group: 'Operations',
      title: 'Pull operations data (last 30 days)',
      description:
        'Returns the app’s daily operations data for the last 30 days (active users, messages sent, groups…), optionally only the fields in RequestField. The answer has no ActionStatus in Tencent’s sample: only ErrorCode, ErrorInfo and Result. Read-only; body may be {}.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: true,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34886',
      example: {},
    },
    [],
    { RequestField: s.arr(s.str('A field name, e.g. "ActiveUserNum".'), 'Fields to return; omit for all.') },
  ),
  withInferredSchema(
    {
      service: 'open_msg_svc',
      command: 'get_history',
      group: 'Operations',
      title: 'Get download links for message history of an hour',
      description:
        'Returns download links for the app’s full message log of one hour (ChatType C2C or Group, MsgTime YYYYMMDDHH). The files become available some time after the hour ends and expire. Read-only.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34885',
      example: { ChatType: 'C2C', MsgTime: '2015120121' },
    },
    ['ChatType', 'MsgTime'],
    { ChatType: 'C2C or Group.', MsgTime: 'The hour, as YYYYMMDDHH (e.g. "2015120121").' },
  ),
  withInferredSchema(
    {
      service: 'ConfigSvc',
      command: 'GetIPList',
      group: 'Operations',
      title: 'Get Chat server IP list (for allowlisting)',
      description:
        'Returns the IP addresses Chat servers use to call the app (webhooks), for the app’s firewall allowlist. Read-only; body {}.',
      access: 'read',
      rateLimitPerSec: 200,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/36742',
      example: {},
    },
    [],
  ),
];
