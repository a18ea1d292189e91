import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildServer, serverNodeArgs } from '../../server/build.mjs';
import { UserSigSigner } from '../../server/src/adapters/usersig';
import type { RecordingDesign } from './recording-floor';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';

/** The secret key of the bench's upstream environment (never a real one); consoles get it as BENCH_SECRET_KEY. */
export const BENCH_SECRET_KEY = 'bench-secret-key-0123456789abcdef0123456789abcdef';
export const BENCH_ENVIRONMENT = 'bench-upstream';
export const BENCH_SDKAPPID = 1400000001;
export const BENCH_ADMIN = 'administrator';
/** The bench's call: a read, so no guard rail (confirmation of writes) stands in the way of a load. */
export const BENCH_CALL = {
  service: 'im_open_login_svc',
  command: 'account_check',
  body: { CheckItem: [{ UserID: 'user1' }] },
} as const;
/** `POST /api/requests`' body for `BENCH_CALL` on the bench environment. */
export const BENCH_REQUEST_BODY = JSON.stringify({ environmentId: BENCH_ENVIRONMENT, ...BENCH_CALL });

/**
 * Writes `<dir>/environments.json` for `startConsole`: one environment, `bench-upstream`, that sends
 * to `upstreamUrl` with the bench's key, its rate limits raised so the console's own limiter never
 * refuses during a load (on PostgreSQL each call still reserves and stamps). Answers its path.
 */
export function writeBenchEnvironments(dir: string, upstreamUrl: string): string {
  const file = path.join(dir, 'environments.json');
  writeFileSync(
    file,
    JSON.stringify({
      environments: [
        {
          id: BENCH_ENVIRONMENT,
          label: 'Benchmark upstream',
          endpoint: upstreamUrl,
          sdkAppId: BENCH_SDKAPPID,
          adminIdentifier: BENCH_ADMIN,
          secretKey: { env: 'BENCH_SECRET_KEY' },
          rateLimits: { '*': 100_000 },
        },
      ],
    }),
  );
  return file;
}

const running = new Set<ChildProcess>();
// A crashed or interrupted run must not leave servers holding ports and CPU for the next one.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => process.exit(130));
}

/** A port nothing listens on right now: bind port 0, note it, close. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not on a TCP port');
  server.close();
  await once(server, 'close');
  return address.port;
}

/** Only what the child needs: an inherited DATABASE_URL or CONSOLE_CONFIG must not change what is measured. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG'];
  const env: NodeJS.ProcessEnv = {};
  for (const key of keep) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return { ...env, ...extra };
}

function track(child: ChildProcess): { stderrTail: () => string } {
  running.add(child);
  child.once('exit', () => running.delete(child));
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  });
  return { stderrTail: () => tail };
}

async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A bench-owned server in a child process: the upstream or the bare proxy. */
export interface ChildServer {
  url: string;
  port: number;
  /** Of the child process, for its CPU time in /proc. */
  pid: number;
  stop(): Promise<void>;
}
export type Upstream = ChildServer;

/** A bench script in its own process that prints {"port":N} on its first stdout line once it listens. */
async function startPortPrinter(
  script: string,
  what: string,
  env: Record<string, string>,
): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, script)], {
    cwd: repoRoot,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { stderrTail } = track(child);
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, 'line').then(([line]: unknown[]) => String(line)),
    once(child, 'exit').then(() => {
      throw new Error(`${what} exited before listening: ${stderrTail()}`);
    }),
  ]);
  lines.close();
  const parsed: unknown = JSON.parse(first);
  const port =
    typeof parsed === 'object' && parsed !== null && 'port' in parsed && typeof parsed.port === 'number'
      ? parsed.port
      : undefined;
  if (port === undefined) throw new Error(`${what} said "${first}" instead of its port`);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${what} has no pid`);
  return { url: `http://127.0.0.1:${port}`, port, pid, stop: () => stopChild(child) };
}

/** The minimal upstream, in its own process so it never shares an event loop with the load generator. */
export function startUpstream(delayMs = 0): Promise<Upstream> {
  return startPortPrinter('bench/upstream-main.ts', 'the bench upstream', {
    UPSTREAM_DELAY_MS: String(delayMs),
  });
}

/**
 * The UserSig of the bench app's admin, as the console would sign it from BENCH_SECRET_KEY. The floor
 * proxy takes it signed once, as the console caches its own, so neither side signs per call.
 */
export function benchUserSig(): string {
  return new UserSigSigner().sign({
    id: 'bench',
    sdkAppId: BENCH_SDKAPPID,
    adminIdentifier: BENCH_ADMIN,
    secretKey: BENCH_SECRET_KEY,
  });
}

