import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTempPostgresDatabase } from '../../src/adapters/db/testing';
import { callbackSign } from '../../src/services/callbacks/signature';
import { type PostgresCluster, startPostgres } from './postgres';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ConsoleProcess {
  child: ChildProcess;
  /** The URL the console logged once it listens; rejects if it exits or is silent too long. */
  listening: Promise<string>;
  /** Everything it printed so far, stdout and stderr (its request log says which replica served). */
  output(): string;
}

/**
 * A console in a process of its own (`node --import tsx server/src/main.ts` from the repository),
 * with only PATH and `env` in its environment, as the test suites, the browser tests and
 * `pnpm check:nginx` start replicas.
 */
export function spawnConsole(env: Record<string, string>, listenTimeoutMs = 90_000): ConsoleProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const listening = new Promise<string>((resolve, reject) => {
    const done = () => {
      clearInterval(poll);
      clearTimeout(timer);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`a console did not listen: ${output}`));
    }, listenTimeoutMs);
    const poll = setInterval(() => {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (m?.[1]) {
        done();
        resolve(m[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      done();
      reject(new Error(`a console exited with ${code}: ${output}`));
    });
  });
  // A console killed after it listened rejects nothing anyone waits for.
  listening.catch(() => undefined);
  return { child, listening, output: () => output };
}

/** The query Tencent sends with a callback, signed as Tencent signs it (`Sign` from the token). */
export function signedCallbackQuery(o: {
  sdkAppId: number;
  command: string;
  token: string;
  requestTime?: string;
}): URLSearchParams {
  const requestTime = o.requestTime ?? String(Math.floor(Date.now() / 1000));
  return new URLSearchParams({
    SdkAppid: String(o.sdkAppId),
    CallbackCommand: o.command,
    contenttype: 'json',
    ClientIP: '203.0.113.7',
    OptPlatform: 'RESTAPI',
    RequestTime: requestTime,
    Sign: callbackSign(o.token, requestTime),
  });
}

/** SIGKILLs every child still running and resolves once all have exited. */
export async function killAll(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      return exited;
    }),
  );
}

/** A replica of `startCallbackReplicas`: its URL and what it printed so far. */
export interface Replica {
  url: string;
  /** Its request log says which replica served a request. */
  output: () => string;
}

export interface CallbackReplicas {
  a: Replica;
  b: Replica;
  /** A temp folder of the replicas' own (their data dirs, the environments file); removed by `stop`. */
  dir: string;
  /** Kills both replicas, stops the cluster, removes `dir`; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Two consoles on one throwaway PostgreSQL (decision 038), both configured with one environment whose
 * callbacks are signed with `token`, started at once on the empty database as replicas behind a load
 * balancer are: what e2e/replicas.spec.ts and `pnpm check:nginx` run. `env` is added to each
 * replica's environment (TRUST_PROXY behind nginx, say). Whatever started is stopped if the rest fails.
 */
export async function startCallbackReplicas(o: {
  environmentId: string;
  label: string;
  sdkAppId: number;
  token: string;
  adminPassword: string;
  env?: Record<string, string>;
}): Promise<CallbackReplicas> {
  const dir = mkdtempSync(path.join(tmpdir(), `console-${o.environmentId}-`));
  const children: ChildProcess[] = [];
  let cluster: PostgresCluster | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await killAll(children);
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    cluster = await startPostgres();
    const databaseUrl = (await createTempPostgresDatabase(cluster.url)).url;
    const environmentsFile = path.join(dir, 'environments.json');
    writeFileSync(
      environmentsFile,
      JSON.stringify({
        environments: [
          {
            id: o.environmentId,
            label: o.label,
            // Never called: the replicas only receive callbacks.
            endpoint: 'http://127.0.0.1:4',
            sdkAppId: o.sdkAppId,
            adminIdentifier: 'administrator',
            secretKey: `${o.environmentId}-never-used`,
            callback: { token: o.token },
          },
        ],
      }),
    );
    const boot = async (name: string): Promise<Replica> => {
      const replica = spawnConsole({
        DATABASE_URL: databaseUrl,
        DATA_DIR: path.join(dir, name),
        PORT: '0',
        HOST: '127.0.0.1',
        CONSOLE_CONFIG: environmentsFile,
        CONSOLE_ADMIN_PASSWORD: o.adminPassword,
        SANDBOX: 'off',
        LOG_LEVEL: 'info',
        ...o.env,
      });
      children.push(replica.child);
      return { url: await replica.listening, output: replica.output };
    };
    const [a, b] = await Promise.all([boot('a'), boot('b')]);
    return { a, b, dir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
