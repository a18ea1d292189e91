import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, list, startSandbox } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const L = 'im_open_login_svc';
const status = async (...ids: string[]) =>
  list(
    await h.call(`${L}/account_check`, { CheckItem: ids.map((UserID) => ({ UserID })) }),
    'ResultItem',
  ).map((r) => r.AccountStatus);

describe('account_import', () => {
  it('imports an account with its nickname, and a re-import updates the nickname', async () => {
    expect(await h.call(`${L}/account_import`, { UserID: 'zed', Nick: 'Zed' })).toMatchObject({
      ActionStatus: 'OK',
    });
    await h.call(`${L}/account_import`, { UserID: 'zed', Nick: 'Zed 2' });
    const env = await h.call('profile/portrait_get', {
      To_Account: ['zed'],
      TagList: ['Tag_Profile_IM_Nick'],
    });
    expect(list(env, 'UserProfileItem')[0]?.ProfileItem).toEqual([
      { Tag: 'Tag_Profile_IM_Nick', Value: 'Zed 2' },
    ]);
  });

  it('answers 70402 without a UserID', async () => {
    expect((await h.call(`${L}/account_import`, { Nick: 'x' })).ErrorCode).toBe(70402);
  });
});

describe('multiaccount_import', () => {
  it('imports the valid accounts of both documented shapes and lists the rest in FailAccounts', async () => {
    const env = await h.call(`${L}/multiaccount_import`, {
      AccountList: [{ UserID: 'u1', Nick: 'One' }, { UserID: 'u2' }, { UserID: 'bad id with spaces' }],
    });
    expect(env).toMatchObject({ ActionStatus: 'OK', FailAccounts: ['bad id with spaces'] });
    await h.call(`${L}/multiaccount_import`, { Accounts: ['u3'] });
    expect(await status('u1', 'u2', 'u3')).toEqual(['Imported', 'Imported', 'Imported']);
  });

  it('answers 70402 without accounts and 70206 above 100', async () => {
    expect((await h.call(`${L}/multiaccount_import`, {})).ErrorCode).toBe(70402);
    const many = Array.from({ length: 101 }, (_, i) => ({ UserID: `m${i}` }));
    expect((await h.call(`${L}/multiaccount_import`, { AccountList: many })).ErrorCode).toBe(70206);
  });
});

describe('account_delete', () => {
  it('deletes an account and reports 70107 for one that does not exist', async () => {
    const env = await h.call(`${L}/account_delete`, {
      DeleteItem: [{ UserID: 'bob' }, { UserID: 'nobody' }],
    });
    expect(list(env, 'ResultItem')).toEqual([
      { ResultCode: 0, ResultInfo: '', UserID: 'bob' },
      { ResultCode: 70107, ResultInfo: 'Err_TLS_PT_Open_Login_Account_Not_Exist', UserID: 'nobody' },
    ]);
    expect(await status('bob')).toEqual(['NotImported']);
    // Deleting removes the account from friend lists and groups too.
    const friends = await h.call('sns/friend_get', { From_Account: 'alice', StartIndex: 0 });
    expect(JSON.stringify(friends.UserDataItem)).not.toContain('"bob"');
    const group = await h.call('group_open_http_svc/get_group_member_info', { GroupId: '@TGS#1SANDBOXPUB' });
    expect(JSON.stringify(group.MemberList)).not.toContain('"bob"');
  });

  it('answers 70402 without DeleteItem', async () => {
    expect((await h.call(`${L}/account_delete`, { DeleteItem: [] })).ErrorCode).toBe(70402);
  });
});

describe('account_check', () => {
  it('reports Imported and NotImported', async () => {
    expect(await status('alice', 'ghost')).toEqual(['Imported', 'NotImported']);
  });

  it('answers 70402 without CheckItem', async () => {
    expect((await h.call(`${L}/account_check`, {})).ErrorCode).toBe(70402);
  });
});

describe('kick and query_online_status', () => {
  it('kicks an online account offline, with Detail when asked', async () => {
    const before = await h.call('openim/query_online_status', { To_Account: ['alice'], IsNeedDetail: 1 });
    expect(list(before, 'QueryResult')[0]).toMatchObject({ To_Account: 'alice', Status: 'Online' });
    expect(list(before, 'QueryResult')[0]?.Detail).toHaveLength(1);
    expect((await h.call(`${L}/kick`, { UserID: 'alice' })).ActionStatus).toBe('OK');
    const after = await h.call('openim/query_online_status', { To_Account: ['alice'] });
    expect(list(after, 'QueryResult')[0]).toEqual({ To_Account: 'alice', Status: 'Offline' });
  });

  it('answers 70107 when kicking an unknown account', async () => {
    expect((await h.call(`${L}/kick`, { UserID: 'ghost' })).ErrorCode).toBe(70107);
  });

  it('lists unknown accounts in ErrorList with 70107, and answers 90003 without To_Account', async () => {
    const env = await h.call('openim/query_online_status', { To_Account: ['bob', 'ghost'] });
    expect(list(env, 'ErrorList')).toEqual([{ To_Account: 'ghost', ErrorCode: 70107 }]);
    expect(list(env, 'QueryResult')).toHaveLength(1);
    expect((await h.call('openim/query_online_status', {})).ErrorCode).toBe(90003);
  });
});
