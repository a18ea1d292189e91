import { dedupFields } from '@console/shared/catalog/lookups';
import { describe, expect, it } from 'vitest';
import { presentDedupFields, randomUint32, withFreshValues } from './dedup';

describe('presentDedupFields', () => {
  it('turns the shared catalog de-duplication pointers into the fields this body holds', () => {
    const command = {
      schema: {
        type: 'object',
        properties: { MsgRandom: { type: 'integer', 'x-dedup': true }, To_Account: { type: 'string' } },
      },
    };
    const pointers = dedupFields(command);
    expect(pointers).toEqual(['/MsgRandom']);
    expect(presentDedupFields({ MsgRandom: 7, To_Account: 'bob' }, pointers)).toEqual(['MsgRandom']);
    expect(presentDedupFields({ To_Account: 'bob' }, pointers)).toEqual([]);
  });

  it('finds none for a command without a schema or properties, and ignores nested pointers', () => {
    expect(dedupFields(undefined)).toEqual([]);
    expect(dedupFields({ schema: { type: 'object' } })).toEqual([]);
    expect(presentDedupFields({ a: { b: 1 } }, ['/a/b'])).toEqual([]);
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
