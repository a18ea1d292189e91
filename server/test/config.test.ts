import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

const dir = mkdtempSync(path.join(tmpdir(), 'console-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function withEnvironments(environments: unknown, env: Record<string, string> = {}) {
  n += 1;
  const file = path.join(dir, `environments-${n}.json`);
  writeFileSync(file, typeof environments === 'string' ? environments : JSON.stringify({ environments }));
  return () => loadConfig({ CONSOLE_CONFIG: file, DATA_DIR: dir, ...env });
}

const prodSg = {
  id: 'prod-sg',
  label: 'Production · Singapore',
  region: 'singapore',
  sdkAppId: 20001234,
  adminIdentifier: 'administrator',
  secretKey: { env: 'PROD_SG_SECRET_KEY' },
  production: true,
};

describe('loadConfig', () => {
  it('uses the documented defaults and the built-in sandbox', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      upstreamTimeoutMs: 10_000,
      logLevel: 'info',
      sandbox: true,
      trustProxy: false,
      retention: { maxAgeDays: null, maxEntries: null, auditMaxAgeDays: 365 },
    });
    expect(config.environments.map((e) => e.id)).toEqual(['sandbox']);
  });

  it('resolves region, endpoint and sandbox environments and each kind of secret', () => {
    const keyFile = path.join(dir, 'qa-key');
    writeFileSync(keyFile, 'file-secret\n');
    const config = withEnvironments(
      [
        prodSg,
        {
          ...prodSg,
          id: 'qa',
          region: undefined,
          endpoint: 'http://127.0.0.1:9000/',
          secretKey: { file: keyFile },
        },
        { ...prodSg, id: 'lit', secretKey: 'literal-secret', production: undefined },
        { id: 'rehearsal', label: 'Rehearsal', sandbox: true, production: true },
      ],
      { PROD_SG_SECRET_KEY: 'env-secret', SANDBOX: 'on' },
    )();
    expect(config.environments.map((e) => e.id)).toEqual(['sandbox', 'prod-sg', 'qa', 'lit', 'rehearsal']);
    expect(config.environments[1]).toMatchObject({
      kind: 'upstream',
      baseUrl: 'https://adminapisgp.im.qcloud.com',
      secretKey: 'env-secret',
      production: true,
      readOnly: false,
    });
    expect(config.environments[2]).toMatchObject({
      baseUrl: 'http://127.0.0.1:9000',
      region: null,
      secretKey: 'file-secret',
    });
    expect(config.environments[3]).toMatchObject({ secretKey: 'literal-secret', production: false });
    expect(config.environments[4]).toMatchObject({ kind: 'sandbox', production: true });
  });

  const failures: Array<[string, () => unknown, string]> = [
    [
      'an unset secretKey.env',
      withEnvironments([prodSg]),
      'environment "prod-sg": secretKey.env PROD_SG_SECRET_KEY is not set',
    ],
    [
      'an unreadable secretKey.file',
      withEnvironments([{ ...prodSg, secretKey: { file: '/nonexistent/key' } }]),
      'environment "prod-sg": secretKey.file /nonexistent/key cannot be read',
    ],
    [
      'an unknown region',
      withEnvironments([{ ...prodSg, region: 'mars' }], { PROD_SG_SECRET_KEY: 'x' }),
      'environment "prod-sg": region',
    ],
    [
      'both region and endpoint',
      withEnvironments([{ ...prodSg, endpoint: 'http://x' }], { PROD_SG_SECRET_KEY: 'x' }),
      'environment "prod-sg": give exactly one of region, endpoint',
    ],
    [
      'a missing sdkAppId',
      withEnvironments([{ ...prodSg, sdkAppId: undefined }], { PROD_SG_SECRET_KEY: 'x' }),
      'environment "prod-sg": sdkAppId',
    ],
    [
      'an unknown field',
      withEnvironments([{ ...prodSg, secretkey: 'typo' }], { PROD_SG_SECRET_KEY: 'x' }),
      'environment "prod-sg": ',
    ],
    [
      'an environment without an id',
      withEnvironments([{ ...prodSg, id: undefined }], { PROD_SG_SECRET_KEY: 'x' }),
      'environments[0]: id',
    ],
    [
      'a duplicate id',
      withEnvironments([prodSg, prodSg], { PROD_SG_SECRET_KEY: 'x' }),
      'environment "prod-sg": id is used twice',
    ],
    [
      'an id taken by the sandbox',
      withEnvironments([{ ...prodSg, id: 'sandbox' }], { PROD_SG_SECRET_KEY: 'x' }),
      'environment "sandbox": id is used twice (reserved',
    ],
    [
      'a sandbox environment with SANDBOX=off',
      withEnvironments([{ id: 'r', label: 'R', sandbox: true }], { SANDBOX: 'off' }),
      'environment "r": sandbox is true but SANDBOX=off',
    ],
    ['an environments file that is not JSON', withEnvironments('{nope'), 'is not valid JSON'],
    [
      'a missing environments file',
      () => loadConfig({ CONSOLE_CONFIG: path.join(dir, 'missing.json') }),
      'cannot read',
    ],
    ['a bad PORT', () => loadConfig({ PORT: 'eighty' }), 'PORT: must be a port number'],
    [
      'a bad UPSTREAM_TIMEOUT_MS',
      () => loadConfig({ UPSTREAM_TIMEOUT_MS: '-5' }),
      'UPSTREAM_TIMEOUT_MS: must be a positive integer',
    ],
    ['a bad LOG_LEVEL', () => loadConfig({ LOG_LEVEL: 'loud' }), 'LOG_LEVEL:'],
    [
      'a short CONSOLE_ADMIN_PASSWORD',
      () => loadConfig({ CONSOLE_ADMIN_PASSWORD: 'short' }),
      'CONSOLE_ADMIN_PASSWORD:',
    ],
  ];
  for (const [what, load, message] of failures) {
    it(`throws a ConfigError naming the place for ${what}`, () => {
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(message);
    });
  }

  it('never puts a secret value in the error message', () => {
    const load = withEnvironments([{ ...prodSg, sdkAppId: 'abc', secretKey: 'super-secret-literal' }]);
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (err) {
      expect(String(err)).not.toContain('super-secret-literal');
    }
  });

  it('reads an environment’s callback token like its secret key, with forward targets and rules', () => {
    const tokenFile = path.join(dir, 'cb-token');
    writeFileSync(tokenFile, 'token-from-file\n');
    const rule = { name: 'deny all', command: '*', action: 'deny' };
    const config = withEnvironments(
      [
        {
          ...prodSg,
          callback: { token: { env: 'CB_TOKEN' }, forwardTo: ['https://hooks.example/x'], rules: [rule] },
        },
        { ...prodSg, id: 'b', callback: { token: { file: tokenFile } } },
        { id: 'c', label: 'C', sandbox: true, callback: { forwardTo: ['http://127.0.0.1:9/y'] } },
      ],
      { PROD_SG_SECRET_KEY: 'k', CB_TOKEN: 'token-from-env' },
    )();
    const [, a, b, c] = config.environments;
    expect(a).toMatchObject({
      callback: { token: 'token-from-env', forwardTo: ['https://hooks.example/x'], rules: [rule] },
    });
    expect(b).toMatchObject({ callback: { token: 'token-from-file', forwardTo: [], rules: [] } });
    expect(c).toMatchObject({
      kind: 'sandbox',
      callback: { forwardTo: ['http://127.0.0.1:9/y'], rules: [] },
    });
    expect(config.retention).toMatchObject({ callbackMaxAgeDays: 30, callbackMaxEntries: 100_000 });
  });

  it('names the field of a bad callback setting', () => {
    const env = { PROD_SG_SECRET_KEY: 'k' };
    expect(withEnvironments([{ ...prodSg, callback: { token: { env: 'NOPE' } } }], env)).toThrow(
      /environment "prod-sg": callback\.token\.env NOPE is not set/,
    );
    expect(withEnvironments([{ ...prodSg, callback: { forwardTo: [] } }], env)).toThrow(/callback\.token/);
    expect(
      withEnvironments(
        [{ ...prodSg, callback: { token: 't', forwardTo: ['https://u:p@hooks.example/'] } }],
        env,
      ),
    ).toThrow(/callback\.forwardTo\.0 must not carry a user/);
    expect(
      withEnvironments(
        [{ ...prodSg, callback: { token: 't', rules: [{ command: '*', action: 'rewrite' }] } }],
        env,
      ),
    ).toThrow(/callback\.rules\.0\.answer a rewrite rule needs answer/);
    expect(withEnvironments([{ id: 's', label: 'S', sandbox: true, callback: { token: 't' } }], env)).toThrow(
      /environment "s"/,
    );
  });
});
