// Catalog data: Global mute.
import type { CatalogCommand } from '../api/catalog';
import * as s from './schema-parts';

export const globalMuteCommands: readonly CatalogCommand[] = [
  {
    service: 'openconfigsvr',
    command: 'setnospeaking',
    group: 'Global mute',
    title: "Set a user's global mute (C2C/group, seconds; 4294967295=forever, 0=unmute)",
    description:
      'Mutes a user across the whole app: separately for one-to-one messages and for group messages, for a number of seconds. 4294967295 mutes permanently; 0 lifts the mute. A muted sender gets 20012. Treated as destructive because it silences the user everywhere.',
    access: 'destructive',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34923',
    example: { Set_Account: 'user1', C2CmsgNospeakingTime: 4294967295, GroupmsgNospeakingTime: 7200 },
    schema: s.obj(
      {
        Set_Account: s.userId('User to mute or unmute.'),
        C2CmsgNospeakingTime: s.int('One-to-one mute in seconds: 0 = unmute, 4294967295 = forever.', {
          minimum: 0,
          maximum: s.UINT32_MAX,
        }),
        GroupmsgNospeakingTime: s.int('Group mute in seconds: 0 = unmute, 4294967295 = forever.', {
          minimum: 0,
          maximum: s.UINT32_MAX,
        }),
      },
      ['Set_Account'],
      undefined,
      { anyOf: [{ required: ['C2CmsgNospeakingTime'] }, { required: ['GroupmsgNospeakingTime'] }] },
    ),
  },
  {
    service: 'openconfigsvr',
    command: 'getnospeaking',
    group: 'Global mute',
    title: "Query a user's global mute",
    description:
      'Returns a user’s remaining global mute for one-to-one and group messages (seconds; 0 = not muted). Read-only.',
    access: 'read',
    rateLimitPerSec: 200,
    rateLimitVerified: false,
    rateLimitNote: null,
    docUrl: 'https://www.tencentcloud.com/document/product/1047/34924',
    example: { Get_Account: 'user1' },
    schema: s.obj({ Get_Account: s.userId('User to query.') }, ['Get_Account']),
  },
];
