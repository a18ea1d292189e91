import { once } from 'node:events';
import type { Server } from 'node:http';
import express from 'express';
import { Api } from 'tls-sig-api-v2';
import { createSandbox, SANDBOX_ADMIN, SANDBOX_SDKAPPID, type SandboxOptions } from '../../src/sandbox/index';

export const TEST_KEY = 'a'.repeat(32) + 'b'.repeat(32);

export interface CallOptions {
  /** Replace (string) or remove (null) a query parameter. */
  query?: Record<string, string | null>;
  /** Raw body text instead of JSON.stringify(body). */
  rawBody?: string;
}

export type Json = Record<string, unknown>;

export interface Harness {
  baseUrl: string;
  /** The sandbox's clock in ms; tests move it forward to cross windows. */
  clock: { now: number };
  warnings: { obj: object; msg: string }[];
  sig(identifier?: string, expire?: number, key?: string, sdkAppId?: number): string;
  call(path: string, body?: unknown, options?: CallOptions): Promise<Json>;
  post(urlPath: string, init?: RequestInit): Promise<Response>;
  reset(): void;
  close(): Promise<void>;
}

export async function startSandbox(options: Pick<SandboxOptions, 'limits'> = {}): Promise<Harness> {
  const clock = { now: Date.now() };
  const warnings: { obj: object; msg: string }[] = [];
  const sandbox = createSandbox({
    sdkAppId: SANDBOX_SDKAPPID,
    secretKey: TEST_KEY,
    adminIdentifier: SANDBOX_ADMIN,
    now: () => clock.now,
    logger: { warn: (obj, msg) => warnings.push({ obj, msg }) },
    ...options,
  });
  const app = express();
  app.use('/sandbox', sandbox.router);
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('sandbox test server has no port');
  const { port } = address;
  const baseUrl = `http://127.0.0.1:${port}/sandbox`;
  const adminSig = new Api(SANDBOX_SDKAPPID, TEST_KEY).genUserSig(SANDBOX_ADMIN, 86_400);

  const sig = (identifier = SANDBOX_ADMIN, expire = 86_400, key = TEST_KEY, sdkAppId = SANDBOX_SDKAPPID) =>
    new Api(sdkAppId, key).genUserSig(identifier, expire);

  const post = (urlPath: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${urlPath}`, { method: 'POST', ...init });

  const call = async (path: string, body: unknown = {}, options: CallOptions = {}): Promise<Json> => {
    const params: Record<string, string> = {
      sdkappid: String(SANDBOX_SDKAPPID),
      identifier: SANDBOX_ADMIN,
      usersig: adminSig,
      random: String(Math.floor(Math.random() * 4294967295)),
      contenttype: 'json',
    };
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v === null) delete params[k];
      else params[k] = v;
    }
    const res = await post(`/v4/${path}?${new URLSearchParams(params)}`, {
      headers: { 'content-type': 'application/json' },
      body: options.rawBody ?? JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`sandbox answered HTTP ${res.status}`);
    const parsed: unknown = await res.json();
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return { ...parsed };
  };

  return {
    baseUrl,
    clock,
    warnings,
    sig,
    call,
    post,
    reset: sandbox.reset,
    close: async () => {
      server.close();
      server.closeAllConnections();
      await once(server, 'close');
    },
  };
}

/** Reads an array field of an envelope, failing the test with the whole envelope when it is not one. */
export function list(env: Json, key: string): Json[] {
  const v = env[key];
  if (!Array.isArray(v)) throw new Error(`${key} is not an array in ${JSON.stringify(env)}`);
  return v.map((x: unknown) => {
    if (typeof x !== 'object' || x === null) throw new Error(`${key} holds a non-object`);
    return { ...x };
  });
}
