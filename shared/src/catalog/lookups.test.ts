import { describe, expect, it } from 'vitest';
import type { CatalogCommand } from '../api/catalog';
import {
  commandKey,
  commandsByGroup,
  dedupFields,
  findByKey,
  matchesQuery,
  searchCommands,
  topLevelField,
} from './lookups';

function command(service: string, name: string, group: string, title: string): CatalogCommand {
  return {
    service,
    command: name,
    group,
    title,
    description: `${title}, described at length for the tests.`,
    access: 'read',
    rateLimitPerSec: null,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/1',
    example: {},
    schema: { type: 'object', properties: {}, required: [] },
  };
}

const commands = [
  command('openim', 'sendmsg', 'One-to-one messages', 'Send a message'),
  command('im_open_login_svc', 'account_import', 'Accounts', 'Import an account'),
  command('openim', 'admin_msgwithdraw', 'One-to-one messages', 'Recall a message'),
];

describe('catalog lookups over a fetched list', () => {
  it('finds a command by its service/command key', () => {
    expect(commandKey(commands[0]!)).toBe('openim/sendmsg');
    expect(findByKey(commands, 'openim/admin_msgwithdraw')?.title).toBe('Recall a message');
    expect(findByKey(commands, 'openim/nothing')).toBeUndefined();
  });

  it('groups in the order given', () => {
    expect(commandsByGroup(commands).map((g) => [g.name, g.commands.map((c) => c.command)])).toEqual([
      ['One-to-one messages', ['sendmsg', 'admin_msgwithdraw']],
      ['Accounts', ['account_import']],
    ]);
  });

  it('matches every word anywhere and ranks the command name first', () => {
    expect(matchesQuery(commands[2]!, 'recall ONE-TO-ONE')).toBe(true);
    expect(matchesQuery(commands[2]!, 'recall account')).toBe(false);
    expect(matchesQuery(commands[2]!, '   ')).toBe(true);
    expect(searchCommands(commands, 'message').map((c) => c.command)).toEqual([
      'sendmsg',
      'admin_msgwithdraw',
    ]);
    expect(searchCommands(commands, 'sendmsg')[0]?.command).toBe('sendmsg');
  });

  it('lists de-duplicated fields as JSON pointers and reads them back', () => {
    const cmd = {
      schema: {
        type: 'object',
        properties: { MsgRandom: { type: 'integer', 'x-dedup': true }, 'a/b': { 'x-dedup': true }, To: {} },
      },
    };
    expect(dedupFields(cmd)).toEqual(['/MsgRandom', '/a~1b']);
    expect(dedupFields(cmd).map(topLevelField)).toEqual(['MsgRandom', 'a/b']);
    expect(topLevelField('/a/b')).toBeNull();
    expect(topLevelField('MsgRandom')).toBeNull();
  });
});
