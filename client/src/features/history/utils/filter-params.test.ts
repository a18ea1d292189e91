import { describe, expect, it } from 'vitest';
import { applyFilterPatch, parseFilter } from './filter-params';

describe('parseFilter', () => {
  it('reads a shared link into the filter the API takes', () => {
    const params = new URLSearchParams(
      'environmentId=prod-sg&service=openim&command=sendmsg&outcome=fail&errorCode=70107&operator=ann&from=2026-11-26T10:30:00.000Z&to=2026-11-26T10:50:00.000Z&q=bob',
    );
    expect(parseFilter(params)).toEqual({
      environmentId: 'prod-sg',
      service: 'openim',
      command: 'sendmsg',
      outcome: 'fail',
      errorCode: 70107,
      operator: 'ann',
      from: '2026-11-26T10:30:00.000Z',
      to: '2026-11-26T10:50:00.000Z',
      q: 'bob',
    });
  });

  it('drops only the values that are not valid and ignores unknown parameters', () => {
    const params = new URLSearchParams(
      'outcome=maybe&errorCode=abc&from=yesterday&command=sendmsg&compare=x',
    );
    expect(parseFilter(params)).toEqual({ command: 'sendmsg' });
  });
});

describe('applyFilterPatch', () => {
  it('sets, replaces and removes filter keys and keeps the rest of the query', () => {
    const next = applyFilterPatch(new URLSearchParams('outcome=ok&q=bob&compare=e2'), {
      outcome: 'fail',
      q: null,
      errorCode: 20003,
    });
    expect(Object.fromEntries(next)).toEqual({ outcome: 'fail', compare: 'e2', errorCode: '20003' });
  });
});
