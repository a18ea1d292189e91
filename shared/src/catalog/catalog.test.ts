import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { catalogCommandSchema } from '../api/catalog';
import { catalog, catalogGroups, commandKey, dedupFields, findCommand, searchCatalog } from './index';

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addKeyword({ keyword: 'x-dedup', schemaType: 'boolean' });
  ajv.addKeyword({ keyword: 'enumDescriptions', schemaType: 'array' });
  ajv.addKeyword({ keyword: 'markdownDescription', schemaType: 'string' });
  return ajv;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every property schema reachable from `schema`, with its path, including inside items and oneOf/anyOf. */
function walkProperties(
  schema: unknown,
  path: string,
  out: { path: string; schema: Record<string, unknown> }[],
): void {
  if (!isRecord(schema)) return;
  const properties = schema.properties;
  if (isRecord(properties)) {
    for (const [name, field] of Object.entries(properties)) {
      if (isRecord(field)) out.push({ path: `${path}/${name}`, schema: field });
      walkProperties(field, `${path}/${name}`, out);
    }
  }
  walkProperties(schema.items, `${path}[]`, out);
  for (const keyword of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = schema[keyword];
    if (!Array.isArray(list)) continue;
    for (const [i, s] of list.entries()) walkProperties(s, `${path}<${keyword}${i}>`, out);
  }
}

const MOST_USED = [
  'im_open_login_svc/account_import',
  'im_open_login_svc/multiaccount_import',
  'im_open_login_svc/account_delete',
  'im_open_login_svc/account_check',
  'im_open_login_svc/kick',
  'openim/query_online_status',
  'openim/sendmsg',
  'openim/batchsendmsg',
  'openim/importmsg',
  'openim/admin_getroammsg',
  'openim/admin_msgwithdraw',
  'openim/admin_set_msg_read',
  'openim/get_c2c_unread_msg_num',
  'openim/modify_c2c_msg',
  'group_open_http_svc/create_group',
  'group_open_http_svc/get_appid_group_list',
  'group_open_http_svc/get_group_info',
  'group_open_http_svc/get_group_member_info',
  'group_open_http_svc/add_group_member',
  'group_open_http_svc/delete_group_member',
  'group_open_http_svc/modify_group_base_info',
  'group_open_http_svc/modify_group_member_info',
  'group_open_http_svc/destroy_group',
  'group_open_http_svc/get_joined_group_list',
  'group_open_http_svc/get_role_in_group',
  'group_open_http_svc/forbid_send_msg',
  'group_open_http_svc/get_group_muted_account',
  'group_open_http_svc/send_group_msg',
  'group_open_http_svc/send_group_system_notification',
  'group_open_http_svc/group_msg_recall',
  'group_open_http_svc/change_group_owner',
  'group_open_http_svc/import_group',
  'group_open_http_svc/import_group_msg',
  'group_open_http_svc/import_group_member',
  'group_open_http_svc/group_msg_get_simple',
  'profile/portrait_get',
  'profile/portrait_set',
  'sns/friend_add',
  'sns/friend_import',
  'sns/friend_update',
  'sns/friend_delete',
  'sns/friend_delete_all',
  'sns/friend_check',
  'sns/friend_get',
  'sns/friend_get_list',
  'sns/black_list_add',
  'sns/black_list_delete',
  'sns/black_list_get',
  'sns/black_list_check',
  'sns/group_add',
  'sns/group_delete',
  'recentcontact/get_list',
  'recentcontact/delete',
  'openconfigsvr/setnospeaking',
  'openconfigsvr/getnospeaking',
  'all_member_push/im_push',
  'timpush/push',
  'timpush/batch',
];

