import { type Access, environmentSchema, environmentsResponseSchema, type Role } from '@console/shared/api';
import { confirmationReason, confirmationRequiredDetailsSchema } from '@console/shared/guard-rails';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, obj, startHarness, TEST_ADMIN, TEST_SDKAPPID } from './support/harness';
import { errorCode, userWithRole } from './support/users';

let h: Harness;
const cookies = {} as Record<Role, string>;

const commands: Record<Access, { service: string; command: string; body: Record<string, unknown> }> = {
  read: { service: 'im_open_login_svc', command: 'account_check', body: { CheckItem: [{ UserID: 'a' }] } },
  write: { service: 'im_open_login_svc', command: 'account_import', body: { UserID: 'a' } },
  destructive: {
    service: 'im_open_login_svc',
    command: 'account_delete',
    body: { DeleteItem: [{ UserID: 'a' }] },
  },
};
const neededRole: Record<Access, Role> = { read: 'viewer', write: 'operator', destructive: 'admin' };
const allowed: Record<Role, Access[]> = {
  viewer: ['read'],
  operator: ['read', 'write'],
  admin: ['read', 'write', 'destructive'],
};

beforeAll(async () => {
  const upstream = (url: string) => ({
    endpoint: url,
    sdkAppId: TEST_SDKAPPID,
    adminIdentifier: TEST_ADMIN,
    secretKey: { env: 'TEST_SECRET_KEY' },
  });
  h = await startHarness({
    extraEnvironments: (url) => [
      { id: 'prod', label: 'Production', production: true, ...upstream(url) },
      { id: 'ro', label: 'Read-only', readOnly: true, ...upstream(url) },
      { id: 'careful', label: 'Careful', confirmWrites: true, ...upstream(url) },
    ],
  });
  cookies.admin = await h.signIn();
  cookies.operator = (await userWithRole(h, cookies.admin, 'olga', 'operator')).cookie;
  cookies.viewer = (await userWithRole(h, cookies.admin, 'victor', 'viewer')).cookie;
});
afterAll(async () => {
  await h.stop();
});

function send(role: Role, access: Access, environmentId = 'fake', confirm?: string) {
  const { body, ...command } = commands[access];
  return h.call('POST', '/api/requests', {
    cookie: cookies[role],
    json: { environmentId, ...command, body, ...(confirm === undefined ? {} : { confirm }) },
  });
}

describe('roles × access classes on POST /api/requests', () => {
  for (const role of ['viewer', 'operator', 'admin'] as const) {
    for (const access of ['read', 'write', 'destructive'] as const) {
      const ok = allowed[role].includes(access);
      it(`answers ${ok ? '201' : '403 auth/forbidden'} to a ${role} sending a ${access} command`, async () => {
        const before = h.upstream.calls.length;
        const res = await send(role, access);
        if (ok) {
          expect(res.status, res.text).toBe(201);
          expect(h.upstream.calls.length).toBe(before + 1);
        } else {
          expect(res.status).toBe(403);
          expect(errorCode(res.json)).toBe('auth/forbidden');
          expect(res.text).toContain(`needs the ${neededRole[access]} role`);
          expect(h.upstream.calls.length).toBe(before);
        }
      });
    }
  }

  it('holds a replay to the same rule as the original call', async () => {
    const sent = await send('operator', 'write');
    const id = String(obj(sent.json).id);
    const replay = await h.call('POST', `/api/requests/${id}/replay`, { cookie: cookies.viewer, json: {} });
    expect(replay.status).toBe(403);
    expect(errorCode(replay.json)).toBe('auth/forbidden');
    const again = await h.call('POST', `/api/requests/${id}/replay`, { cookie: cookies.operator, json: {} });
    expect(again.status).toBe(201);
  });

  it('keeps users and the audit log to admins, naming the role', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      for (const route of ['/api/users', '/api/audit', '/api/audit/export']) {
        const res = await h.call('GET', route, { cookie: cookies[role] });
        expect(res.status, `${role} ${route}`).toBe(403);
        expect(obj(obj(res.json).error).message).toContain('needs the admin role');
      }
    }
    expect((await h.call('GET', '/api/users', { cookie: cookies.admin })).status).toBe(200);
  });
});

