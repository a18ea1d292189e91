import { describe, expect, it } from 'vitest';
import type { CallbackRule } from '../../config/environments-file';
import { decide, isBeforeCallback, valueAt } from './rules';

const message = (text: string) => ({
  CallbackCommand: 'C2C.CallbackBeforeSendMsg',
  From_Account: 'alice',
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
});

describe('isBeforeCallback', () => {
  it('knows before/prev callbacks from after ones', () => {
    expect(isBeforeCallback('C2C.CallbackBeforeSendMsg')).toBe(true);
    expect(isBeforeCallback('Sns.CallbackPrevFriendAdd')).toBe(true);
    expect(isBeforeCallback('C2C.CallbackAfterSendMsg')).toBe(false);
    expect(isBeforeCallback('State.StateChange')).toBe(false);
  });
});

describe('valueAt', () => {
  it('walks objects and array indexes, and answers undefined off the path', () => {
    expect(valueAt(message('hi'), 'MsgBody.0.MsgContent.Text')).toBe('hi');
    expect(valueAt(message('hi'), 'MsgBody.x.MsgContent')).toBeUndefined();
    expect(valueAt(message('hi'), 'From_Account.length')).toBeUndefined();
    expect(valueAt(message('hi'), 'constructor')).toBeUndefined();
  });
});

describe('decide', () => {
  const rules: CallbackRule[] = [
    {
      name: 'no spam',
      command: 'C2C.CallbackBeforeSendMsg',
      action: 'deny',
      errorCode: 120001,
      errorInfo: 'spam',
      match: { path: 'MsgBody.0.MsgContent.Text', contains: 'SPAM' },
    },
    {
      command: 'C2C.CallbackBefore*',
      action: 'rewrite',
      match: { path: 'From_Account', equals: 'bob' },
      answer: { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '***' } }] },
    },
    { name: 'groups', command: 'Group.*', action: 'deny' },
  ];

  it('allows by default when no rule fits', () => {
    expect(decide(rules, 'C2C.CallbackBeforeSendMsg', message('hello'))).toEqual({
      rule: null,
      answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
      reason: 'allowed by default (no rule matched)',
    });
  });

  it('denies with the rule’s code when the text contains the word, whatever its case', () => {
    const d = decide(rules, 'C2C.CallbackBeforeSendMsg', message('buy spam now'));
    expect(d.rule).toBe('no spam');
    expect(d.answer).toEqual({ ActionStatus: 'OK', ErrorCode: 120001, ErrorInfo: 'spam' });
  });

  it('rewrites with the rule’s fields, named by its place when it has no name', () => {
    const d = decide(rules, 'C2C.CallbackBeforeSendMsg', { ...message('hi'), From_Account: 'bob' });
    expect(d.rule).toBe('#2');
    expect(d.answer).toEqual({
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '***' } }],
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
    });
  });

  it('denies with ErrorCode 1 by default and matches a command prefix', () => {
    const d = decide(rules, 'Group.CallbackBeforeSendMsg', {});
    expect(d).toEqual({
      rule: 'groups',
      answer: { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: '' },
      reason: 'denied by rule "groups"',
    });
  });
});
