import type { Access, Role } from '@console/shared/api';
import type { GuardedEnvironment } from '@console/shared/guard-rails';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors';
import { checkCommand } from './guard';

const plain: GuardedEnvironment = { id: 'qa', production: false, readOnly: false, confirmWrites: false };
const commands: Record<Access, { service: string; command: string; access: Access }> = {
  read: { service: 'im_open_login_svc', command: 'account_check', access: 'read' },
  write: { service: 'im_open_login_svc', command: 'account_import', access: 'write' },
  destructive: { service: 'im_open_login_svc', command: 'account_delete', access: 'destructive' },
};

function refusal(fn: () => void): AppError | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

describe('checkCommand', () => {
  const allowed: Record<Role, Access[]> = {
    viewer: ['read'],
    operator: ['read', 'write'],
    admin: ['read', 'write', 'destructive'],
  };
  const needed: Record<Access, Role> = { read: 'viewer', write: 'operator', destructive: 'admin' };

  for (const role of ['viewer', 'operator', 'admin'] as const) {
    for (const access of ['read', 'write', 'destructive'] as const) {
      const ok = allowed[role].includes(access);
      it(`${ok ? 'lets' : 'refuses'} a ${role} ${ok ? 'send' : 'sending'} a ${access} command`, () => {
        const err = refusal(() =>
          checkCommand({ role, env: plain, command: commands[access], confirm: undefined }),
        );
        if (ok) {
          expect(err).toBeUndefined();
        } else {
          expect(err?.code).toBe('auth/forbidden');
          expect(err?.status).toBe(403);
          expect(err?.message).toContain(`needs the ${needed[access]} role`);
          expect(err?.details).toMatchObject({ requiredRole: needed[access] });
        }
      });
    }
  }

  it('asks for the command name to delete on production, and accepts exactly it', () => {
    const env = { ...plain, production: true };
    const command = commands.destructive;
    for (const confirm of [undefined, '', 'yes', 'ACCOUNT_DELETE']) {
      const err = refusal(() => checkCommand({ role: 'admin', env, command, confirm }));
      expect(err?.code, String(confirm)).toBe('guard/confirmation-required');
      expect(err?.status).toBe(400);
      expect(err?.message).toContain('"confirm": "account_delete"');
    }
    expect(
      refusal(() => checkCommand({ role: 'admin', env, command, confirm: 'account_delete' })),
    ).toBeUndefined();
  });

  it('needs no confirmation for writes and reads on production unless confirmWrites is set', () => {
    const env = { ...plain, production: true };
    expect(
      refusal(() => checkCommand({ role: 'operator', env, command: commands.write, confirm: undefined })),
    ).toBeUndefined();
    const strict = { ...env, confirmWrites: true };
    expect(
      refusal(() =>
        checkCommand({ role: 'operator', env: strict, command: commands.write, confirm: undefined }),
      )?.code,
    ).toBe('guard/confirmation-required');
    expect(
      refusal(() =>
        checkCommand({ role: 'operator', env: strict, command: commands.write, confirm: 'account_import' }),
      ),
    ).toBeUndefined();
    expect(
      refusal(() =>
        checkCommand({ role: 'viewer', env: strict, command: commands.read, confirm: undefined }),
      ),
    ).toBeUndefined();
  });

  it('refuses everything but reads on a read-only environment, even for an admin', () => {
    const env = { ...plain, readOnly: true };
    expect(
      refusal(() => checkCommand({ role: 'admin', env, command: commands.read, confirm: undefined })),
    ).toBeUndefined();
    for (const access of ['write', 'destructive'] as const) {
      const err = refusal(() =>
        checkCommand({ role: 'admin', env, command: commands[access], confirm: commands[access].command }),
      );
      expect(err?.code).toBe('environment/read-only');
      expect(err?.status).toBe(403);
    }
  });

  it('names the missing role before asking for a confirmation', () => {
    const env = { ...plain, production: true };
    const err = refusal(() =>
      checkCommand({ role: 'operator', env, command: commands.destructive, confirm: undefined }),
    );
    expect(err?.code).toBe('auth/forbidden');
  });
});
