import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { createTempPostgresDatabase, testPostgres } from '../../src/adapters/db/testing';
import { spawnConsole } from './console-process';

/**
 * Consoles in processes of their own on one data directory, so a test can kill one like an OOM killer
 * or a power cut would and start the next on what it left. The environments file names the secret as
 * `{"env": "CRASH_SECRET_KEY"}`. In the `postgres` test project they share one fresh PostgreSQL
 * database instead of the SQLite file (several at once are then replicas).
 */
export function childConsoles(options: { prefix: string; password: string; listenTimeoutMs: number }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), options.prefix));
  const secretKey = randomBytes(32).toString('hex');
  const children: ChildProcess[] = [];
  const postgresAdminUrl = testPostgres();
  let database: ReturnType<typeof createTempPostgresDatabase> | undefined;

  async function boot(
    environmentsFile: string,
    env: Record<string, string> = {},
  ): Promise<{ child: ChildProcess; url: string }> {
    if (postgresAdminUrl !== undefined) database ??= createTempPostgresDatabase(postgresAdminUrl);
    const databaseUrl = (await database)?.url;
    const { child, listening } = spawnConsole(
      {
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        DATA_DIR: dataDir,
        PORT: '0',
        CONSOLE_CONFIG: environmentsFile,
        CONSOLE_ADMIN_PASSWORD: options.password,
        CRASH_SECRET_KEY: secretKey,
        UPSTREAM_TIMEOUT_MS: '60000',
        SANDBOX: 'off',
        ...env,
      },
      options.listenTimeoutMs,
    );
    children.push(child);
    const url = await listening;
    return { child, url };
  }

  async function signIn(url: string): Promise<string> {
    const res = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: options.password }),
    });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  /** Kills what is still running; `then` (closing the fake upstream, say) runs before the data goes. */
  async function cleanUp(then?: () => Promise<void>): Promise<void> {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await then?.();
    await Promise.all(
      children.map((c) =>
        c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined,
      ),
    );
    await (await database)?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  return { dataDir, secretKey, boot, signIn, cleanUp, isPostgres: postgresAdminUrl !== undefined };
}
