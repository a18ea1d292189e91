import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, list, startSandbox } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const friendIds = async (owner: string) =>
  list(await h.call('sns/friend_get', { From_Account: owner, StartIndex: 0 }), 'UserDataItem').map(
    (i) => i.To_Account,
  );

describe('friend_add', () => {
  it('adds a friend both ways by default and reports per-item codes', async () => {
    const env = await h.call('sns/friend_add', {
      From_Account: 'dave',
      AddFriendItem: [
        { To_Account: 'erin', AddSource: 'AddSource_Type_Web' },
        { To_Account: 'ghost', AddSource: 'AddSource_Type_Web' },
        { To_Account: 'mallory', AddSource: 'AddSource_Type_Web' },
        { To_Account: 'heidi', AddSource: 'AddSource_Type_Web' },
      ],
    });
    expect(list(env, 'ResultItem').map((r) => [r.To_Account, r.ResultCode])).toEqual([
      ['erin', 0],
      ['ghost', 30003],
      ['mallory', 30516],
      ['heidi', 30539],
    ]);
    expect(env.Fail_Account).toEqual(['ghost', 'mallory']);
    expect(await friendIds('dave')).toContain('erin');
    expect(await friendIds('erin')).toContain('dave');
  });

  it('answers 30525 when the sender is in the peer\u2019s blocklist, 30003 for an unknown sender, 30001 without items', async () => {
    const env = await h.call('sns/friend_add', {
      From_Account: 'mallory',
      AddFriendItem: [{ To_Account: 'alice', AddSource: 'AddSource_Type_Web' }],
      ForceAddFlags: 1,
    });
    expect(list(env, 'ResultItem')[0]?.ResultCode).toBe(30525);
    expect(
      (await h.call('sns/friend_add', { From_Account: 'ghost', AddFriendItem: [{ To_Account: 'bob' }] }))
        .ErrorCode,
    ).toBe(30003);
    expect((await h.call('sns/friend_add', { From_Account: 'bob' })).ErrorCode).toBe(30001);
  });
});

describe('friend_import', () => {
  it('imports a one-way friend with its remark', async () => {
    const env = await h.call('sns/friend_import', {
      From_Account: 'ivan',
      AddFriendItem: [{ To_Account: 'judy', AddSource: 'AddSource_Type_Import', Remark: 'J' }],
    });
    expect(list(env, 'ResultItem')[0]).toMatchObject({ To_Account: 'judy', ResultCode: 0 });
    expect(await friendIds('ivan')).toEqual(['judy']);
    expect(await friendIds('judy')).toEqual([]);
    const detail = await h.call('sns/friend_get_list', {
      From_Account: 'ivan',
      To_Account: ['judy'],
      TagList: ['Tag_SNS_IM_Remark'],
    });
    expect(list(detail, 'InfoItem')[0]?.SnsProfileItem).toEqual([{ Tag: 'Tag_SNS_IM_Remark', Value: 'J' }]);
  });

  it('reports 30003 per item for an unknown peer and 30003 for an unknown sender', async () => {
    const env = await h.call('sns/friend_import', {
      From_Account: 'ivan',
      AddFriendItem: [{ To_Account: 'ghost', AddSource: 'AddSource_Type_Import' }],
    });
    expect(list(env, 'ResultItem')[0]?.ResultCode).toBe(30003);
    expect(
      (
        await h.call('sns/friend_import', {
          From_Account: 'ghost',
          AddFriendItem: [{ To_Account: 'ivan', AddSource: 'AddSource_Type_X' }],
        })
      ).ErrorCode,
    ).toBe(30003);
  });
});

