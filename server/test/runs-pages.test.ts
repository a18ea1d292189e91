import { type Run, runSchema } from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, obj, startHarness } from './support/harness';
import { errorCode } from './support/users';

let h: Harness;
let admin: string;

async function send(service: string, command: string, body: Record<string, unknown>) {
  const res = await h.call('POST', '/api/requests', {
    cookie: admin,
    json: { environmentId: 'sandbox', service, command, body },
  });
  const entry = obj(res.json);
  if (entry.outcome !== 'ok') throw new Error(`${command}: ${res.text}`);
  return obj(entry.response);
}

async function fetchAll(service: string, command: string, body: Record<string, unknown>, maxPages?: number) {
  const res = await h.call('POST', '/api/runs', {
    cookie: admin,
    json: { kind: 'pages', environmentId: 'sandbox', service, command, body, maxPages },
  });
  if (res.status !== 201) throw new Error(`${command}: ${res.status} ${res.text}`);
  let run: Run = runSchema.parse(res.json);
  while (run.status === 'running') {
    await new Promise((r) => setTimeout(r, 50));
    run = runSchema.parse((await h.call('GET', `/api/runs/${run.id}`, { cookie: admin })).json);
  }
  const results = await h.call('GET', `/api/runs/${run.id}/results?format=jsonl`, { cookie: admin });
  const items = results.text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => obj(JSON.parse(l)));
  return { run, items };
}

beforeAll(async () => {
  h = await startHarness({ env: { UPSTREAM_TIMEOUT_MS: '5000' } });
  admin = await h.signIn();
  const users = Array.from({ length: 6 }, (_, i) => `pager${i}`);
  await send('im_open_login_svc', 'multiaccount_import', { Accounts: users });
  for (let i = 0; i < 5; i++) {
    await send('group_open_http_svc', 'create_group', {
      Owner_Account: 'pager0',
      Type: 'Public',
      Name: `Paged ${i}`,
      GroupId: `paged${i}`,
    });
  }
  await send('group_open_http_svc', 'add_group_member', {
    GroupId: 'paged0',
    MemberList: users.slice(1).map((u) => ({ Member_Account: u })),
  });
  for (let i = 0; i < 7; i++) {
    await send('group_open_http_svc', 'send_group_msg', {
      GroupId: 'paged0',
      From_Account: 'pager1',
      Random: 1000 + i,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `group ${i}` } }],
    });
    await send('openim', 'sendmsg', {
      From_Account: 'pager1',
      To_Account: 'pager2',
      MsgRandom: 2000 + i,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `c2c ${i}` } }],
    });
  }
});
afterAll(async () => {
  await h.stop();
});

describe('fetch all pages against the sandbox', () => {
  it('follows Next of get_appid_group_list to the end and merges every group', async () => {
    const all = await send('group_open_http_svc', 'get_appid_group_list', { Limit: 10000, Next: 0 });
    const expected = (all.GroupIdList as unknown[]).length;
    expect(expected).toBeGreaterThanOrEqual(5);
    const { run, items } = await fetchAll('group_open_http_svc', 'get_appid_group_list', {
      Limit: 2,
      Next: 0,
    });
    expect(run).toMatchObject({
      status: 'done',
      kind: 'pages',
      total: Math.ceil(expected / 2),
      items: expected,
    });
    expect(items).toEqual(all.GroupIdList);
  });

  it('advances Offset of get_group_member_info until a short page', async () => {
    const { run, items } = await fetchAll('group_open_http_svc', 'get_group_member_info', {
      GroupId: 'paged0',
      Limit: 2,
    });
    expect(run.status).toBe('done');
    expect(items.map((m) => m.Member_Account).sort()).toEqual([
      'pager0',
      'pager1',
      'pager2',
      'pager3',
      'pager4',
      'pager5',
    ]);
  });

  it('walks group_msg_get_simple down by ReqMsgSeq and admin_getroammsg by LastMsgKey without a gap or a repeat', async () => {
    const group = await fetchAll('group_open_http_svc', 'group_msg_get_simple', {
      GroupId: 'paged0',
      ReqMsgNumber: 2,
    });
    expect(group.run.status).toBe('done');
    const seqs = group.items.map((m) => Number(m.MsgSeq));
    expect(new Set(seqs).size).toBe(seqs.length);
    const texts = group.items.flatMap((m) =>
      (m.MsgBody as { MsgContent: { Text?: string } }[]).map((b) => b.MsgContent.Text ?? ''),
    );
    for (let i = 0; i < 7; i++) expect(texts).toContain(`group ${i}`);

    const roam = await fetchAll('openim', 'admin_getroammsg', {
      Operator_Account: 'pager1',
      Peer_Account: 'pager2',
      MaxCnt: 3,
      MinTime: 0,
      MaxTime: 4_000_000_000,
    });
    expect(roam.run).toMatchObject({ status: 'done', total: 3, items: 7 });
    expect(new Set(roam.items.map((m) => m.MsgKey)).size).toBe(7);
  });

  it('stops at the page cap and says more pages remain; refuses a command without a cursor', async () => {
    const { run, items } = await fetchAll(
      'group_open_http_svc',
      'get_appid_group_list',
      { Limit: 1, Next: 0 },
      2,
    );
    expect(run).toMatchObject({ status: 'done', total: 2, items: 2 });
    expect(items).toHaveLength(2);
    expect(run.message).toMatch(/page cap/);
    const refused = await h.call('POST', '/api/runs', {
      cookie: admin,
      json: {
        kind: 'pages',
        environmentId: 'sandbox',
        service: 'im_open_login_svc',
        command: 'account_check',
        body: {},
      },
    });
    expect(refused.status).toBe(400);
    expect(errorCode(refused.json)).toBe('run/not-paged');
  });
});
