import { describe, expect, it } from 'vitest';
import { stableJson } from './sort-keys';

describe('stableJson', () => {
  it('prints two answers that differ only in key order identically, at every depth', () => {
    const a = { RequestId: 'x', ActionStatus: 'OK', Items: [{ b: 1, a: { z: 1, y: [2, { d: 1, c: 2 }] } }] };
    const b = { ActionStatus: 'OK', Items: [{ a: { y: [2, { c: 2, d: 1 }], z: 1 }, b: 1 }], RequestId: 'x' };
    expect(stableJson(a)).toBe(stableJson(b));
    expect(stableJson(a).indexOf('ActionStatus')).toBeLessThan(stableJson(a).indexOf('RequestId'));
  });

  it('keeps array order, since order in an array is a real difference', () => {
    expect(stableJson([2, 1])).not.toBe(stableJson([1, 2]));
  });

  it('prints a missing response as null', () => {
    expect(stableJson(null)).toBe('null');
    expect(stableJson(undefined)).toBe('null');
  });
});
