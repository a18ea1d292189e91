import { describe, expect, it } from 'vitest';
import { dedupFields, randomUint32, withFreshValues } from './dedup';

describe('dedupFields', () => {
  it('lists the top-level fields marked x-dedup in the command schema', () => {
    const schema = {
      type: 'object',
      properties: { MsgRandom: { type: 'integer', 'x-dedup': true }, To_Account: { type: 'string' } },
    };
    expect(dedupFields(schema)).toEqual(['MsgRandom']);
  });

  it('finds none in a schema without properties', () => {
    expect(dedupFields({ type: 'object' })).toEqual([]);
    expect(dedupFields(undefined)).toEqual([]);
  });
});

describe('withFreshValues', () => {
  it('replaces the de-duplicated fields present in the body and leaves everything else as sent', () => {
    const body = { MsgRandom: 1, To_Account: 'bob' };
    expect(withFreshValues(body, ['MsgRandom', 'MsgSeq'], () => 42)).toEqual({
      MsgRandom: 42,
      To_Account: 'bob',
    });
    expect(body.MsgRandom).toBe(1);
  });

  it('draws uint32 values', () => {
    for (let i = 0; i < 50; i++) {
      const n = randomUint32();
      expect(Number.isInteger(n) && n >= 0 && n <= 0xffffffff).toBe(true);
    }
  });
});