/** The floor proxy calls the bench's app (BENCH_SDKAPPID as BENCH_ADMIN) on this upstream. */
export interface FloorProxyOptions {
  upstreamUrl: string;
  /** Also record every call in a console store in this directory (the recording floor, decision 062). */
  storeDir?: string;
  /** How the recording floor records (lib/recording-floor.ts); the console's two commits when absent. */
  recording?: RecordingDesign;
}

/**
 * The bare reverse proxy (`bench/floor-proxy-main.ts`): node:http + undici, no auth, no record, no
 * log. In its own process, like the console, so the two are measured the same way.
 */
export function startFloorProxy(opts: FloorProxyOptions): Promise<ChildServer> {
  return startPortPrinter('bench/floor-proxy-main.ts', 'the bare bench proxy', {
    FLOOR_UPSTREAM_URL: opts.upstreamUrl,
    FLOOR_SDKAPPID: String(BENCH_SDKAPPID),
    FLOOR_IDENTIFIER: BENCH_ADMIN,
    FLOOR_USERSIG: benchUserSig(),
    ...(opts.storeDir === undefined ? {} : { FLOOR_STORE_DIR: opts.storeDir }),
    ...(opts.recording === undefined ? {} : { FLOOR_RECORDING: opts.recording }),
  });
}

export interface ConsoleProcess {
  url: string;
  pid: number;
  /** Date.now() just before the spawn: time 0 of a `--cpu-prof` profile, to within a few ms. */
  spawnedAt: number;
  stop(): Promise<void>;
}

export interface ConsoleOptions {
  dataDir: string;
  environmentsFile?: string;
  logLevel: string;
  /** Extra environment, e.g. the secret key the environments file names. */
  env?: Record<string, string>;
  /** Node flags before the entry point, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  clientDist?: string;
  /** The server's entry point; default `CONSOLE_BENCH_SERVER_ENTRY`, else this checkout's. */
  entry?: string;
}

let built: Promise<string> | undefined;

/** This checkout's server as `pnpm start` runs it: `server/dist/main.mjs`, built once per bench. */
function thisCheckoutsServer(): Promise<string> {
  built ??= buildServer({ quiet: true });
  return built;
}

let builtWithoutRollups: Promise<string> | undefined;

/**
 * This checkout's server without the dashboard's rollups (bench/lib/console-without-rollups.ts),
 * built like `server/dist/main.mjs` into `server/bench/dist`, once per bench: an `entry` for
 * `startConsole`.
 */
export function consoleWithoutRollups(): Promise<string> {
  builtWithoutRollups ??= buildServer({
    quiet: true,
    entry: path.join(repoRoot, 'bench/lib/console-without-rollups.ts'),
    outDir: path.join(repoRoot, 'server/bench/dist'),
  });
  return builtWithoutRollups;
}

/** How Node runs an entry: built JavaScript as `pnpm start` does, TypeScript through tsx. */
const nodeArgsForEntry = (entry: string): readonly string[] =>
  /\.m?js$/.test(entry) ? serverNodeArgs : ['--import', 'tsx'];

/**
 * The real server as `pnpm start` runs it (`node server/dist/main.mjs`, built from this checkout
 * first), in a child process: on two cores an in-process server would share one event loop with
 * autocannon.
 */
export async function startConsole(opts: ConsoleOptions): Promise<ConsoleProcess> {
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: opts.dataDir,
    CONSOLE_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    LOG_LEVEL: opts.logLevel,
    BENCH_SECRET_KEY,
    ...(opts.environmentsFile ? { CONSOLE_CONFIG: opts.environmentsFile } : {}),
    ...(opts.clientDist ? { CLIENT_DIST: opts.clientDist } : {}),
    ...opts.env,
  };
  const spawnedAt = Date.now();
  // Another checkout's entry, for an A/B of two versions on the same (noisy) machine.
  const entry = opts.entry ?? process.env.CONSOLE_BENCH_SERVER_ENTRY ?? (await thisCheckoutsServer());
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), ...nodeArgsForEntry(entry), entry],
    // stdout (pino, one line per request at info) goes to /dev/null: cheap, as a log shipper would be.
    // CONSOLE_BENCH_STDOUT=<file> keeps it instead, e.g. with `--trace-gc` among CONSOLE_BENCH_NODE_ARGS.
    {
      cwd: repoRoot,
      env: childEnv(env),
      stdio: [
        'ignore',
        process.env.CONSOLE_BENCH_STDOUT ? openSync(process.env.CONSOLE_BENCH_STDOUT, 'w') : 'ignore',
        'pipe',
      ],
    },
  );
  const { stderrTail } = track(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the console server exited before it was ready: ${stderrTail()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`the console server did not answer /healthz within 90 s: ${stderrTail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('the console server has no pid');
  return { url, pid, spawnedAt, stop: () => stopChild(child) };
}
