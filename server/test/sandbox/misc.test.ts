import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, list, startSandbox } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());
beforeEach(() => {
  h.clock.now = Date.now();
  h.reset();
});

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

describe('recentcontact get_list and delete', () => {
  it('lists conversations newest first, including one just started, and deletes one', async () => {
    h.clock.now += 10_000;
    await h.call('openim/sendmsg', {
      From_Account: 'alice',
      To_Account: 'dave',
      MsgRandom: 1,
      MsgBody: text('hey'),
    });
    const body = {
      From_Account: 'alice',
      TimeStamp: 0,
      StartIndex: 0,
      TopTimeStamp: 0,
      TopStartIndex: 0,
      AssistFlags: 63,
    };
    const env = await h.call('recentcontact/get_list', body);
    expect(env).toMatchObject({ ActionStatus: 'OK', CompleteFlag: 1 });
    const items = list(env, 'SessionItem');
    expect(items[0]).toMatchObject({ Type: 1, To_Account: 'dave' });
    expect(items.some((i) => i.Type === 2 && i.GroupId === '@TGS#1SANDBOXPUB')).toBe(true);
    const del = await h.call('recentcontact/delete', {
      From_Account: 'alice',
      Type: 1,
      To_Account: 'dave',
      ClearRamble: 1,
    });
    expect(del.ActionStatus).toBe('OK');
    const after = list(await h.call('recentcontact/get_list', body), 'SessionItem');
    expect(after.some((i) => i.To_Account === 'dave')).toBe(false);
  });

  it('answers 50001 for an unknown account and 50002 for missing fields', async () => {
    expect(
      (await h.call('recentcontact/get_list', { From_Account: 'ghost', TimeStamp: 0, StartIndex: 0 }))
        .ErrorCode,
    ).toBe(50001);
    expect((await h.call('recentcontact/get_list', { From_Account: 'alice' })).ErrorCode).toBe(50002);
    expect((await h.call('recentcontact/delete', { From_Account: 'alice', Type: 3 })).ErrorCode).toBe(50002);
  });
});

describe('global mute setnospeaking and getnospeaking', () => {
  it('mutes one-to-one messages, reports the remaining time, and the muted account gets 20012', async () => {
    const set = await h.call('openconfigsvr/setnospeaking', {
      Set_Account: 'bob',
      C2CmsgNospeakingTime: 600,
    });
    expect(set.ActionStatus).toBe('OK');
    h.clock.now += 100_000;
    const get = await h.call('openconfigsvr/getnospeaking', { Get_Account: 'bob' });
    expect(get).toMatchObject({ C2CmsgNospeakingTime: 500, GroupmsgNospeakingTime: 0 });
    const send = await h.call('openim/sendmsg', {
      From_Account: 'bob',
      To_Account: 'alice',
      MsgRandom: 1,
      MsgBody: text('x'),
    });
    expect(send.ErrorCode).toBe(20012);
    await h.call('openconfigsvr/setnospeaking', {
      Set_Account: 'bob',
      C2CmsgNospeakingTime: 0,
      GroupmsgNospeakingTime: 4294967295,
    });
    expect(await h.call('openconfigsvr/getnospeaking', { Get_Account: 'bob' })).toMatchObject({
      C2CmsgNospeakingTime: 0,
      GroupmsgNospeakingTime: 4294967295,
    });
  });

  it('answers 70107 for an unknown account and 90003 without the account field', async () => {
    expect(
      (await h.call('openconfigsvr/setnospeaking', { Set_Account: 'ghost', C2CmsgNospeakingTime: 1 }))
        .ErrorCode,
    ).toBe(70107);
    expect((await h.call('openconfigsvr/getnospeaking', { Get_Account: 'ghost' })).ErrorCode).toBe(70107);
    expect((await h.call('openconfigsvr/getnospeaking', {})).ErrorCode).toBe(90003);
  });
});

describe('getappinfo', () => {
  it('answers ErrorCode 0, ErrorInfo OK and Result without ActionStatus, like the documented sample', async () => {
    const env = await h.call('openconfigsvr/getappinfo', {});
    expect(env).not.toHaveProperty('ActionStatus');
    expect(env).toMatchObject({ ErrorCode: 0, ErrorInfo: 'OK' });
    expect(env.RequestId).toMatch(/^Id-/);
    expect(list(env, 'Result')[0]).toMatchObject({
      AppId: '1400000001',
      // The demo app's 12 accounts and 4 groups plus the 8 accounts and 4 groups of the examples.
      RegistUserNumTotal: '20',
      GroupAllGroupNum: '8',
    });
  });

  it('still answers 60003 for a body that is not JSON', async () => {
    expect((await h.call('openconfigsvr/getappinfo', undefined, { rawBody: 'nope' })).ErrorCode).toBe(60003);
  });
});
