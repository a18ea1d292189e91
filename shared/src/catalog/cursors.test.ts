import { describe, expect, it } from 'vitest';
import { cursorRuleFor, cursorRules, followCursor, previousHour } from './cursors';
import { findCommand } from './index';

describe('cursor rules', () => {
  it('exist for catalog commands only, including the seven the issue names', () => {
    for (const key of Object.keys(cursorRules)) {
      const [service = '', command = ''] = key.split('/');
      expect(findCommand(service, command), key).toBeDefined();
    }
    expect(Object.keys(cursorRules)).toHaveLength(7);
  });

  it('carries Next and ends on Next 0', () => {
    const rule = cursorRuleFor('group_open_http_svc', 'get_appid_group_list');
    if (!rule) throw new Error('no rule');
    const first = followCursor(
      rule,
      { Limit: 2, Next: 0 },
      { GroupIdList: [{ GroupId: 'a' }, { GroupId: 'b' }], Next: 2 },
    );
    expect(first).toEqual({ items: [{ GroupId: 'a' }, { GroupId: 'b' }], next: { Limit: 2, Next: 2 } });
    expect(
      followCursor(rule, { Limit: 2, Next: 2 }, { GroupIdList: [{ GroupId: 'c' }], Next: 0 }).next,
    ).toBeNull();
  });

  it('advances an offset and ends on a short page', () => {
    const rule = cursorRuleFor('group_open_http_svc', 'get_group_member_info');
    if (!rule) throw new Error('no rule');
    expect(followCursor(rule, { GroupId: 'g', Limit: 2 }, { MemberList: [1, 2] }).next).toEqual({
      GroupId: 'g',
      Limit: 2,
      Offset: 2,
    });
    expect(followCursor(rule, { GroupId: 'g', Limit: 2, Offset: 2 }, { MemberList: [3] }).next).toBeNull();
  });

  it('asks below the lowest sequence and stops when finished', () => {
    const rule = cursorRuleFor('group_open_http_svc', 'group_msg_get_simple');
    if (!rule) throw new Error('no rule');
    const step = followCursor(
      rule,
      { GroupId: 'g', ReqMsgNumber: 2 },
      { IsFinished: 0, RspMsgList: [{ MsgSeq: 9 }, { MsgSeq: 8 }] },
    );
    expect(step.next).toEqual({ GroupId: 'g', ReqMsgNumber: 2, ReqMsgSeq: 7 });
    expect(followCursor(rule, {}, { IsFinished: 1, RspMsgList: [{ MsgSeq: 3 }] }).next).toBeNull();
  });

  it('steps back one hour at a time, over day and year boundaries', () => {
    expect(previousHour('2026010100')).toBe('2025123123');
    expect(previousHour('2026113015')).toBe('2026113014');
    expect(previousHour('nope')).toBeUndefined();
    const rule = cursorRuleFor('open_msg_svc', 'get_history');
    if (!rule) throw new Error('no rule');
    expect(followCursor(rule, { ChatType: 'C2C', MsgTime: '2026113015' }, { File: [] }).next).toEqual({
      ChatType: 'C2C',
      MsgTime: '2026113014',
    });
  });
});
