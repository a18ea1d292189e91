import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery, MigrationProvider, SqliteDatabase, SqliteStatement } from 'kysely';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { type Checkpointer, startCheckpointer } from './checkpointer';
import { type MigrationLog, migrationProviderFor } from './migrations/index';
import { createReader, type Reader } from './reader';
import type { DB } from './schema';

export interface Database {
  kysely: Kysely<DB>;
  dialect: 'sqlite' | 'postgres';
  /** SQLite only: the thread that checkpoints the write-ahead log off the request path. */
  checkpointer?: Checkpointer | undefined;
  /** SQLite only: a read-only connection on its own thread, for queries that scan (decision 020). */
  reader?: Reader | undefined;
  /** SQLite only: one transaction run synchronously on the store's connection (decision 062). */
  sqliteWriter?: SqliteWriter | undefined;
  close(): Promise<void>;
  ping(): Promise<void>;
  /** Migrations this build knows that the store has not run (empty once `openDatabase` answered). */
  pendingMigrations(): Promise<string[]>;
  /** How many migrations the store has run. */
  appliedMigrations(): Promise<number>;
}

export interface OpenDatabaseOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Told when a background checkpoint fails (the next one retries; the log is never lost). */
  onCheckpointError?: ((message: string) => void) | undefined;
  /**
   * PostgreSQL: told when an idle pooled connection fails (the server restarted, an administrator
   * ended it); the pool drops it and opens another when needed. Without a listener it would crash.
   */
  onConnectionError?: ((message: string) => void) | undefined;
  /** Told how a migration that indexes existing rows is coming along. */
  onMigrationProgress?: MigrationLog | undefined;
}

/**
 * Statements run one after the other, with nothing awaited between them, in one SQLite transaction on
 * the connection Kysely uses: the call recorder's commits (decision 062). `transaction` waits for the
 * connection like any Kysely query, so no other query runs inside the transaction; when `write`
 * throws, the transaction is rolled back and the promise rejects with the error.
 */
export interface SqliteWriter {
  transaction(write: (run: (query: CompiledQuery) => number) => void): Promise<void>;
}

/**
 * The writer for one better-sqlite3 connection and the Kysely instance over it; `prepare` is the
 * connection's statement cache (the one Kysely's dialect was given).
 */
export function createSqliteWriter(
  sqlite: BetterSqlite3.Database,
  prepare: (sql: string) => SqliteStatement,
  kysely: Kysely<DB>,
): SqliteWriter {
  /** Answers how many rows a statement changed. */
  const run = (query: CompiledQuery): number => Number(prepare(query.sql).run(query.parameters).changes);
  const inTransaction = sqlite.transaction((write: (r: typeof run) => void) => write(run));
  return {
    // Kysely's SQLite driver hands its one connection to one query or transaction at a time.
    transaction: (write) => kysely.connection().execute(async () => inTransaction(write)),
  };
}

export const sqliteFileName = 'console.sqlite';
const statementCacheSize = 256;

/**
 * Kysely's SQLite driver prepares every query anew; the repositories issue a handful of distinct SQL
 * strings, so keeping their prepared statements saves the parse on every call (a RequestId lookup
 * is then an index probe only). Safe because the driver runs one statement at a time.
 */
function withStatementCache(db: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(text: string): SqliteStatement {
      const hit = cache.get(text);
      if (hit) {
        // Re-insert to keep the Map in least-recently-used order.
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = db.prepare(text);
      cache.set(text, stmt);
      if (cache.size > statementCacheSize) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return stmt;
    },
  };
}

/**
 * Past this many WAL pages the request thread checkpoints by itself, as SQLite does by default at
 * 1000: only if the checkpoint worker has died or fallen far behind (64 MiB of log, the journal size
 * limit). SQLite counts the log's length here, not its uncopied frames: under a steady load the log
 * only starts over when a checkpoint has caught up between two commits, so at 4000 (16 MiB) a busy
 * console's request thread checkpointed — two fsyncs, 2–10 ms — several times a second although
 * the worker kept up (decision 059).
 */
const fallbackAutocheckpointPages = 16384;