describe('friend_get and friend_get_list', () => {
  it('lists the seeded friends with their count and completion flag', async () => {
    const env = await h.call('sns/friend_get', { From_Account: 'alice', StartIndex: 0 });
    expect(env).toMatchObject({ ActionStatus: 'OK', FriendNum: 2, CompleteFlag: 1, NextStartIndex: 0 });
    expect(list(env, 'UserDataItem').map((i) => i.To_Account)).toEqual(['bob', 'carol']);
  });

  it('answers 30003 for an unknown account and 30001 without StartIndex', async () => {
    expect((await h.call('sns/friend_get', { From_Account: 'ghost', StartIndex: 0 })).ErrorCode).toBe(30003);
    expect((await h.call('sns/friend_get', { From_Account: 'alice' })).ErrorCode).toBe(30001);
  });

  it('returns profile and friend tags of specified friends, and flags a non-friend', async () => {
    const env = await h.call('sns/friend_get_list', {
      From_Account: 'alice',
      To_Account: ['bob', 'dave'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_SNS_IM_AddSource'],
    });
    const items = list(env, 'InfoItem');
    expect(items[0]).toMatchObject({
      To_Account: 'bob',
      ResultCode: 0,
      SnsProfileItem: [
        { Tag: 'Tag_Profile_IM_Nick', Value: 'Bob' },
        { Tag: 'Tag_SNS_IM_AddSource', Value: 'AddSource_Type_Web' },
      ],
    });
    expect(items[1]).toMatchObject({ To_Account: 'dave', ResultCode: 30001 });
    expect(env.Fail_Account).toEqual(['dave']);
    expect(
      (await h.call('sns/friend_get_list', { From_Account: 'ghost', To_Account: ['bob'], TagList: ['x'] }))
        .ErrorCode,
    ).toBe(30003);
  });
});

describe('friend_delete', () => {
  it('deletes both ways with Delete_Type_Both and answers 31704 for a non-friend', async () => {
    const env = await h.call('sns/friend_delete', {
      From_Account: 'alice',
      To_Account: ['bob', 'dave'],
      DeleteType: 'Delete_Type_Both',
    });
    expect(list(env, 'ResultItem').map((r) => r.ResultCode)).toEqual([0, 31704]);
    expect(await friendIds('alice')).toEqual(['carol']);
    expect(await friendIds('bob')).toEqual(['dave']);
  });

  it('answers 30003 for an unknown account', async () => {
    expect(
      (await h.call('sns/friend_delete', { From_Account: 'ghost', To_Account: ['bob'] })).ErrorCode,
    ).toBe(30003);
  });
});

describe('blocklist', () => {
  it('adds, lists and deletes blocklist entries', async () => {
    const add = await h.call('sns/black_list_add', { From_Account: 'alice', To_Account: ['dave', 'ghost'] });
    expect(list(add, 'ResultItem').map((r) => r.ResultCode)).toEqual([0, 30003]);
    const get = await h.call('sns/black_list_get', {
      From_Account: 'alice',
      StartIndex: 0,
      MaxLimited: 30,
      LastSequence: 0,
    });
    expect(list(get, 'BlackListItem').map((i) => i.To_Account)).toEqual(['mallory', 'dave']);
    expect(get).toMatchObject({ StartIndex: 0, CurruentSequence: 2 });
    const del = await h.call('sns/black_list_delete', { From_Account: 'alice', To_Account: ['dave', 'bob'] });
    expect(list(del, 'ResultItem').map((r) => r.ResultCode)).toEqual([0, 30001]);
    const after = await h.call('sns/black_list_get', { From_Account: 'alice', StartIndex: 0, MaxLimited: 1 });
    expect(list(after, 'BlackListItem').map((i) => i.To_Account)).toEqual(['mallory']);
  });

  it('answers 30003 for an unknown account and 30001 without MaxLimited', async () => {
    expect(
      (await h.call('sns/black_list_add', { From_Account: 'ghost', To_Account: ['bob'] })).ErrorCode,
    ).toBe(30003);
    expect(
      (await h.call('sns/black_list_delete', { From_Account: 'ghost', To_Account: ['bob'] })).ErrorCode,
    ).toBe(30003);
    expect((await h.call('sns/black_list_get', { From_Account: 'alice', StartIndex: 0 })).ErrorCode).toBe(
      30001,
    );
  });
});
