import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_MIN_FRAMES, startCheckpointer } from './checkpointer';
import { createRepositories, openDatabase, sqliteFileName } from './index';
import { seedEntry } from './testing';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'console-checkpoint-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('background WAL checkpoints', () => {
  it('leaves checkpoints to the worker: the request thread only checkpoints past its fallback size', async () => {
    const db = await openDatabase({ dataDir });
    try {
      // SQLite's fallback counts the log's length, which a steady load keeps far past the worker's
      // 2000 uncopied frames (the log starts over only when a checkpoint caught up between two
      // commits): at 4000 the request thread fsynced several times a second (decision 059). It now
      // sits at the journal size limit.
      const pragma = async (name: string) =>
        Number(Object.values((await sql.raw(`pragma ${name}`).execute(db.kysely)).rows[0] as object)[0]);
      const fallbackBytes = (await pragma('wal_autocheckpoint')) * (await pragma('page_size'));
      expect(fallbackBytes).toBe(await pragma('journal_size_limit'));
      expect(await pragma('wal_autocheckpoint')).toBeGreaterThanOrEqual(8 * CHECKPOINT_MIN_FRAMES);
      expect(db.checkpointer).toBeDefined();
    } finally {
      await db.close();
    }
  });

  it('copies committed pages from the log into the database file on its own thread', async () => {
    const db = await openDatabase({ dataDir });
    try {
      const checkpointer = db.checkpointer;
      if (!checkpointer) throw new Error('SQLite opens with a checkpointer');
      const file = join(dataDir, sqliteFileName);
      const before = (await stat(file)).size;
      const repos = createRepositories(db);
      const started = new Date('2026-11-26T10:00:00.000Z');
      // Far fewer pages than the fallback threshold: only the worker can have moved them.
      for (let i = 0; i < 200; i++) await repos.history.insert(seedEntry(i, new Date(started.getTime() + i)));
      await until(
        () => checkpointer.stats.lastCheckpointedFrames > 0 && checkpointer.stats.lastLogFrames > 0,
        'a checkpoint that copied frames',
      );
      await until(
        () => checkpointer.stats.lastCheckpointedFrames === checkpointer.stats.lastLogFrames,
        'a full checkpoint',
      );
      expect(checkpointer.stats.errors).toBe(0);
      // The rows reached the main file, not only the log.
      expect((await stat(file)).size).toBeGreaterThan(before);
    } finally {
      await db.close();
    }
  });

  it('stops with the database and keeps everything committed', async () => {
    const db = await openDatabase({ dataDir });
    const repos = createRepositories(db);
    const entry = seedEntry(7, new Date('2026-11-26T11:00:00.000Z'));
    await repos.history.insert(entry);
    const checkpointer = db.checkpointer;
    await db.close();
    // A second stop is harmless (close is idempotent and the thread is gone).
    await checkpointer?.stop();
    const again = await openDatabase({ dataDir });
    try {
      expect((await createRepositories(again).history.get(entry.id))?.id).toBe(entry.id);
    } finally {
      await again.close();
    }
  });

  describe('when a checkpoint is due (decision 055)', () => {
    /** A WAL-mode file whose own connection never checkpoints: only the worker under test does. */
    function walFile() {
      const file = join(dataDir, 'due.sqlite');
      const db = new BetterSqlite3(file);
      db.pragma('journal_mode = WAL');
      db.pragma('wal_autocheckpoint = 0');
      db.exec('create table t (v text)');
      const insert = db.prepare('insert into t (v) values (?)');
      // A row of 3000 bytes fills most of a 4 KiB page: one or more log frames per commit.
      const write = (rows: number) => {
        for (let i = 0; i < rows; i++) insert.run('x'.repeat(3000));
      };
      return { file, db, write };
    }
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('leaves a small log alone until it has waited, then copies it', async () => {
      const { file, db, write } = walFile();
      const waiting = startCheckpointer(file, { intervalMs: 10, minFrames: 1_000_000, maxDelayMs: 60_000 });
      try {
        write(5);
        // Dozens of ticks: none copies five commits that have not waited a minute.
        await pause(400);
        expect(waiting.stats.checkpoints).toBe(0);
      } finally {
        await waiting.stop();
      }

      const prompt = startCheckpointer(file, { intervalMs: 10, minFrames: 1_000_000, maxDelayMs: 50 });
      try {
        write(5);
        await until(() => prompt.stats.checkpoints > 0, 'a checkpoint of a log that waited 50 ms');
        expect(prompt.stats.lastCheckpointedFrames).toBe(prompt.stats.lastLogFrames);
        expect(prompt.stats.errors).toBe(0);
      } finally {
        await prompt.stop();
        db.close();
      }
    });

    it('copies the log as soon as it holds minFrames uncopied frames, without waiting', async () => {
      const { file, db, write } = walFile();
      const checkpointer = startCheckpointer(file, { intervalMs: 10, minFrames: 50, maxDelayMs: 60_000 });
      try {
        write(10);
        await pause(200);
        expect(checkpointer.stats.checkpoints).toBe(0);
        write(60);
        await until(() => checkpointer.stats.checkpoints > 0, 'a checkpoint past 50 frames');
        expect(checkpointer.stats.lastCheckpointedFrames).toBeGreaterThanOrEqual(50);
        expect(checkpointer.stats.errors).toBe(0);
        // Everything copied: nothing is due until the next writes.
        const after = checkpointer.stats.checkpoints;
        await pause(200);
        expect(checkpointer.stats.checkpoints).toBe(after);
      } finally {
        await checkpointer.stop();
        db.close();
      }
    });
  });
});