describe('catalog', () => {
  it('holds 213 unique service/command pairs across 25 services', () => {
    const keys = catalog.map(commandKey);
    expect(new Set(keys).size).toBe(213);
    expect(keys).toHaveLength(213);
    expect(new Set(catalog.map((c) => c.service)).size).toBe(25);
  });

  it('files the commands whose service is a trap under the right service', () => {
    expect(findCommand('openim', 'modify_group_msg')).toBeDefined();
    expect(findCommand('group_open_http_svc', 'modify_group_msg')).toBeUndefined();
    expect(findCommand('group_open_attr_http_svc', 'get_group_attr')).toBeDefined();
    expect(findCommand('group_open_http_svc', 'get_group_attr')).toBeUndefined();
    expect(findCommand('group_open_http_svc', 'import_topic')).toBeDefined();
    expect(findCommand('million_group_open_http_svc', 'import_topic')).toBeUndefined();
  });

  it('has commands that all satisfy the catalog contract', () => {
    for (const c of catalog) {
      const parsed = catalogCommandSchema.safeParse(c);
      expect(parsed.success, `${commandKey(c)}: ${parsed.error?.message ?? ''}`).toBe(true);
    }
  });

  it('gives every command an access class, a title, a description and a doc URL', () => {
    for (const c of catalog) {
      expect(['read', 'write', 'destructive']).toContain(c.access);
      expect(c.title.length, commandKey(c)).toBeGreaterThan(3);
      expect(c.description.length, commandKey(c)).toBeGreaterThan(30);
      expect(c.docUrl).toMatch(/^https:\/\/(www\.tencentcloud\.com|trtc\.io)\//);
    }
  });

  it('has schemas that compile and examples that validate against them', () => {
    const ajv = newAjv();
    for (const c of catalog) {
      expect(c.schema.type, commandKey(c)).toBe('object');
      expect(Array.isArray(c.schema.required), commandKey(c)).toBe(true);
      const validate = ajv.compile(c.schema);
      const ok = validate(c.example);
      expect(ok, `${commandKey(c)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('types every required field of every schema', () => {
    for (const c of catalog) {
      const required = c.schema.required;
      const properties = c.schema.properties;
      if (!Array.isArray(required) || !isRecord(properties))
        throw new Error(`${commandKey(c)} lacks required/properties`);
      for (const name of required) {
        const field = properties[String(name)];
        expect(
          isRecord(field) && ('type' in field || 'anyOf' in field || 'oneOf' in field),
          `${commandKey(c)}/${name}`,
        ).toBe(true);
      }
    }
  });

  it('rejects a body that misses a required field or has a wrong type', () => {
    const ajv = newAjv();
    const sendmsg = findCommand('openim', 'sendmsg');
    if (!sendmsg) throw new Error('sendmsg missing');
    const validate = ajv.compile(sendmsg.schema);
    expect(
      validate({ To_Account: 'user1', MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }] }),
    ).toBe(false);
    expect(validate({ ...sendmsg.example, MsgRandom: 'not-a-number' })).toBe(false);
    expect(validate({ ...sendmsg.example, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: {} }] })).toBe(
      false,
    );
    expect(validate({ ...sendmsg.example, SomeNewTencentField: 1 })).toBe(true);
  });

  it('classes the disruptive commands as destructive', () => {
    const destructive = new Set(catalog.filter((c) => c.access === 'destructive').map((c) => c.command));
    for (const name of [
      'account_delete',
      'destroy_group',
      'admin_msgwithdraw',
      'group_msg_recall',
      'kick',
      'im_push',
      'setnospeaking',
      'delete_group_member',
      'ban_group_member',
    ]) {
      expect(destructive, name).toContain(name);
    }
    expect(findCommand('timpush', 'push')?.access).toBe('destructive');
  });

  it('classes the reading commands as read', () => {
    for (const [service, command] of [
      ['im_open_login_svc', 'account_check'],
      ['group_open_http_svc', 'get_group_info'],
      ['openim', 'admin_getroammsg'],
      ['profile', 'portrait_get'],
    ] as const) {
      expect(findCommand(service, command)?.access, command).toBe('read');
    }
    expect(findCommand('openim', 'sendmsg')?.access).toBe('write');
  });

  it('describes every field of the most used commands with its type', () => {
    expect(MOST_USED.length).toBeGreaterThanOrEqual(50);
    for (const key of MOST_USED) {
      const [service = '', command = ''] = key.split('/');
      const c = findCommand(service, command);
      if (!c) throw new Error(`${key} missing`);
      const fields: { path: string; schema: Record<string, unknown> }[] = [];
      walkProperties(c.schema, '', fields);
      expect(fields.length, key).toBeGreaterThan(0);
      for (const f of fields) {
        expect(typeof f.schema.description, `${key}${f.path} needs a description`).toBe('string');
        const typed = 'type' in f.schema || 'anyOf' in f.schema || 'oneOf' in f.schema || 'const' in f.schema;
        expect(typed, `${key}${f.path} needs a type`).toBe(true);
      }
    }
  });

  it('marks the de-duplication keys of sends and pushes', () => {
    const sendmsg = findCommand('openim', 'sendmsg');
    const properties = sendmsg?.schema.properties;
    if (!isRecord(properties) || !isRecord(properties.MsgRandom))
      throw new Error('sendmsg MsgRandom missing');
    expect(properties.MsgRandom['x-dedup']).toBe(true);
    expect(String(properties.MsgRandom.description)).toMatch(/silently dropped/);
    const expectations: [string, string, string[]][] = [
      ['openim', 'sendmsg', ['/MsgRandom']],
      ['openim', 'batchsendmsg', ['/MsgRandom']],
      ['openim', 'importmsg', ['/MsgRandom']],
      ['all_member_push', 'im_push', ['/MsgRandom']],
      ['timpush', 'push', ['/MsgRandom']],
      ['group_open_http_svc', 'send_group_msg', ['/Random']],
      ['official_account_open_http_svc', 'send_official_account_msg', ['/Random']],
      ['im_open_login_svc', 'account_check', []],
    ];
    for (const [service, command, paths] of expectations) {
      const c = findCommand(service, command);
      if (!c) throw new Error(`${command} missing`);
      expect(dedupFields(c), command).toEqual(paths);
    }
  });

  it('puts im_push and timpush push on a per-day limit, not a per-second one', () => {
    for (const [service, command] of [
      ['all_member_push', 'im_push'],
      ['timpush', 'push'],
    ] as const) {
      const c = findCommand(service, command);
      expect(c?.rateLimitPerSec).toBeNull();
      expect(c?.rateLimitNote).toBe('100 calls per day, at least 1 s apart');
    }
    expect(findCommand('im_open_login_svc', 'account_check')?.rateLimitPerSec).toBe(100);
  });

  it('groups the catalog without losing or repeating a command', () => {
    const total = catalogGroups.reduce((n, g) => n + g.commands.length, 0);
    expect(total).toBe(catalog.length);
    expect(new Set(catalogGroups.map((g) => g.name)).size).toBe(catalogGroups.length);
    expect(catalogGroups.find((g) => g.name === 'Account management')?.commands).toHaveLength(6);
  });

  it('finds commands by name first, then by title and description', () => {
    expect(searchCatalog('sendmsg')[0]?.command).toBe('sendmsg');
    expect(searchCatalog('recall group').map((c) => c.command)).toContain('group_msg_recall');
    expect(searchCatalog('no such thing at all xyz')).toEqual([]);
    expect(searchCatalog('  ')).toHaveLength(213);
  });
});
