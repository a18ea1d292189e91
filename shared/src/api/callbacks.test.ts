import { describe, expect, it } from 'vitest';
import { callbackOutcome, isBeforeCallback } from './callbacks';

const before = 'C2C.CallbackBeforeSendMsg';
const ok = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

describe('callbackOutcome: what an answer to a "before" callback tells Tencent to do', () => {
  it('reads a non-zero ErrorCode as refused, extra fields as rewritten, OK alone as allowed', () => {
    expect(
      callbackOutcome({ command: before, verdict: 'accepted', answer: { ...ok, ErrorCode: 120001 } }),
    ).toBe('refused');
    expect(
      callbackOutcome({
        command: 'Group.CallbackBeforeSendMsg',
        verdict: 'accepted',
        answer: { ErrorCode: 1 },
      }),
    ).toBe('refused');
    expect(
      callbackOutcome({
        command: before,
        verdict: 'accepted',
        answer: { ...ok, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'masked' } }] },
      }),
    ).toBe('rewritten');
    expect(callbackOutcome({ command: before, verdict: 'accepted', answer: ok })).toBe('allowed');
    expect(callbackOutcome({ command: 'Sns.CallbackPrevFriendAdd', verdict: 'accepted', answer: ok })).toBe(
      'allowed',
    );
  });

  it('says nothing of an answer that decides nothing or is no answer', () => {
    // Tencent ignores what an "after" callback is answered.
    expect(
      callbackOutcome({ command: 'C2C.CallbackAfterSendMsg', verdict: 'accepted', answer: ok }),
    ).toBeNull();
    // A rejected callback got the console's error body, not an answer Tencent can read.
    expect(
      callbackOutcome({
        command: before,
        verdict: 'rejected',
        answer: { error: { code: 'callback/bad-signature' } },
      }),
    ).toBeNull();
    expect(callbackOutcome({ command: before, verdict: 'accepted', answer: { ErrorCode: '0' } })).toBeNull();
    expect(callbackOutcome({ command: before, verdict: 'accepted', answer: [ok] })).toBeNull();
    expect(callbackOutcome({ command: before, verdict: 'accepted', answer: null })).toBeNull();
  });

  it('knows the "before" callbacks by name', () => {
    expect(isBeforeCallback('Group.CallbackBeforeApplyJoinGroup')).toBe(true);
    expect(isBeforeCallback('Alert.RequestOverLimit')).toBe(false);
  });
});
