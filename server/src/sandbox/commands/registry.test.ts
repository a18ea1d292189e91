import { findCommand } from '@console/shared/catalog';
import { lookupErrorCode } from '@console/shared/error-codes';
import { describe, expect, it } from 'vitest';
import { emulated, NOT_EMULATED_CODE } from './registry';

describe('sandbox command registry', () => {
  it('emulates only commands the catalog knows, so none of them is refused with 60009', () => {
    const unknown = [...emulated.keys()].filter((key) => {
      const [service = '', command = ''] = key.split('/');
      return findCommand(service, command) === undefined;
    });
    expect(unknown).toEqual([]);
    // Every catalog command is either emulated or listed as not emulated (examples.test.ts).
    expect(emulated.size).toBeGreaterThanOrEqual(170);
  });

  it('answers not-emulated commands with a code the console explains as a sandbox code', () => {
    expect(NOT_EMULATED_CODE).toBe(99001);
    expect(lookupErrorCode(NOT_EMULATED_CODE)).toMatchObject({ category: 'sandbox' });
  });
});
