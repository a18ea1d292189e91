import type { HistoryEntry } from '@console/shared/api';
import { describe, expect, it } from 'vitest';
import { describeAnswer } from './announce';

const base = {
  id: 'h1',
  outcome: 'ok',
  requestId: 'Id-abc-O-Seq-1',
  errorCode: 0,
  errorInfo: '',
} as const;

// Only the fields the description reads; the rest of an entry does not change it.
const entry = (fields: Partial<HistoryEntry>) => ({ ...base, ...fields }) as unknown as HistoryEntry;

describe('describeAnswer', () => {
  it('says OK with the RequestId', () => {
    expect(describeAnswer('profile/portrait_get', entry({}), null)).toBe(
      'profile/portrait_get answered OK. RequestId Id-abc-O-Seq-1.',
    );
  });

  it('says FAIL with the error code and info', () => {
    expect(
      describeAnswer(
        'profile/portrait_get',
        entry({ outcome: 'fail', errorCode: 70107, errorInfo: 'no such user' }),
        null,
      ),
    ).toBe('profile/portrait_get answered FAIL, error code 70107: no such user. RequestId Id-abc-O-Seq-1.');
  });

  it('says why no answer came back, and that there is no RequestId', () => {
    expect(
      describeAnswer('openim/sendmsg', entry({ outcome: 'error', requestId: null }), {
        code: 'upstream/timeout',
        message: 'no answer in 10 s',
      }),
    ).toBe('openim/sendmsg got no answer (upstream/timeout, no answer in 10 s). No RequestId.');
  });
});
