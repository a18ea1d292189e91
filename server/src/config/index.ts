import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRegion } from '@console/shared/regions';
import type { z } from 'zod';
import { envSchema } from './env';
import {
  type CallbackRule,
  endpointEntrySchema,
  environmentsFileSchema,
  type RegionEntry,
  regionEntrySchema,
  type SecretKeySource,
  sandboxEntrySchema,
} from './environments-file';
import { ConfigError } from './errors';
import { type ProxyAuthConfig, parseProxyAuth } from './proxy-auth';

export { ConfigError } from './errors';
export type { ProxyAuthConfig } from './proxy-auth';

export const SANDBOX_ENVIRONMENT_ID = 'sandbox';

interface GuardRails {
  production: boolean;
  readOnly: boolean;
  confirmWrites: boolean;
  rateLimits: Record<string, number>;
}

/** Forward targets and "before" rules of an environment's callback receiver (decision 036). */
export interface CallbackSettings {
  forwardTo: string[];
  rules: CallbackRule[];
}

/** An environment that calls a real (or gateway) Chat API with its own key. */
export interface UpstreamEnvironmentConfig extends GuardRails {
  kind: 'upstream';
  id: string;
  label: string;
  /** Region id, or null when an explicit endpoint replaces it. */
  region: string | null;
  /** Scheme + host (+ optional path prefix), no trailing slash. */
  baseUrl: string;
  sdkAppId: number;
  adminIdentifier: string;
  secretKey: string;
  /** The receiver is on only with a token; null (or absent) without `callback`. */
  callback?: (CallbackSettings & { token: string }) | null;
}

/** An environment served by the built-in sandbox; its URL and key are known only once the server runs. */
export interface SandboxEnvironmentConfig extends GuardRails {
  kind: 'sandbox';
  id: string;
  label: string;
  /** Always on: the sandbox signs its callbacks with its own token. */
  callback: CallbackSettings;
}

export type EnvironmentConfig = UpstreamEnvironmentConfig | SandboxEnvironmentConfig;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  upstreamTimeoutMs: number;
  /**
   * A run's progress stream is pushed on every change (here, or on another replica over LISTEN/NOTIFY)
   * and also reads the store this often, for announcements lost while a connection was down.
   */
  runEventsRecheckMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sandbox: boolean;
  trustProxy: boolean | number | string[];
  /** Trusted-header sign-on behind a reverse proxy; null when off. */
  proxyAuth: ProxyAuthConfig | null;
  clientDist: string;
  retention: {
    maxAgeDays: number | null;
    maxEntries: number | null;
    auditMaxAgeDays: number;
    callbackMaxAgeDays: number;
    callbackMaxEntries: number;
  };
  /** Where the environments came from, for the `config.load` audit row. */
  environmentsFile: string | null;
  environments: EnvironmentConfig[];
}

