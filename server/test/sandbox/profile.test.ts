import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, list, startSandbox } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

describe('portrait_get', () => {
  it('returns the requested tags of each account with ErrorDisplay', async () => {
    const env = await h.call('profile/portrait_get', {
      To_Account: ['alice'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Gender'],
    });
    expect(env).toMatchObject({ ActionStatus: 'OK', ErrorDisplay: '', FailAccount: [] });
    expect(list(env, 'UserProfileItem')[0]).toMatchObject({
      To_Account: 'alice',
      ResultCode: 0,
      ProfileItem: [
        { Tag: 'Tag_Profile_IM_Nick', Value: 'Alice' },
        { Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Female' },
      ],
    });
  });

  it('answers 40003 for an account that does not exist and 40001 without TagList', async () => {
    const partial = await h.call('profile/portrait_get', {
      To_Account: ['alice', 'ghost'],
      TagList: ['Tag_Profile_IM_Nick'],
    });
    expect(partial).toMatchObject({ ActionStatus: 'OK', FailAccount: ['ghost'] });
    expect(list(partial, 'UserProfileItem')[1]).toMatchObject({ To_Account: 'ghost', ResultCode: 40003 });
    const none = await h.call('profile/portrait_get', {
      To_Account: ['ghost'],
      TagList: ['Tag_Profile_IM_Nick'],
    });
    expect(none).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 40003 });
    expect((await h.call('profile/portrait_get', { To_Account: ['alice'] })).ErrorCode).toBe(40001);
  });
});

describe('portrait_set', () => {
  it('sets standard and custom tags that portrait_get then returns', async () => {
    const set = await h.call('profile/portrait_set', {
      From_Account: 'bob',
      ProfileItem: [
        { Tag: 'Tag_Profile_IM_Nick', Value: 'Robert' },
        { Tag: 'Tag_Profile_IM_Level', Value: 3 },
        { Tag: 'Tag_Profile_Custom_Team', Value: 'red' },
      ],
    });
    expect(set.ActionStatus).toBe('OK');
    const env = await h.call('profile/portrait_get', {
      To_Account: ['bob'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Level', 'Tag_Profile_Custom_Team'],
    });
    expect(list(env, 'UserProfileItem')[0]?.ProfileItem).toEqual([
      { Tag: 'Tag_Profile_IM_Nick', Value: 'Robert' },
      { Tag: 'Tag_Profile_IM_Level', Value: 3 },
      { Tag: 'Tag_Profile_Custom_Team', Value: 'red' },
    ]);
  });

  it('answers 40003 for an unknown account, 40009 for an unknown tag, 40605 for a bad enum value', async () => {
    const item = [{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }];
    expect(
      (await h.call('profile/portrait_set', { From_Account: 'ghost', ProfileItem: item })).ErrorCode,
    ).toBe(40003);
    expect(
      (
        await h.call('profile/portrait_set', {
          From_Account: 'bob',
          ProfileItem: [{ Tag: 'Tag_Nope', Value: 'x' }],
        })
      ).ErrorCode,
    ).toBe(40009);
    expect(
      (
        await h.call('profile/portrait_set', {
          From_Account: 'bob',
          ProfileItem: [{ Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Other' }],
        })
      ).ErrorCode,
    ).toBe(40605);
    expect((await h.call('profile/portrait_set', { From_Account: 'bob' })).ErrorCode).toBe(40001);
  });
});
