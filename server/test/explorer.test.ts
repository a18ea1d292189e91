import {
  explorerGroupSchema,
  explorerUserSchema,
  groupMembersPageSchema,
  historyEntrySchema,
  historyPageSchema,
} from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, obj, startHarness } from './support/harness';
import { errorCode, userWithRole } from './support/users';

describe('support explorer: GET /api/environments/:id/users/:userId and …/groups/:groupId', () => {
  let h: Harness;
  let admin: string;
  let viewer: string;
  let groupId: string;

  /** An operator's send through the ordinary path, as the explorer's action buttons make it. */
  const send = async (service: string, command: string, body: Record<string, unknown>, cookie = admin) => {
    const res = await h.call('POST', '/api/requests', {
      cookie,
      json: { environmentId: 'sandbox', service, command, body },
    });
    return { status: res.status, json: res.json };
  };

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.signIn();
    viewer = (await userWithRole(h, admin, 'support-viewer', 'viewer')).cookie;
    for (const [UserID, Nick] of [
      ['ticket_8812', 'Ada 8812'],
      ['ticket_8813', 'Bob 8813'],
      ['ticket_88', 'Short'],
    ]) {
      expect((await send('im_open_login_svc', 'account_import', { UserID, Nick })).status).toBe(201);
    }
    const created = await send('group_open_http_svc', 'create_group', {
      Owner_Account: 'ticket_8812',
      Type: 'Public',
      Name: 'Support ticket group',
      MemberList: [{ Member_Account: 'ticket_8813' }, { Member_Account: 'ticket_88' }],
    });
    expect(created.status).toBe(201);
    groupId = String(obj(obj(created.json).response).GroupId);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('shows a user on one page: profile, online state, mute, groups with name and role, friends, unread', async () => {
    const res = await h.call('GET', '/api/environments/sandbox/users/ticket_8813', { cookie: admin });
    expect(res.status).toBe(200);
    const user = explorerUserSchema.parse(res.json);
    expect(user.exists).toBe(true);
    expect(user.profile?.nick).toBe('Bob 8813');
    expect(user.profile?.fields).toContainEqual({ tag: 'Tag_Profile_IM_Nick', value: 'Bob 8813' });
    expect(user.online?.status).toBeTypeOf('string');
    expect(user.muted).toEqual({ c2cSeconds: 0, groupSeconds: 0 });
    expect(user.groups).toContainEqual(
      expect.objectContaining({ groupId, name: 'Support ticket group', role: 'Member', type: 'Public' }),
    );
    expect(user.friends).toBe(0);
    expect(user.unread).toBe(0);
    expect(user.problems).toEqual([]);
    // Eight read commands, each recorded with Tencent's (here the sandbox's) RequestId.
    expect(user.calls.map((c) => c.command).sort()).toEqual(
      [
        'account_check',
        'friend_get',
        'get_c2c_unread_msg_num',
        'get_joined_group_list',
        'get_list',
        'getnospeaking',
        'portrait_get',
        'query_online_status',
      ].sort(),
    );
    expect(user.calls.every((c) => c.outcome === 'ok' && c.requestId !== null)).toBe(true);
  });

  it('records its lookups as explorer calls, which a History filter hides or shows alone', async () => {
    const user = explorerUserSchema.parse(
      (await h.call('GET', '/api/environments/sandbox/users/ticket_8812', { cookie: admin })).json,
    );
    const recorded = historyEntrySchema.parse(
      (await h.call('GET', `/api/requests/${user.calls[0]?.historyId}`, { cookie: admin })).json,
    );
    expect(recorded.source).toBe('explorer');
    expect(recorded.operator).toBe('admin');

    const onlyExplorer = historyPageSchema.parse(
      (await h.call('GET', '/api/requests?source=explorer&limit=500', { cookie: admin })).json,
    );
    const ids = onlyExplorer.items.map((e) => e.id);
    for (const c of user.calls) expect(ids).toContain(c.historyId);
    expect(onlyExplorer.items.every((e) => e.source === 'explorer')).toBe(true);

    const consoleOnly = historyPageSchema.parse(
      (await h.call('GET', '/api/requests?source=console&limit=500', { cookie: admin })).json,
    );
    expect(consoleOnly.items.length).toBeGreaterThan(0);
    expect(consoleOnly.items.every((e) => e.source === 'console')).toBe(true);
    expect(consoleOnly.items.map((e) => e.command)).toContain('account_import');

    const both = historyPageSchema.parse(
      (await h.call('GET', '/api/requests?source=all&limit=500', { cookie: admin })).json,
    );
    expect(new Set(both.items.map((e) => e.source))).toEqual(new Set(['console', 'explorer']));

    const bad = await h.call('GET', '/api/requests?source=robots', { cookie: admin });
    expect(bad.status).toBe(400);
  });

  it("lists the console's own calls about the user, not the explorer's, and not other users' with a longer ID", async () => {
    const user = explorerUserSchema.parse(
      (await h.call('GET', '/api/environments/sandbox/users/ticket_88', { cookie: admin })).json,
    );
    const commands = user.recentCalls.map((c) => c.command);
    // Its import and the group it was put in; not ticket_8812's or ticket_8813's imports.
    expect(commands.filter((c) => c === 'account_import')).toHaveLength(1);
    expect(commands).toContain('create_group');
    expect(commands).not.toContain('account_check');

    const kicked = await send('im_open_login_svc', 'kick', { UserID: 'ticket_88' });
    expect(kicked.status).toBe(201);
    const after = explorerUserSchema.parse(
      (await h.call('GET', '/api/environments/sandbox/users/ticket_88', { cookie: admin })).json,
    );
    expect(after.recentCalls[0]).toEqual(
      expect.objectContaining({ id: obj(kicked.json).id, command: 'kick', outcome: 'ok', operator: 'admin' }),
    );
  });

  it('answers 200 with exists:false for an account that was never imported, after one call', async () => {
    const res = await h.call('GET', '/api/environments/sandbox/users/nobody_here_42', { cookie: admin });
    expect(res.status).toBe(200);
    const user = explorerUserSchema.parse(res.json);
    expect(user).toEqual(
      expect.objectContaining({ exists: false, profile: null, groups: null, friends: null, problems: [] }),
    );
    expect(user.calls.map((c) => c.command)).toEqual(['account_check']);
  });

  it('reads custom profile fields when asked for by name, and refuses names that are not custom tags', async () => {
    const set = await send('profile', 'portrait_set', {
      From_Account: 'ticket_8813',
      ProfileItem: [{ Tag: 'Tag_Profile_Custom_Tier', Value: 'gold' }],
    });
    expect(set.status).toBe(201);
    const user = explorerUserSchema.parse(
      (
        await h.call(
          'GET',
          '/api/environments/sandbox/users/ticket_8813?customTags=Tag_Profile_Custom_Tier',
          {
            cookie: admin,
          },
        )
      ).json,
    );
    expect(user.profile?.fields).toContainEqual({ tag: 'Tag_Profile_Custom_Tier', value: 'gold' });

    const bad = await h.call(
      'GET',
      '/api/environments/sandbox/users/ticket_8813?customTags=Tag_Profile_IM_Nick',
      {
        cookie: admin,
      },
    );
    expect(bad.status).toBe(400);
    expect(errorCode(bad.json)).toBe('request/invalid');
  });

  it('refuses a UserID Tencent could not hold, before any call', async () => {
    const before = historyPageSchema.parse(
      (await h.call('GET', '/api/requests?limit=500', { cookie: admin })).json,
    ).items.length;
    for (const bad of ['x'.repeat(33), 'tab%09inside', '%E4%BD%A0'.repeat(11)]) {
      const res = await h.call('GET', `/api/environments/sandbox/users/${bad}`, { cookie: admin });
      expect(res.status, bad).toBe(400);
      expect(errorCode(res.json)).toBe('request/invalid');
    }
    const after = historyPageSchema.parse(
      (await h.call('GET', '/api/requests?limit=500', { cookie: admin })).json,
    ).items.length;
    expect(after).toBe(before);
  });

  it('answers 404 for an unknown environment and 401 without a sign-in', async () => {
    const unknown = await h.call('GET', '/api/environments/nowhere/users/ticket_8812', { cookie: admin });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown.json)).toBe('environment/unknown');
    const group = await h.call('GET', `/api/environments/nowhere/groups/${encodeURIComponent(groupId)}`, {
      cookie: admin,
    });
    expect(group.status).toBe(404);
    const anonymous = await h.call('GET', '/api/environments/sandbox/users/ticket_8812');
    expect(anonymous.status).toBe(401);
  });

  it('lets a viewer look, recorded under the viewer, while the actions stay refused to the viewer', async () => {
    const res = await h.call('GET', '/api/environments/sandbox/users/ticket_8812', { cookie: viewer });
    expect(res.status).toBe(200);
    const user = explorerUserSchema.parse(res.json);
    expect(user.exists).toBe(true);
    const recorded = historyEntrySchema.parse(
      (await h.call('GET', `/api/requests/${user.calls[0]?.historyId}`, { cookie: admin })).json,
    );
    expect(recorded.operator).toBe('support-viewer');

    const kick = await send('im_open_login_svc', 'kick', { UserID: 'ticket_8812' }, viewer);
    expect(kick.status).toBe(403);
    const mute = await send(
      'openconfigsvr',
      'setnospeaking',
      { Set_Account: 'ticket_8812', C2CmsgNospeakingTime: 60 },
      viewer,
    );
    expect(mute.status).toBe(403);
  });

  it('fails with 502 and the recorded calls when the environment cannot be reached', async () => {
    const res = await h.call('GET', '/api/environments/refused/users/ticket_8812', { cookie: admin });
    expect(res.status).toBe(502);
    expect(errorCode(res.json)).toBe('upstream/failed');
    const details = obj(obj(obj(res.json).error).details);
    expect(details.calls).toEqual([expect.objectContaining({ command: 'account_check', outcome: 'error' })]);
  });

  it('shows a group: info, owner, the first page of members with a cursor, muted members, recent messages', async () => {
    const muted = await send('group_open_http_svc', 'forbid_send_msg', {
      GroupId: groupId,
      Members_Account: ['ticket_88'],
      MuteTime: 600,
    });
    expect(muted.status).toBe(201);
    const sent = await send('group_open_http_svc', 'send_group_msg', {
      GroupId: groupId,
      From_Account: 'ticket_8812',
      Random: 4242,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello support' } }],
    });
    expect(sent.status).toBe(201);

    const res = await h.call(
      'GET',
      `/api/environments/sandbox/groups/${encodeURIComponent(groupId)}?limit=2`,
      {
        cookie: admin,
      },
    );
    expect(res.status).toBe(200);
    const group = explorerGroupSchema.parse(res.json);
    expect(group.exists).toBe(true);
    expect(group.info).toEqual(
      expect.objectContaining({
        name: 'Support ticket group',
        owner: 'ticket_8812',
        type: 'Public',
        memberCount: 3,
      }),
    );
    expect(group.members?.items).toHaveLength(2);
    expect(group.members?.total).toBe(3);
    expect(group.members?.nextCursor).toBe('2');
    expect(group.muted).toEqual([expect.objectContaining({ account: 'ticket_88' })]);
    expect(group.recentMessages?.at(-1)).toEqual(
      expect.objectContaining({
        from: 'ticket_8812',
        recalled: false,
        elements: [{ type: 'TIMTextElem', content: { Text: 'hello support' } }],
      }),
    );
    expect(group.recentCalls.map((c) => c.command)).toEqual(
      expect.arrayContaining(['send_group_msg', 'forbid_send_msg', 'create_group']),
    );

    const next = await h.call(
      'GET',
      `/api/environments/sandbox/groups/${encodeURIComponent(groupId)}/members?limit=2&cursor=${group.members?.nextCursor}`,
      { cookie: viewer },
    );
    expect(next.status).toBe(200);
    const page = groupMembersPageSchema.parse(next.json);
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toBeNull();
    const all = [...(group.members?.items ?? []), ...page.items].map((m) => m.account).sort();
    expect(all).toEqual(['ticket_88', 'ticket_8812', 'ticket_8813']);
    expect(page.calls.map((c) => c.command)).toEqual(['get_group_member_info']);
  });

  it('answers exists:false for an unknown group and 400 for a bad cursor or limit', async () => {
    const res = await h.call('GET', '/api/environments/sandbox/groups/@TGS%23nope', { cookie: admin });
    expect(res.status).toBe(200);
    const group = explorerGroupSchema.parse(res.json);
    expect(group).toEqual(expect.objectContaining({ exists: false, info: null, members: null }));
    for (const q of ['cursor=abc', 'cursor=-1', 'limit=0', 'limit=201']) {
      const bad = await h.call(
        'GET',
        `/api/environments/sandbox/groups/${encodeURIComponent(groupId)}/members?${q}`,
        {
          cookie: admin,
        },
      );
      expect(bad.status, q).toBe(400);
      expect(errorCode(bad.json)).toBe('request/invalid');
    }
    const long = await h.call('GET', `/api/environments/sandbox/groups/${'g'.repeat(49)}`, { cookie: admin });
    expect(long.status).toBe(400);
  });
});
