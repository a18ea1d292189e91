import type { Environment } from '@console/shared/api';
import { confirmationReason } from '@console/shared/guard-rails';
import { describe, expect, it } from 'vitest';
import { confirmationNote, confirmationRequested, sendBlockedReason } from './access';
import { ApiError } from './api-client';

const base: Environment = {
  id: 'qa',
  label: 'QA',
  region: null,
  host: '127.0.0.1:1',
  sdkAppId: 1400000001,
  adminIdentifier: 'administrator',
  production: false,
  readOnly: false,
  confirmWrites: false,
  sandbox: true,
  notEmulated: [],
};

describe('the shared guard-rail policy as the console reads it', () => {
  it('asks for the typed confirmation of writes on a non-production confirmWrites environment', () => {
    const careful = { ...base, confirmWrites: true };
    expect(confirmationReason(careful, 'write')).toBe('confirm-writes');
    expect(confirmationReason(careful, 'destructive')).toBe('confirm-writes');
    expect(confirmationReason(careful, 'read')).toBeNull();
  });

  it('asks on production only for destructive commands unless confirmWrites is set', () => {
    const production = { ...base, production: true };
    expect(confirmationReason(production, 'destructive')).toBe('production-destructive');
    expect(confirmationReason(production, 'write')).toBeNull();
    expect(confirmationReason({ ...production, confirmWrites: true }, 'write')).toBe('confirm-writes');
    expect(confirmationReason(base, 'destructive')).toBeNull();
  });

  it('names the missing role before the read-only environment, as the server does', () => {
    const readOnly = { ...base, readOnly: true, label: 'Archive' };
    expect(sendBlockedReason('viewer', 'write', readOnly)).toBe(
      'Your role (viewer) cannot send write commands; it needs the operator role.',
    );
    expect(sendBlockedReason('admin', 'write', readOnly)).toBe(
      'Archive is read-only: only read commands can be sent.',
    );
    expect(sendBlockedReason('viewer', 'read', readOnly)).toBeNull();
    expect(sendBlockedReason('operator', 'destructive', base)).toContain('needs the admin role');
    expect(sendBlockedReason('admin', 'destructive', base)).toBeNull();
  });

  it('says why the confirmation is asked for', () => {
    expect(confirmationNote('production-destructive')).toContain('production');
    expect(confirmationNote('confirm-writes')).toContain('every command that changes state');
  });
});

describe('confirmationRequested', () => {
  it('reads the reason of a confirmation refusal and ignores every other error', () => {
    const refusal = (details: unknown) =>
      new ApiError(400, 'guard/confirmation-required', 'type it', null, details);
    expect(
      confirmationRequested(
        refusal({ reason: 'production-destructive', expected: 'kick', environmentId: 'prod' }),
      ),
    ).toBe('production-destructive');
    expect(confirmationRequested(refusal(undefined))).toBe('confirm-writes');
    expect(confirmationRequested(new ApiError(403, 'auth/forbidden', 'no', null))).toBeNull();
    expect(confirmationRequested(new Error('guard/confirmation-required'))).toBeNull();
  });
});