function openSqlite(dataDir: string): { kysely: Kysely<DB>; sqliteFile: string; sqliteWriter: SqliteWriter } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, sqliteFileName);
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash may lose the last commits.
  db.pragma('synchronous = NORMAL');
  // Checkpoints (and their fsyncs) run on the checkpoint worker's thread; see checkpointer.ts.
  db.pragma(`wal_autocheckpoint = ${fallbackAutocheckpointPages}`);
  // A log that grew during a long read (an export holds its snapshot) is cut back once reset.
  db.pragma('journal_size_limit = 67108864');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache keeps the history indexes of a million entries in memory.
  db.pragma('cache_size = -65536');
  const cached = withStatementCache(db);
  const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: cached }) });
  return {
    kysely,
    sqliteFile: file,
    sqliteWriter: createSqliteWriter(db, (text) => cached.prepare(text), kysely),
  };
}

function openPostgres(connectionString: string, onError?: (message: string) => void): Kysely<DB> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on('error', (err) => onError?.(err.message));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

const migratorOf = (kysely: Kysely<DB>, provider: MigrationProvider) =>
  new Migrator({
    db: kysely,
    provider,
    // Migration numbers are handed out to work done in parallel, so one can land after a higher one
    // (0005 after 0006): a store that already ran 0006 then runs 0005 instead of refusing to open.
    // Each migration touches only its own tables, so their order does not matter.
    allowUnorderedMigrations: true,
  });

/**
 * Several replicas may start at once: Kysely's migrator runs the whole batch in one transaction
 * under a PostgreSQL advisory lock (`pg_advisory_xact_lock`), so one replica migrates and the others
 * wait, then find nothing left to do (tested in open-postgres.test.ts).
 */
async function migrate(kysely: Kysely<DB>, provider: MigrationProvider): Promise<void> {
  const { error, results } = await migratorOf(kysely, provider).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed`, { cause: error });
  }
}

/** Opens the store named by configuration and brings its schema up to date before anything reads it. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl !== undefined && opts.databaseUrl !== '' && !isPostgresUrl(opts.databaseUrl)) {
    throw new Error(
      'DATABASE_URL must be a postgres:// URL (leave it unset for the SQLite file in DATA_DIR)',
    );
  }
  const { dialect, kysely, sqliteFile, sqliteWriter } = isPostgresUrl(opts.databaseUrl)
    ? {
        dialect: 'postgres' as const,
        kysely: openPostgres(opts.databaseUrl, opts.onConnectionError),
        sqliteFile: undefined,
        sqliteWriter: undefined,
      }
    : { dialect: 'sqlite' as const, ...openSqlite(opts.dataDir) };
  const provider = migrationProviderFor(dialect, opts.onMigrationProgress ?? (() => {}));
  try {
    await migrate(kysely, provider);
    if (dialect === 'sqlite') {
      // Lets the planner pick the right index for combined filters once tables have grown.
      await sql`pragma optimize = 0x10002`.execute(kysely);
    }
  } catch (err) {
    await kysely.destroy();
    throw err;
  }
  const checkpointer =
    sqliteFile === undefined ? undefined : startCheckpointer(sqliteFile, { onError: opts.onCheckpointError });
  const reader = sqliteFile === undefined ? undefined : createReader(sqliteFile);
  let closed = false;
  return {
    kysely,
    dialect,
    checkpointer,
    reader,
    sqliteWriter,
    async close() {
      if (closed) return;
      closed = true;
      await reader?.stop();
      await checkpointer?.stop();
      if (dialect === 'sqlite') await sql`pragma optimize`.execute(kysely);
      await kysely.destroy();
    },
    async ping() {
      await sql`select 1`.execute(kysely);
    },
    async pendingMigrations() {
      return (await migratorOf(kysely, provider).getMigrations())
        .filter((m) => m.executedAt === undefined)
        .map((m) => m.name);
    },
    async appliedMigrations() {
      return (await migratorOf(kysely, provider).getMigrations()).filter((m) => m.executedAt !== undefined)
        .length;
    },
  };
}
