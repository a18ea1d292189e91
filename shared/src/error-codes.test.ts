import { describe, expect, it } from 'vitest';
import { errorCodeDocSchema } from './api/catalog';
import { errorCodes, isDocumentedErrorCode, lookupErrorCode, SANDBOX_NOT_EMULATED } from './error-codes';

describe('error codes', () => {
  it('has no duplicate codes and every entry satisfies the contract', () => {
    const codes = errorCodes.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of errorCodes) {
      expect(errorCodeDocSchema.safeParse(e).success, String(e.code)).toBe(true);
      expect(e.meaning.length, String(e.code)).toBeGreaterThan(5);
      expect(e.hint.length, String(e.code)).toBeGreaterThan(5);
    }
  });

  it('covers every category of the reference', () => {
    const categories = new Set(errorCodes.map((e) => e.category));
    for (const c of [
      'generic',
      'account',
      'profile',
      'relationship',
      'conversation',
      'message',
      'group',
      'audit',
      'live',
      'resource',
      'sandbox',
    ]) {
      expect(categories, c).toContain(c);
    }
  });

  it('includes representative codes of each reference table', () => {
    for (const code of [
      60002, 60007, 60021, 60022, 80001, 80002, 70001, 70107, 70500, 40001, 40610, 30001, 30539, 31804, 50001,
      50005, 20001, 20016, 90001, 90992, 91101, 93000, 10002, 10010, 10015, 10056, 2001, 2016, 100001, 100006,
      114000, 115068,
    ]) {
      expect(isDocumentedErrorCode(code), String(code)).toBe(true);
    }
  });

  it('explains a known code with its meaning, hint and retryability', () => {
    const e = lookupErrorCode(70107);
    expect(e.category).toBe('account');
    expect(e.meaning).toMatch(/does not exist/);
    expect(e.hint).toMatch(/account_import/);
    expect(e.retryable).toBe(false);
    expect(lookupErrorCode(60007).retryable).toBe(true);
    expect(lookupErrorCode(10010).meaning).toMatch(/does not exist/);
  });

  it('explains the sandbox code for commands it does not emulate', () => {
    expect(SANDBOX_NOT_EMULATED).toBe(99001);
    const e = lookupErrorCode(99001);
    expect(e.category).toBe('sandbox');
    expect(e.meaning).toMatch(/not emulated/i);
    // Tencent does not document the console's own codes: no link may point there.
    expect(e.docUrl).toBeNull();
    expect(lookupErrorCode(99002)).toMatchObject({ category: 'sandbox', docUrl: null });
  });

  it('answers a generic entry for an unknown code', () => {
    const e = lookupErrorCode(12345);
    expect(e).toMatchObject({ code: 12345, category: 'unknown', retryable: false });
    expect(isDocumentedErrorCode(12345)).toBe(false);
  });

  it('recognises the custom codes of the app C2C webhook range', () => {
    expect(lookupErrorCode(120001).category).toBe('webhook');
    expect(lookupErrorCode(125000).meaning).toMatch(/webhook/);
    expect(lookupErrorCode(130000).category).toBe('webhook');
    expect(lookupErrorCode(130001).category).toBe('unknown');
    expect(lookupErrorCode(120000).category).toBe('unknown');
  });
});
