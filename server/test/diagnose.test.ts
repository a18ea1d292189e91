import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { auditPageSchema, diagnoseResponseSchema } from '@console/shared/api';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TEST_ADMIN, TEST_SDKAPPID } from './support/harness';
import { errorCode, userWithRole } from './support/users';

const DAY_MS = 86_400_000;

/** A real https server on 127.0.0.1 with a self-signed certificate valid from `from` to `to`. */
async function httpsWithCertificate(from: Date, to: Date): Promise<HttpsServer> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    notBeforeDate: from,
    notAfterDate: to,
    keySize: 2048,
    algorithm: 'sha256',
  });
  const server = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('POST /api/environments/:id/diagnose', () => {
  let h: Harness;
  let cookie: string;
  const validUntil = Date.now() + 40 * DAY_MS;
  const expiredOn = Date.now() - 10 * DAY_MS;
  let current: HttpsServer;
  let expired: HttpsServer;
  beforeAll(async () => {
    current = await httpsWithCertificate(new Date(Date.now() - DAY_MS), new Date(validUntil));
    expired = await httpsWithCertificate(new Date(Date.now() - 400 * DAY_MS), new Date(expiredOn));
    const portOf = (s: HttpsServer) => (s.address() as AddressInfo).port;
    h = await startHarness({
      extraEnvironments: (url) => [
        {
          id: 'tls-self-signed',
          label: 'A self-signed https gateway',
          endpoint: `https://127.0.0.1:${portOf(current)}`,
          sdkAppId: TEST_SDKAPPID + 3,
          adminIdentifier: TEST_ADMIN,
          secretKey: { env: 'TEST_SECRET_KEY' },
        },
        {
          id: 'tls-expired',
          label: 'An https gateway with an expired certificate',
          endpoint: `https://127.0.0.1:${portOf(expired)}`,
          sdkAppId: TEST_SDKAPPID + 4,
          adminIdentifier: TEST_ADMIN,
          secretKey: { env: 'TEST_SECRET_KEY' },
        },
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
    current.close();
    expired.close();
  });

  const diagnose = async (environmentId: string, as = cookie) => {
    const res = await h.call('POST', `/api/environments/${environmentId}/diagnose`, { cookie: as, json: {} });
    expect(res.status, res.text).toBe(200);
    return diagnoseResponseSchema.parse(res.json);
  };
  const verdicts = (r: { steps: { name: string; ok: boolean | null }[] }) =>
    r.steps.map((s) => [s.name, s.ok]);

  it('shows the certificate’s expiry from a real TLS handshake, and says why it is not trusted', async () => {
    const selfSigned = await diagnose('tls-self-signed');
    expect(selfSigned.steps.slice(0, 3).map((s) => [s.name, s.ok])).toEqual([
      ['dns', null],
      ['tcp', true],
      ['tls', false],
    ]);
    const tls = selfSigned.steps[2];
    expect(tls?.ms).toBeGreaterThanOrEqual(0);
    expect(tls?.detail).toContain(`valid until ${day(validUntil)}`);
    expect(tls?.detail).toMatch(/not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT/);

    const old = await diagnose('tls-expired');
    expect(old.steps[2]).toMatchObject({ name: 'tls', ok: false });
    expect(old.steps[2]?.detail).toContain(`valid until ${day(expiredOn)}`);
    expect(old.steps[2]?.detail).toMatch(/CERT_HAS_EXPIRED|DEPTH_ZERO_SELF_SIGNED_CERT/);
  });

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
