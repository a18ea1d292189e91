import { describe, expect, it } from 'vitest';
import { type BeforeCallback, verdictOf } from './before-callbacks';

const c2c: BeforeCallback = { command: 'C2C.CallbackBeforeSendMsg', body: {} };
const group: BeforeCallback = { command: 'Group.CallbackBeforeSendMsg', body: {} };
const body = { To_Account: 'ben', MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] };

describe('verdictOf: what the sandbox does with a "before" callback answer', () => {
  it('sends on ErrorCode 0, with the answer’s MsgBody and CloudCustomData when it has them', () => {
    expect(verdictOf(c2c, body, { kind: 'answered', answer: { ErrorCode: 0 } })).toEqual({
      kind: 'allow',
      body,
      note: null,
    });
    const rewritten = verdictOf(c2c, body, {
      kind: 'answered',
      answer: {
        ErrorCode: 0,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '***' } }],
        CloudCustomData: 'x',
      },
    });
    expect(rewritten).toMatchObject({
      kind: 'allow',
      body: { To_Account: 'ben', MsgBody: [{ MsgContent: { Text: '***' } }], CloudCustomData: 'x' },
    });
    // A MsgBody that is not a list of elements does not replace the message.
    expect(verdictOf(c2c, body, { kind: 'answered', answer: { ErrorCode: 0, MsgBody: 'no' } })).toMatchObject(
      {
        body,
      },
    );
  });

  it('refuses with 20006 / 10016, or the one-to-one custom code with its ErrorInfo', () => {
    expect(verdictOf(c2c, body, { kind: 'answered', answer: { ErrorCode: 1 } })).toMatchObject({
      kind: 'refuse',
      code: 20006,
    });
    expect(verdictOf(c2c, body, { kind: 'answered', answer: { ErrorCode: 2 } })).toMatchObject({
      code: 20006,
    });
    expect(
      verdictOf(c2c, body, { kind: 'answered', answer: { ErrorCode: 120001, ErrorInfo: 'no links' } }),
    ).toEqual({ kind: 'refuse', code: 120001, info: 'no links' });
    expect(verdictOf(group, body, { kind: 'answered', answer: { ErrorCode: 120001 } })).toMatchObject({
      code: 10016,
    });
  });

  it('sends, and says why, when there is no answer or one without an ErrorCode', () => {
    expect(verdictOf(c2c, body, { kind: 'silent', why: 'was not answered within 2 s' })).toEqual({
      kind: 'allow',
      body,
      note: 'the C2C.CallbackBeforeSendMsg callback was not answered within 2 s: sent, as Tencent does',
    });
    for (const answer of [null, 'OK', { ErrorCode: '1' }, { ErrorCode: 0.5 }]) {
      expect(verdictOf(group, body, { kind: 'answered', answer })).toMatchObject({
        kind: 'allow',
        note: "the Group.CallbackBeforeSendMsg callback's answer has no ErrorCode: sent, as Tencent does",
      });
    }
  });
});
