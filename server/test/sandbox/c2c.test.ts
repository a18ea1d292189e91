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
const roam = async (a: string, b: string) =>
  list(
    await h.call('openim/admin_getroammsg', {
      Operator_Account: a,
      Peer_Account: b,
      MaxCnt: 100,
      MinTime: 0,
      MaxTime: 4294967295,
    }),
    'MsgList',
  );

describe('sendmsg', () => {
  it('stores the message, answers MsgTime and MsgKey, and raises the unread count', async () => {
    const env = await h.call('openim/sendmsg', {
      From_Account: 'dave',
      To_Account: 'erin',
      MsgRandom: 1,
      MsgBody: text('hi'),
    });
    expect(env).toMatchObject({ ActionStatus: 'OK', MsgTime: Math.floor(h.clock.now / 1000) });
    expect(env.MsgKey).toMatch(/^\d+_1_\d+$/);
    expect((await roam('dave', 'erin')).map((m) => m.MsgKey)).toEqual([env.MsgKey]);
    const unread = await h.call('openim/get_c2c_unread_msg_num', {
      To_Account: 'erin',
      Peer_Account: ['dave'],
    });
    expect(unread).toMatchObject({
      AllC2CUnreadMsgNum: 1,
      C2CUnreadMsgNumList: [{ Peer_Account: 'dave', C2CUnreadMsgNum: 1 }],
    });
  });

  it('treats the same MsgRandom and body from the same sender within 60 s as one message', async () => {
    const body = { From_Account: 'dave', To_Account: 'erin', MsgRandom: 42, MsgBody: text('once') };
    const first = await h.call('openim/sendmsg', body);
    h.clock.now += 30_000;
    const retry = await h.call('openim/sendmsg', body);
    expect(retry).toMatchObject({ ActionStatus: 'OK', MsgKey: first.MsgKey, MsgTime: first.MsgTime });
    expect(await roam('dave', 'erin')).toHaveLength(1);
    h.clock.now += 31_000;
    const later = await h.call('openim/sendmsg', body);
    expect(later.MsgKey).not.toBe(first.MsgKey);
    expect(await roam('dave', 'erin')).toHaveLength(2);
  });

  it('answers 90012 for a recipient that is not imported and 20003 for an unknown sender', async () => {
    expect(
      (await h.call('openim/sendmsg', { To_Account: 'ghost', MsgRandom: 1, MsgBody: text('x') })).ErrorCode,
    ).toBe(90012);
    expect(
      (
        await h.call('openim/sendmsg', {
          From_Account: 'ghost',
          To_Account: 'bob',
          MsgRandom: 1,
          MsgBody: text('x'),
        })
      ).ErrorCode,
    ).toBe(20003);
  });

  it('answers 90003 / 90005 / 90007 for a missing To_Account, MsgRandom or MsgBody, 20007 when blocked', async () => {
    expect((await h.call('openim/sendmsg', { MsgRandom: 1, MsgBody: text('x') })).ErrorCode).toBe(90003);
    expect((await h.call('openim/sendmsg', { To_Account: 'bob', MsgBody: text('x') })).ErrorCode).toBe(90005);
    expect((await h.call('openim/sendmsg', { To_Account: 'bob', MsgRandom: 1, MsgBody: {} })).ErrorCode).toBe(
      90007,
    );
    expect(
      (
        await h.call('openim/sendmsg', {
          From_Account: 'mallory',
          To_Account: 'alice',
          MsgRandom: 1,
          MsgBody: text('x'),
        })
      ).ErrorCode,
    ).toBe(20007);
  });
});

describe('batchsendmsg', () => {
  it('delivers to every imported account and lists the others in ErrorList', async () => {
    const env = await h.call('openim/batchsendmsg', {
      To_Account: ['ivan', 'judy', 'ghost'],
      MsgRandom: 7,
      MsgBody: text('all'),
    });
    expect(env).toMatchObject({ ActionStatus: 'OK', ErrorList: [{ To_Account: 'ghost', ErrorCode: 90012 }] });
    expect(await roam('administrator', 'ivan')).toHaveLength(1);
    expect(await roam('administrator', 'judy')).toHaveLength(1);
  });

  it('answers 90003 without To_Account and 90011 above 500 recipients', async () => {
    expect((await h.call('openim/batchsendmsg', { MsgRandom: 1, MsgBody: text('x') })).ErrorCode).toBe(90003);
    const many = Array.from({ length: 501 }, (_, i) => `u${i}`);
    expect(
      (await h.call('openim/batchsendmsg', { To_Account: many, MsgRandom: 1, MsgBody: text('x') })).ErrorCode,
    ).toBe(90011);
  });
});

