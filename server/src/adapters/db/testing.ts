import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry } from '@console/shared/api';
import { sql } from 'kysely';
import pg from 'pg';
import { historyRow } from './history-repository';
import { dropHistoryTextTriggers, indexHistoryText } from './history-text-index';
import { newId } from './ids';
import { type Database, openDatabase } from './open';

/**
 * Synthetic history for tests and benchmarks. Deterministic: entry `i` always has the same fields,
 * so a benchmark can look up `seedRequestId(i)` or filter on a known value without reading first.
 */
export const seedEnvironments = ['prod-sg', 'staging-sg', 'qa-fra', 'sandbox'] as const;
export const seedOperators = ['admin', 'alice', 'bob', 'carol', 'dave'] as const;
export const seedCommands = [
  ['im_open_login_svc', 'account_import'],
  ['im_open_login_svc', 'account_check'],
  ['openim', 'sendmsg'],
  ['openim', 'batchsendmsg'],
  ['group_open_http_svc', 'create_group'],
  ['group_open_http_svc', 'get_group_info'],
  ['profile', 'portrait_get'],
  ['sns', 'friend_add'],
] as const;
/** One in ten entries fails with one of these codes; one in fifty never got an envelope. */
export const seedErrorCodes = [70107, 20003, 10004, 40001] as const;

export function seedRequestId(i: number): string {
  return `Id-${i.toString(16).padStart(8, '0')}-O-Seq-${i}`;
}

export interface SeedOptions {
  /** Time of entry 0; entries are `stepMs` apart, oldest first. Default: `n * stepMs` before now. */
  start?: Date;
  stepMs?: number;
  /** Rows per multi-row INSERT; 20 columns × 500 rows stays under SQLite's 32766 variables. */
  batchSize?: number;
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

export function seedEntry(i: number, createdAt: Date): HistoryEntry {
  const [service, command] = pick(seedCommands, Math.floor(i / 3));
  const kind = i % 50 === 7 ? 'error' : i % 10 === 3 ? 'fail' : 'ok';
  const errorCode = kind === 'fail' ? pick(seedErrorCodes, Math.floor(i / 10)) : kind === 'ok' ? 0 : null;
  const requestId = kind === 'error' ? null : seedRequestId(i);
  return {
    id: newId(createdAt.getTime()),
    createdAt: createdAt.toISOString(),
    operator: pick(seedOperators, i),
    environmentId: pick(seedEnvironments, Math.floor(i / 7)),
    region: 'singapore',
    service,
    command,
    requestBody: { From_Account: `user${i % 1000}`, To_Account: `user${(i * 7) % 1000}`, Seq: i },
    url: `https://adminapisgp.im.qcloud.com/v4/${service}/${command}?sdkappid=1400000001&identifier=administrator&usersig=REDACTED&random=${i}&contenttype=json`,
    httpStatus: kind === 'error' ? null : 200,
    durationMs: 20 + (i % 180),
    outcome: kind,
    actionStatus: kind === 'error' ? null : kind === 'ok' ? 'OK' : 'FAIL',
    errorCode,
    errorInfo: kind === 'fail' ? 'synthetic failure' : kind === 'ok' ? '' : null,
    requestId,
    response:
      kind === 'error'
        ? null
        : {
            ActionStatus: kind === 'ok' ? 'OK' : 'FAIL',
            ErrorCode: errorCode,
            ErrorInfo: '',
            RequestId: requestId,
          },
    errorDoc: null,
    failure: kind === 'error' ? { code: 'upstream/timeout', message: 'no answer within 10000 ms' } : null,
    replayOf: null,
    source: 'console',
  };
}

/**
 * Bulk-inserts `n` synthetic entries in one transaction with multi-row INSERTs. On SQLite the new
 * rows land past the search index's watermark and are indexed in one pass after, by the code the
 * migration uses for an existing history (`indexHistoryText`).
 */
export async function seedHistory(db: Database, n: number, opts: SeedOptions = {}): Promise<void> {
  const stepMs = opts.stepMs ?? 1000;
  const batchSize = opts.batchSize ?? 500;
  const start = (opts.start ?? new Date(Date.now() - n * stepMs)).getTime();
  await db.kysely.transaction().execute(async (trx) => {
    for (let offset = 0; offset < n; offset += batchSize) {
      const rows = [];
      for (let i = offset; i < Math.min(n, offset + batchSize); i++) {
        rows.push(historyRow(seedEntry(i, new Date(start + i * stepMs))));
      }
      await trx.insertInto('history').values(rows).execute();
    }
    if (db.dialect === 'sqlite') await indexHistoryText(trx);
  });
}

let testPostgresUrl: string | undefined;

/**
 * Makes `openTempDatabase` (and the HTTP harness) use PostgreSQL: each store is then a fresh database
 * on the cluster at `adminUrl` (the test run's, decision 038). The `postgres` test project sets it.
 */
export function useTestPostgres(adminUrl: string | undefined): void {
  testPostgresUrl = adminUrl;
}

/** The cluster set by `useTestPostgres`, if any. */
export function testPostgres(): string | undefined {
  return testPostgresUrl;
}

/** A fresh, empty database on `adminUrl`'s cluster; `drop` removes it (and ends its sessions). */
export async function createTempPostgresDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `console_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A real store in a fresh place: a SQLite file in a temp directory, or a fresh PostgreSQL database
 * when `useTestPostgres` named a cluster. `cleanup` closes it and removes the directory (and database).
 */
export async function openTempDatabase(): Promise<{
  db: Database;
  dataDir: string;
  cleanup(): Promise<void>;
}> {
  const dataDir = await mkdtemp(join(tmpdir(), 'console-db-'));
  const pgDb = testPostgresUrl === undefined ? undefined : await createTempPostgresDatabase(testPostgresUrl);
  const db = await openDatabase({ dataDir, databaseUrl: pgDb?.url });
  return {
    db,
    dataDir,
    async cleanup() {
      await db.close();
      await pgDb?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A store as it was before the history search index (benchmarks compare the two): its triggers gone
 * and its watermark out of reach, so nothing is ever indexed or queued.
 */
export async function dropSearchIndexTriggers(db: Database): Promise<void> {
  await dropHistoryTextTriggers(db.kysely);
  await sql`update history_text_state set indexed_to = 9223372036854775807 where id = 1`.execute(db.kysely);
}
