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
    expect(list(env, 'Result')[0]).toMatchObject({ AppId: '1400000001', AppName: expect.any(String) });
  });

  it('answers the 30 Beijing-time days before today, newest first, every figure a string of digits', async () => {
    h.clock.now = Date.parse('2026-11-30T17:30:00Z'); // 01:30 on 1 December in Beijing
    const rows = list(await h.call('openconfigsvr/getappinfo', {}), 'Result');
    expect(rows).toHaveLength(30);
    expect(rows.map((r) => r.Date).slice(0, 2)).toEqual(['20261130', '20261129']);
    expect(rows.at(-1)?.Date).toBe('20261101');
    for (const row of rows) {
      for (const key of [
        'ActiveUserNum',
        'RegistUserNumTotal',
        'C2CUpMsgNum',
        'GroupDownMsgNum',
        'CallBackReq',
      ]) {
        expect(row[key]).toMatch(/^\d+$/);
      }
      // Plausible: no more answers than requests, no more logins than actives, totals grow.
      expect(Number(row.CallBackRsp)).toBeLessThanOrEqual(Number(row.CallBackReq));
      expect(Number(row.LoginUserNum)).toBeLessThanOrEqual(Number(row.ActiveUserNum) * 1.05);
    }
    const totals = rows.map((r) => Number(r.RegistUserNumTotal)).reverse();
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    // The figures depend on the app and the day only.
    expect(list(await h.call('openconfigsvr/getappinfo', {}), 'Result')).toEqual(rows);
  });

  it('counts what was done in the sandbox on the newest day, and narrows rows to RequestField', async () => {
    const before = list(await h.call('openconfigsvr/getappinfo', {}), 'Result')[0];
    await h.call('im_open_login_svc/account_import', { UserID: 'newcomer' });
    const after = list(await h.call('openconfigsvr/getappinfo', {}), 'Result')[0];
    expect(Number(after?.RegistUserNumTotal)).toBe(Number(before?.RegistUserNumTotal) + 1);
    const narrowed = list(
      await h.call('openconfigsvr/getappinfo', { RequestField: ['ActiveUserNum'] }),
      'Result',
    );
    expect(Object.keys(narrowed[0] ?? {}).sort()).toEqual(['ActiveUserNum', 'Date']);
  });

  it('still answers 60003 for a body that is not JSON', async () => {
    expect((await h.call('openconfigsvr/getappinfo', undefined, { rawBody: 'nope' })).ErrorCode).toBe(60003);
  });
});