describe('importmsg', () => {
  it('imports history at its own time without raising unread counts', async () => {
    const env = await h.call('openim/importmsg', {
      SyncFromOldSystem: 1,
      From_Account: 'ivan',
      To_Account: 'judy',
      MsgRandom: 5,
      MsgTimeStamp: 1557387418,
      MsgBody: text('old'),
    });
    expect(env.ActionStatus).toBe('OK');
    expect((await roam('ivan', 'judy')).map((m) => m.MsgTimeStamp)).toEqual([1557387418]);
    expect((await h.call('openim/get_c2c_unread_msg_num', { To_Account: 'judy' })).AllC2CUnreadMsgNum).toBe(
      0,
    );
  });

  it('answers 90006 without MsgTimeStamp and 90012 for a recipient that is not imported', async () => {
    const base = { From_Account: 'ivan', To_Account: 'judy', MsgRandom: 5, MsgBody: text('old') };
    expect((await h.call('openim/importmsg', base)).ErrorCode).toBe(90006);
    expect(
      (await h.call('openim/importmsg', { ...base, To_Account: 'ghost', MsgTimeStamp: 1 })).ErrorCode,
    ).toBe(90012);
  });
});

describe('admin_getroammsg', () => {
  it('pages newest first with MaxCnt and LastMsgKey', async () => {
    for (let i = 0; i < 3; i++) {
      h.clock.now += 1000;
      await h.call('openim/sendmsg', {
        From_Account: 'dave',
        To_Account: 'erin',
        MsgRandom: i,
        MsgBody: text(`m${i}`),
      });
    }
    const first = await h.call('openim/admin_getroammsg', {
      Operator_Account: 'erin',
      Peer_Account: 'dave',
      MaxCnt: 2,
      MinTime: 0,
      MaxTime: 4294967295,
    });
    expect(first).toMatchObject({ Complete: 0, MsgCnt: 2 });
    expect(list(first, 'MsgList').map((m) => m.MsgRandom)).toEqual([2, 1]);
    const second = await h.call('openim/admin_getroammsg', {
      Operator_Account: 'erin',
      Peer_Account: 'dave',
      MaxCnt: 2,
      MinTime: 0,
      MaxTime: 4294967295,
      LastMsgKey: first.LastMsgKey,
    });
    expect(second).toMatchObject({ Complete: 1, MsgCnt: 1 });
    expect(list(second, 'MsgList').map((m) => m.MsgRandom)).toEqual([0]);
  });

  it('answers 90012 for an unknown account and 90001 without MaxTime', async () => {
    const base = { Operator_Account: 'alice', Peer_Account: 'ghost', MinTime: 0, MaxTime: 1 };
    expect((await h.call('openim/admin_getroammsg', base)).ErrorCode).toBe(90012);
    expect(
      (
        await h.call('openim/admin_getroammsg', {
          Operator_Account: 'alice',
          Peer_Account: 'bob',
          MinTime: 0,
        })
      ).ErrorCode,
    ).toBe(90001);
  });
});

describe('admin_msgwithdraw', () => {
  it('withdraws a message so it leaves the roaming history, and refuses an unknown MsgKey', async () => {
    const sent = await h.call('openim/sendmsg', {
      From_Account: 'dave',
      To_Account: 'erin',
      MsgRandom: 9,
      MsgBody: text('oops'),
    });
    const body = { From_Account: 'dave', To_Account: 'erin', MsgKey: sent.MsgKey };
    expect((await h.call('openim/admin_msgwithdraw', body)).ActionStatus).toBe('OK');
    expect(await roam('dave', 'erin')).toHaveLength(0);
    expect((await h.call('openim/admin_msgwithdraw', body)).ErrorCode).toBe(20001);
    expect(
      (await h.call('openim/admin_msgwithdraw', { From_Account: 'dave', To_Account: 'erin' })).ErrorCode,
    ).toBe(90003);
  });
});

describe('get_c2c_unread_msg_num and admin_set_msg_read', () => {
  it('counts the seeded unread messages and clears them per peer', async () => {
    const before = await h.call('openim/get_c2c_unread_msg_num', {
      To_Account: 'alice',
      Peer_Account: ['bob', 'carol'],
    });
    expect(before).toMatchObject({
      AllC2CUnreadMsgNum: 2,
      C2CUnreadMsgNumList: [
        { Peer_Account: 'bob', C2CUnreadMsgNum: 1 },
        { Peer_Account: 'carol', C2CUnreadMsgNum: 1 },
      ],
    });
    expect(
      (await h.call('openim/admin_set_msg_read', { Report_Account: 'alice', Peer_Account: 'bob' }))
        .ActionStatus,
    ).toBe('OK');
    expect((await h.call('openim/get_c2c_unread_msg_num', { To_Account: 'alice' })).AllC2CUnreadMsgNum).toBe(
      1,
    );
  });

  it('answers 90012 for unknown accounts and 90003 without To_Account', async () => {
    expect((await h.call('openim/get_c2c_unread_msg_num', { To_Account: 'ghost' })).ErrorCode).toBe(90012);
    expect((await h.call('openim/get_c2c_unread_msg_num', {})).ErrorCode).toBe(90003);
    expect(
      (await h.call('openim/admin_set_msg_read', { Report_Account: 'ghost', Peer_Account: 'bob' })).ErrorCode,
    ).toBe(90012);
  });
});