describe('production confirmation', () => {
  it('answers 400 guard/confirmation-required without or with a wrong confirm, 201 with the command name', async () => {
    const before = h.upstream.calls.length;
    for (const confirm of [undefined, 'yes', 'account_import']) {
      const res = await send('admin', 'destructive', 'prod', confirm);
      expect(res.status, String(confirm)).toBe(400);
      expect(errorCode(res.json)).toBe('guard/confirmation-required');
      expect(res.text).toContain('account_delete');
    }
    expect(h.upstream.calls.length).toBe(before);
    const ok = await send('admin', 'destructive', 'prod', 'account_delete');
    expect(ok.status).toBe(201);
    expect(h.upstream.calls.length).toBe(before + 1);
  });

  it('lets reads and writes through on production without a confirmation', async () => {
    expect((await send('operator', 'write', 'prod')).status).toBe(201);
    expect((await send('viewer', 'read', 'prod')).status).toBe(201);
  });

  it('still refuses a destructive command to an operator who types the name', async () => {
    const res = await send('operator', 'destructive', 'prod', 'account_delete');
    expect(res.status).toBe(403);
    expect(errorCode(res.json)).toBe('auth/forbidden');
  });
});

describe('environment guard rails', () => {
  it('refuses writes and destructive commands on a read-only environment with 403 environment/read-only', async () => {
    expect((await send('viewer', 'read', 'ro')).status).toBe(201);
    for (const access of ['write', 'destructive'] as const) {
      const res = await send('admin', access, 'ro', commands[access].command);
      expect(res.status).toBe(403);
      expect(errorCode(res.json)).toBe('environment/read-only');
    }
  });

  it('asks for the command name on every write where confirmWrites is set', async () => {
    const missing = await send('operator', 'write', 'careful');
    expect(missing.status).toBe(400);
    expect(errorCode(missing.json)).toBe('guard/confirmation-required');
    expect((await send('operator', 'write', 'careful', 'account_import')).status).toBe(201);
    expect((await send('viewer', 'read', 'careful')).status).toBe(201);
  });

  it('describes the guard rails of each environment to the client', async () => {
    const res = await h.call('GET', '/api/environments', { cookie: cookies.viewer });
    const envs = obj(res.json).environments;
    expect(envs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'prod', production: true }),
        expect.objectContaining({ id: 'ro', readOnly: true }),
        expect.objectContaining({ id: 'careful', confirmWrites: true }),
      ]),
    );
  });

  it('asks for a confirmation exactly where the shared policy, read from GET /api/environments, says so', async () => {
    const listed = await h.call('GET', '/api/environments', { cookie: cookies.admin });
    const environments = environmentSchema.array().parse(obj(listed.json).environments);
    for (const id of ['fake', 'prod', 'careful']) {
      const env = environments.find((e) => e.id === id);
      if (!env) throw new Error(`${id} is not listed`);
      for (const access of ['read', 'write', 'destructive'] as const) {
        const reason = confirmationReason(env, access);
        const res = await send('admin', access, id);
        if (reason === null) {
          expect(res.status, `${id} ${access}: ${res.text}`).toBe(201);
        } else {
          expect(res.status, `${id} ${access}`).toBe(400);
          expect(errorCode(res.json)).toBe('guard/confirmation-required');
          const details = confirmationRequiredDetailsSchema.parse(obj(obj(res.json).error).details);
          expect(details).toEqual({ reason, expected: commands[access].command, environmentId: id });
        }
      }
    }
  });

  it('lets a replay on a non-production confirmWrites environment through once the name is typed', async () => {
    const sent = await send('operator', 'write', 'careful', 'account_import');
    expect(sent.status).toBe(201);
    const id = String(obj(sent.json).id);
    const before = h.upstream.calls.length;
    const asked = await h.call('POST', `/api/requests/${id}/replay`, { cookie: cookies.operator, json: {} });
    expect(asked.status).toBe(400);
    expect(confirmationRequiredDetailsSchema.parse(obj(obj(asked.json).error).details).reason).toBe(
      'confirm-writes',
    );
    expect(h.upstream.calls.length).toBe(before);
    const replayed = await h.call('POST', `/api/requests/${id}/replay`, {
      cookie: cookies.operator,
      json: { confirm: 'account_import' },
    });
    expect(replayed.status, replayed.text).toBe(201);
    expect(obj(replayed.json).replayOf).toBe(id);
    expect(h.upstream.calls.length).toBe(before + 1);
  });

  it('lists the commands the built-in sandbox does not emulate for sandbox environments only', async () => {
    const res = await h.call('GET', '/api/environments', { cookie: cookies.viewer });
    const envs = environmentsResponseSchema.parse(res.json).environments;
    const sandbox = envs.find((e) => e.sandbox);
    expect(sandbox?.notEmulated).toEqual(['live_engine_http_srv/resume_mcu_task']);
    for (const e of envs) if (!e.sandbox) expect(e.notEmulated, e.id).toBeNull();
  });
});
