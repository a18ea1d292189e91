import { createUserRequestSchema } from '@console/shared/api';
import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, serverFieldErrors } from './form-errors';

describe('fieldErrorsOf', () => {
  it('keeps the first message of each field of a failed shared schema', () => {
    const result = createUserRequestSchema.safeParse({
      username: 'bad name!',
      password: 'short',
      role: 'admin',
    });
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(result.error?.issues ?? []);
    expect(errors.username).toBe('letters, digits and . _ @ - only');
    expect(errors.password).toBe('at least 8 characters');
    expect(errors.role).toBeUndefined();
  });

  it('says Required for an empty required field instead of the generic size message', () => {
    const result = createUserRequestSchema.safeParse({ username: '', password: '', role: 'viewer' });
    const errors = fieldErrorsOf(result.error?.issues ?? []);
    expect(errors.username).toBe('Required');
    expect(errors.password).toBe('at least 8 characters');
  });

  it('files an issue without a path under the empty key, for a form-level message', () => {
    expect(fieldErrorsOf([{ path: [], message: 'nothing to change' }])).toEqual({ '': 'nothing to change' });
  });
});

describe('serverFieldErrors', () => {
  it('reads the joined paths the server answers with request/invalid', () => {
    const details = [
      { path: 'password', message: 'at least 8 characters' },
      { path: 'password', message: 'second message is dropped' },
      { path: 'name.first', message: 'nested' },
    ];
    expect(serverFieldErrors(details)).toEqual({ password: 'at least 8 characters', name: 'nested' });
  });

  it('also reads zod issues whose path is still a list', () => {
    expect(serverFieldErrors([{ path: ['username'], message: 'too long' }])).toEqual({
      username: 'too long',
    });
  });

  it('answers no field errors for details it does not understand', () => {
    expect(serverFieldErrors(undefined)).toEqual({});
    expect(serverFieldErrors({ some: 'thing' })).toEqual({});
  });
});
