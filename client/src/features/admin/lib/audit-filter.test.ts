import { describe, expect, it } from 'vitest';
import { applyAuditPatch, parseAuditFilter } from './audit-filter';

describe('parseAuditFilter', () => {
  it('reads actor, action and the time range from a shared link', () => {
    const params = new URLSearchParams(
      'actor=alice&action=user.create&from=2026-11-01T00:00:00.000Z&to=2026-11-02T00:00:00Z',
    );
    expect(parseAuditFilter(params)).toEqual({
      actor: 'alice',
      action: 'user.create',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-02T00:00:00Z',
    });
  });

  it('drops only the parameters that are not valid, keeping the rest', () => {
    const params = new URLSearchParams('actor=bob&action=user.explode&from=yesterday&unknown=1');
    expect(parseAuditFilter(params)).toEqual({ actor: 'bob' });
  });
});

describe('applyAuditPatch', () => {
  it('sets new values, removes cleared ones and keeps unrelated parameters', () => {
    const next = applyAuditPatch(new URLSearchParams('actor=alice&action=user.create&tab=x'), {
      actor: null,
      action: 'token.create',
    });
    expect(next.toString()).toBe('action=token.create&tab=x');
  });
});
