import { describe, expect, it } from 'vitest';
import { conversationCommands, conversationOf, toConversationMessage } from './messages';

describe('conversationOf', () => {
  it('reads admin_getroammsg oldest first, with sender, recipient, key and elements', () => {
    const messages = conversationOf('openim', 'admin_getroammsg', {
      ActionStatus: 'OK',
      MsgList: [
        {
          From_Account: 'user2',
          To_Account: 'user1',
          MsgSeq: 2,
          MsgRandom: 9,
          MsgTimeStamp: 1700000100,
          MsgKey: '2_9_1700000100',
          MsgBody: [{ MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'smile' } }],
        },
        {
          From_Account: 'user1',
          To_Account: 'user2',
          MsgSeq: 1,
          MsgRandom: 8,
          MsgTimeStamp: 1700000000,
          MsgKey: '1_8_1700000000',
          MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
        },
      ],
    });
    expect(messages?.map((m) => [m.from, m.to, m.key, m.elements[0]?.type])).toEqual([
      ['user1', 'user2', '1_8_1700000000', 'TIMTextElem'],
      ['user2', 'user1', '2_9_1700000100', 'TIMFaceElem'],
    ]);
  });

  it('marks holes as recalled and the service’s own notices as system messages', () => {
    const messages = conversationOf('group_open_http_svc', 'group_msg_get_simple', {
      RspMsgList: [
        { From_Account: '@TIM#SYSTEM', MsgSeq: 3, MsgTimeStamp: 3, MsgBody: [] },
        { From_Account: 'u', IsPlaceMsg: 1, MsgSeq: 2, MsgTimeStamp: 2, MsgBody: [] },
        {
          From_Account: 'u',
          MsgSeq: 1,
          MsgTimeStamp: 1,
          MsgBody: [{ MsgType: 'TIMGroupTipElem', MsgContent: {} }],
        },
      ],
    });
    expect(messages?.map((m) => [m.seq, m.recalled, m.system])).toEqual([
      [1, false, true],
      [2, true, false],
      [3, false, true],
    ]);
  });

  it('answers undefined for other commands and for answers without a list', () => {
    expect(conversationOf('openim', 'sendmsg', { MsgList: [] })).toBeUndefined();
    expect(conversationOf('openim', 'admin_getroammsg', { ActionStatus: 'FAIL' })).toBeUndefined();
    expect(conversationOf('openim', 'admin_getroammsg', null)).toBeUndefined();
    expect(conversationCommands).toContain('group_open_http_svc/group_msg_get_history');
  });

  it('skips items that are not objects and keeps unknown element types by name', () => {
    expect(toConversationMessage('text')).toBeUndefined();
    expect(toConversationMessage({ MsgBody: [{ MsgType: 'TIMNewElem' }, 7] })?.elements).toEqual([
      { type: 'TIMNewElem', content: null },
    ]);
  });
});
