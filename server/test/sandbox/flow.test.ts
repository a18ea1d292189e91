import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, list, startSandbox } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());

describe('an operator rehearsal against the sandbox', () => {
  it('sees each step take effect in the next: import → check → profile → group → destroy → delete', async () => {
    const imported = await h.call('im_open_login_svc/account_import', {
      UserID: 'rehearsal_user',
      Nick: 'Rehearsal',
    });
    expect(imported.ActionStatus).toBe('OK');

    const check = async () =>
      list(
        await h.call('im_open_login_svc/account_check', { CheckItem: [{ UserID: 'rehearsal_user' }] }),
        'ResultItem',
      )[0]?.AccountStatus;
    expect(await check()).toBe('Imported');

    const profile = await h.call('profile/portrait_get', {
      To_Account: ['rehearsal_user'],
      TagList: ['Tag_Profile_IM_Nick'],
    });
    expect(list(profile, 'UserProfileItem')[0]?.ProfileItem).toEqual([
      { Tag: 'Tag_Profile_IM_Nick', Value: 'Rehearsal' },
    ]);

    const created = await h.call('group_open_http_svc/create_group', {
      Owner_Account: 'rehearsal_user',
      Type: 'Public',
      Name: 'Rehearsal group',
    });
    const groupId = String(created.GroupId);
    const groupInfo = async () =>
      list(await h.call('group_open_http_svc/get_group_info', { GroupIdList: [groupId] }), 'GroupInfo')[0];
    expect(await groupInfo()).toMatchObject({
      ErrorCode: 0,
      Name: 'Rehearsal group',
      Owner_Account: 'rehearsal_user',
    });

    expect((await h.call('group_open_http_svc/destroy_group', { GroupId: groupId })).ActionStatus).toBe('OK');
    expect((await groupInfo())?.ErrorCode).toBe(10010);

    const deleted = await h.call('im_open_login_svc/account_delete', {
      DeleteItem: [{ UserID: 'rehearsal_user' }],
    });
    expect(list(deleted, 'ResultItem')[0]?.ResultCode).toBe(0);
    expect(await check()).toBe('NotImported');
  });
});
