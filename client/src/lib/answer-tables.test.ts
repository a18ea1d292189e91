import { describe, expect, it } from 'vitest';
import { cellText, tableCsv, tablesOf } from './answer-tables';

describe('tablesOf', () => {
  it('finds the lists of records in an answer, with every key any row has as a column', () => {
    const tables = tablesOf({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ResultItem: [
        { UserID: 'a', ResultCode: 0, AccountStatus: 'Imported' },
        { UserID: 'b', ResultCode: 70107, ResultInfo: 'not found' },
      ],
      Fail_Account: ['x', 'y'],
      Empty: [],
    });
    expect(tables).toEqual([
      {
        path: 'ResultItem',
        rows: [
          { UserID: 'a', ResultCode: 0, AccountStatus: 'Imported' },
          { UserID: 'b', ResultCode: 70107, ResultInfo: 'not found' },
        ],
        columns: ['UserID', 'ResultCode', 'AccountStatus', 'ResultInfo'],
      },
    ]);
  });

  it('finds a list inside a one-element list and inside objects, but not inside rows of a longer list', () => {
    const answer = {
      GroupInfo: [{ GroupId: 'g1', MemberList: [{ Member_Account: 'm1' }, { Member_Account: 'm2' }] }],
      Page: { Items: [{ id: 1 }] },
      Many: [{ Inner: [{ no: 1 }] }, { Inner: [{ no: 2 }] }],
    };
    expect(tablesOf(answer).map((t) => [t.path, t.rows.length])).toEqual([
      ['GroupInfo', 1],
      ['GroupInfo[0].MemberList', 2],
      ['Page.Items', 1],
      ['Many', 2],
    ]);
  });

  it('skips mixed lists, lists of values and anything deeper than three levels', () => {
    expect(tablesOf({ Mixed: [{ a: 1 }, 2], Values: [1, 2], A: { B: { C: { D: [{ x: 1 }] } } } })).toEqual(
      [],
    );
    expect(tablesOf(null)).toEqual([]);
    expect(tablesOf([{ a: 1 }])).toEqual([{ path: '', rows: [{ a: 1 }], columns: ['a'] }]);
  });
});

describe('cellText and tableCsv', () => {
  it('shows strings as they are and every other value as JSON', () => {
    expect(cellText('a "b"')).toBe('a "b"');
    expect(cellText(0)).toBe('0');
    expect(cellText(null)).toBe('null');
    expect(cellText(false)).toBe('false');
    expect(cellText([{ Tag: 'x' }])).toBe('[{"Tag":"x"}]');
    expect(cellText(undefined)).toBe('');
  });

  it('writes RFC 4180 CSV with the header first and quotes where needed', async () => {
    const [table] = tablesOf({
      L: [
        { id: 'a,b', n: 1, note: 'say "hi"\nbye' },
        { id: 'c', tags: ['x'] },
      ],
    });
    expect(table && (await tableCsv(table))).toBe(
      'id,n,note,tags\r\n"a,b",1,"say ""hi""\nbye",\r\nc,,,"[""x""]"\r\n',
    );
  });
});