/**
 * The checkout this server runs from: the nearest directory above this module that holds
 * pnpm-workspace.yaml. Found rather than counted, since the module is server/src/config/index.ts under
 * tsx and server/dist/main.mjs once built (decision 058). Outside a checkout (a copied bundle), the
 * working directory; `CLIENT_DIST` then says where the client is.
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join('.');
  return field ? `${field} ${issue.message}` : issue.message;
}

function resolveSecret(
  source: SecretKeySource,
  env: NodeJS.ProcessEnv,
  where: string,
  baseDir: string,
  field = 'secretKey',
): string {
  if (typeof source === 'string') return source;
  if ('env' in source) {
    const value = env[source.env];
    if (value === undefined || value.trim() === '') {
      throw new ConfigError(`${where}: ${field}.env ${source.env} is not set`);
    }
    return value.trim();
  }
  const file = path.resolve(baseDir, source.file);
  let value: string;
  try {
    value = readFileSync(file, 'utf8').trim();
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    throw new ConfigError(`${where}: ${field}.file ${source.file} cannot be read (${reason})`);
  }
  if (value === '') throw new ConfigError(`${where}: ${field}.file ${source.file} is empty`);
  return value;
}

function resolveCallback(
  callback: RegionEntry['callback'],
  env: NodeJS.ProcessEnv,
  where: string,
  baseDir: string,
): (CallbackSettings & { token: string }) | null {
  if (callback === undefined) return null;
  const { token, ...rest } = callback;
  return { ...rest, token: resolveSecret(token, env, where, baseDir, 'callback.token') };
}

function parseEnvironment(
  raw: unknown,
  index: number,
  env: NodeJS.ProcessEnv,
  baseDir: string,
): EnvironmentConfig {
  const rawId =
    typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : undefined;
  const where = rawId !== undefined ? `environment "${rawId}"` : `environments[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${where}: must be an object`);
  }
  const targets = ['region', 'endpoint', 'sandbox'].filter((k) => k in raw);
  if (targets.length !== 1) {
    throw new ConfigError(`${where}: give exactly one of region, endpoint or "sandbox": true`);
  }
  const fail = (issues: z.core.$ZodIssue[]): never => {
    throw new ConfigError(`${where}: ${issues.map(describeIssue).join('; ')}`);
  };
  if ('sandbox' in raw) {
    const parsed = sandboxEntrySchema.safeParse(raw);
    if (!parsed.success) return fail(parsed.error.issues);
    const { sandbox: _sandbox, callback, ...rest } = parsed.data;
    return { kind: 'sandbox', ...rest, callback: callback ?? { forwardTo: [], rules: [] } };
  }
  if ('region' in raw) {
    const parsed = regionEntrySchema.safeParse(raw);
    if (!parsed.success) return fail(parsed.error.issues);
    const { region, secretKey, callback, ...rest } = parsed.data;
    const domain = findRegion(region)?.domain;
    if (!domain) throw new ConfigError(`${where}: region ${region} has no domain`);
    return {
      kind: 'upstream',
      ...rest,
      region,
      baseUrl: `https://${domain}`,
      secretKey: resolveSecret(secretKey, env, where, baseDir),
      callback: resolveCallback(callback, env, where, baseDir),
    };
  }
  const parsed = endpointEntrySchema.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues);
  const { endpoint, secretKey, callback, ...rest } = parsed.data;
  return {
    kind: 'upstream',
    ...rest,
    region: null,
    baseUrl: endpoint.replace(/\/+$/, ''),
    secretKey: resolveSecret(secretKey, env, where, baseDir),
    callback: resolveCallback(callback, env, where, baseDir),
  };
}

function loadEnvironmentsFile(file: string, env: NodeJS.ProcessEnv): EnvironmentConfig[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    throw new ConfigError(`CONSOLE_CONFIG: cannot read ${file} (${reason})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(
      `CONSOLE_CONFIG: ${file} is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const file_ = environmentsFileSchema.safeParse(json);
  if (!file_.success) {
    throw new ConfigError(`CONSOLE_CONFIG: ${file}: ${file_.error.issues.map(describeIssue).join('; ')}`);
  }
  const baseDir = path.dirname(file);
  return file_.data.environments.map((raw, i) => parseEnvironment(raw, i, env, baseDir));
}

/** Reads and validates everything the server is configured with; throws `ConfigError` on the first problem. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? 'environment';
    throw new ConfigError(`${field}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const environmentsFile = e.CONSOLE_CONFIG ? path.resolve(e.CONSOLE_CONFIG) : null;
  const configured = environmentsFile ? loadEnvironmentsFile(environmentsFile, env) : [];

  const environments: EnvironmentConfig[] = [];
  if (e.SANDBOX) {
    environments.push({
      kind: 'sandbox',
      id: SANDBOX_ENVIRONMENT_ID,
      label: 'Sandbox (built-in)',
      production: false,
      readOnly: false,
      confirmWrites: false,
      rateLimits: {},
      callback: { forwardTo: [], rules: [] },
    });
  }
  for (const environment of configured) {
    if (environments.some((x) => x.id === environment.id)) {
      const why = environment.id === SANDBOX_ENVIRONMENT_ID ? ' (reserved for the built-in sandbox)' : '';
      throw new ConfigError(`environment "${environment.id}": id is used twice${why}`);
    }
    if (environment.kind === 'sandbox' && !e.SANDBOX) {
      throw new ConfigError(`environment "${environment.id}": sandbox is true but SANDBOX=off`);
    }
    environments.push(environment);
  }

  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    adminPassword: e.CONSOLE_ADMIN_PASSWORD,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS ?? 10_000,
    runEventsRecheckMs: e.RUN_EVENTS_RECHECK_MS ?? 5_000,
    logLevel: e.LOG_LEVEL,
    sandbox: e.SANDBOX,
    trustProxy: e.TRUST_PROXY,
    proxyAuth: parseProxyAuth(e),
    clientDist: path.resolve(e.CLIENT_DIST ?? path.join(repoRoot, 'client/dist')),
    retention: {
      maxAgeDays: e.HISTORY_MAX_AGE_DAYS,
      maxEntries: e.HISTORY_MAX_ENTRIES,
      auditMaxAgeDays: e.AUDIT_MAX_AGE_DAYS ?? 365,
      callbackMaxAgeDays: e.CALLBACK_MAX_AGE_DAYS ?? 30,
      callbackMaxEntries: e.CALLBACK_MAX_ENTRIES ?? 100_000,
    },
    environmentsFile,
    environments,
  };
}
