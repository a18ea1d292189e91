import { auditPageSchema, diagnoseResponseSchema } from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TEST_ADMIN, TEST_SDKAPPID } from './support/harness';
import { errorCode, userWithRole } from './support/users';

describe('POST /api/environments/:id/diagnose', () => {
  let h: Harness;
  let cookie: string;
  beforeAll(async () => {
    h = await startHarness({
      extraEnvironments: (url) => [
        {
          id: 'by-name',
          label: 'Fake upstream by host name',
          endpoint: url.replace('127.0.0.1', 'localhost'),
          sdkAppId: TEST_SDKAPPID,
          adminIdentifier: TEST_ADMIN,
          secretKey: { env: 'TEST_SECRET_KEY' },
        },
      ],
    });
    cookie = await h.signIn();
  });
  afterAll(async () => {
    await h.stop();
  });

  const diagnose = async (environmentId: string, as = cookie) => {
    const res = await h.call('POST', `/api/environments/${environmentId}/diagnose`, { cookie: as, json: {} });
    expect(res.status, res.text).toBe(200);
    return diagnoseResponseSchema.parse(res.json);
  };
  const verdicts = (r: { steps: { name: string; ok: boolean | null }[] }) =>
    r.steps.map((s) => [s.name, s.ok]);

  it('passes every step that applies to the built-in sandbox, and says DNS and TLS do not apply', async () => {
    const result = await diagnose('sandbox');
    expect(verdicts(result)).toEqual([
      ['dns', null],
      ['tcp', true],
      ['tls', null],
      ['http', true],
      ['signed-call', true],
    ]);
    expect(result.steps[2]?.detail).toMatch(/Does not apply.*no TLS/);
    expect(result.steps[4]?.detail).toMatch(/SDKAppID, the admin identifier and the key are right/);
    for (const step of result.steps.filter((s) => s.ok !== null)) expect(step.ms).toBeGreaterThanOrEqual(0);
  });

  it('resolves a host name, and records the signed call in the history and the diagnosis in the audit log', async () => {
    const result = await diagnose('by-name');
    expect(result.steps[0]).toMatchObject({
      name: 'dns',
      ok: true,
      detail: expect.stringMatching(/^Resolved to /),
    });
    expect(result.steps[4]?.ok).toBe(true);
    const history = await h.call('GET', '/api/requests?environmentId=by-name&command=account_check', {
      cookie,
    });
    expect((history.json as { items: unknown[] }).items).toHaveLength(1);
    const audit = auditPageSchema.parse(
      (await h.call('GET', '/api/audit?action=environment.diagnose', { cookie })).json,
    );
    expect(audit.items[0]).toMatchObject({ actor: 'admin', target: 'by-name' });
  });

  it('says a refused UserSig means a wrong key, and where to find it; 60021 means the IP allowlist', async () => {
    h.upstream.mode = 'fail-code';
    try {
      h.upstream.failCode = 70001;
      const bad = (await diagnose('fake')).steps[4];
      expect(bad).toMatchObject({ ok: false });
      expect(bad?.detail).toMatch(/70001.*UserSig.*Basic configuration → Key/);
      h.upstream.failCode = 60021;
      expect((await diagnose('fake')).steps[4]?.detail).toMatch(
        /60021.*source IP is not on the app's IP allowlist/,
      );
      h.upstream.failCode = 60006;
      expect((await diagnose('fake')).steps[4]?.detail).toMatch(/60006.*SDKAppID is invalid/);
    } finally {
      h.upstream.mode = 'ok';
    }
  });

  it('answers 200 with the failing TCP step when nothing listens, and does not try what depends on it', async () => {
    const result = await diagnose('refused');
    expect(verdicts(result)).toEqual([
      ['dns', null],
      ['tcp', false],
      ['tls', null],
      ['http', null],
      ['signed-call', null],
    ]);
    expect(result.steps[1]?.detail).toMatch(/ECONNREFUSED.*firewall/);
    expect(result.steps[3]?.detail).toMatch(/^Not tried/);
  });

  it('never shows the key or a UserSig', async () => {
    const res = await h.call('POST', '/api/environments/fake/diagnose', { cookie, json: {} });
    expect(res.text).not.toContain(h.secretKey);
    // The HEAD of the HTTP step carries no UserSig at all.
    const sigs = h.upstream.userSigs().filter((sig) => sig !== '');
    expect(sigs.length).toBeGreaterThan(0);
    for (const sig of sigs) expect(res.text).not.toContain(sig);
  });

  it('is for operators and admins: a viewer gets 403, an unknown environment 404, nobody 401', async () => {
    const viewer = await userWithRole(h, cookie, 'viv', 'viewer');
    const forbidden = await h.call('POST', '/api/environments/sandbox/diagnose', {
      cookie: viewer.cookie,
      json: {},
    });
    expect([forbidden.status, errorCode(forbidden.json)]).toEqual([403, 'auth/forbidden']);
    const operator = await userWithRole(h, cookie, 'otto', 'operator');
    expect((await diagnose('sandbox', operator.cookie)).steps).toHaveLength(5);
    const unknown = await h.call('POST', '/api/environments/nowhere/diagnose', { cookie, json: {} });
    expect([unknown.status, errorCode(unknown.json)]).toEqual([404, 'environment/unknown']);
    const anonymous = await h.call('POST', '/api/environments/sandbox/diagnose', { json: {} });
    expect(anonymous.status).toBe(401);
  });
});
