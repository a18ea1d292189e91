import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createTempPostgresDatabase, testPostgres } from '../../src/adapters/db/testing';
import { loadConfig } from '../../src/config';
import { type ConsoleServer, createServer, type ServerOptions } from '../../src/server';
import { closedPort, type FakeUpstream, startFakeUpstream } from './fake-upstream';

export const ADMIN_PASSWORD = 'correct horse battery staple';
export const TEST_SDKAPPID = 1400123456;
export const TEST_ADMIN = 'ops_admin';

export interface Harness {
  url: string;
  dataDir: string;
  /** The PostgreSQL database of this console (the `postgres` test project), else undefined (SQLite in dataDir). */
  databaseUrl: string | undefined;
  secretKey: string;
  upstream: FakeUpstream;
  server: ConsoleServer;
  /** Every line pino wrote. */
  logs: string[];
  /** Every response body and header the test read through `call`. */
  seen: string[];
  /** Fetch against the console, remembering what came back; `cookie` signs in. */
  call(
    method: string,
    route: string,
    opts?: { json?: unknown; body?: string; headers?: Record<string, string>; cookie?: string },
  ): Promise<{ status: number; headers: Headers; text: string; json: unknown }>;
  signIn(username?: string, password?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startHarness(
  opts: {
    env?: Record<string, string>;
    /** More environments; a function gets the fake upstream's URL for `endpoint`. */
    extraEnvironments?: unknown[] | ((upstreamUrl: string) => unknown[]);
    /** Interface to listen on; 127.0.0.1 by default (other loopback addresses work on Linux). */
    host?: string;
    serverOptions?: Omit<ServerOptions, 'logDestination'>;
  } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'console-test-'));
  // In the `postgres` test project, each console gets a fresh database (decision 038).
  const postgresAdminUrl = testPostgres();
  const pgDb =
    postgresAdminUrl === undefined || opts.env?.DATABASE_URL !== undefined
      ? undefined
      : await createTempPostgresDatabase(postgresAdminUrl);
  const secretKey = randomBytes(32).toString('hex');
  const upstream = await startFakeUpstream({ sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN, secretKey });
  const refused = await closedPort();
  const common = {
    sdkAppId: TEST_SDKAPPID,
    adminIdentifier: TEST_ADMIN,
    secretKey: { env: 'TEST_SECRET_KEY' },
  };
  const environmentsFile = path.join(dataDir, '..', `${path.basename(dataDir)}-environments.json`);
  writeFileSync(
    environmentsFile,
    JSON.stringify({
      environments: [
        { id: 'fake', label: 'Fake upstream', endpoint: upstream.url, ...common },
        { id: 'refused', label: 'Nothing listens', endpoint: `http://127.0.0.1:${refused}`, ...common },
        ...(typeof opts.extraEnvironments === 'function'
          ? opts.extraEnvironments(upstream.url)
          : (opts.extraEnvironments ?? [])),
      ],
    }),
  );
  const config = loadConfig({
    PORT: '0',
    HOST: opts.host ?? '127.0.0.1',
    DATA_DIR: dataDir,
    CONSOLE_CONFIG: environmentsFile,
    CONSOLE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // Generous, so a loaded machine never turns an answered call into a timeout; the suites that
    // test a silent upstream set their own short timeout.
    UPSTREAM_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'debug',
    TEST_SECRET_KEY: secretKey,
    CLIENT_DIST: path.join(dataDir, 'no-client-here'),
    ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
    ...opts.env,
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const server = createServer(config, { ...opts.serverOptions, logDestination: destination });
  const { url } = await server.start();
  const seen: string[] = [];

  const call: Harness['call'] = async (method, route, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    let body: string | undefined = o.body;
    if (o.json !== undefined) {
      body = JSON.stringify(o.json);
      headers['content-type'] ??= 'application/json';
    }
    if (o.cookie) headers.cookie = o.cookie;
    const res = await fetch(`${url}${route}`, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    seen.push(text);
    for (const [name, value] of res.headers) seen.push(`${name}: ${value}`);
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json };
  };

  const signIn = async (username = 'admin', password = ADMIN_PASSWORD) => {
    const res = await call('POST', '/api/session', { json: { username, password } });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
    const setCookie = res.headers.get('set-cookie') ?? '';
    const cookie = setCookie.split(';')[0];
    if (!cookie) throw new Error('no session cookie');
    return cookie;
  };

  return {
    url,
    dataDir,
    databaseUrl: config.databaseUrl,
    secretKey,
    upstream,
    server,
    logs,
    seen,
    call,
    signIn,
    async stop() {
      await server.stop();
      await upstream.close();
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(environmentsFile, { force: true });
    },
  };
}

/** Narrows an unknown JSON answer to an object, failing the test when it is not one. */
export function obj(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`);
  }
  return { ...value };
}
