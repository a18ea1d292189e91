// @ts-check
// Copies the SQLite write-ahead log back into the database file on its own thread and connection,
// so the fsyncs of a checkpoint never stall the event loop that answers requests (decision 019).
// Plain JavaScript: a worker must start without a TypeScript loader (tsx, Vitest or none).
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ file: string, intervalMs: number, minFrames: number, maxDelayMs: number }} */
const { file, intervalMs, minFrames, maxDelayMs } = workerData;
const db = new Database(file);
// A writer holds the lock only for a moment; wait for it rather than fail.
db.pragma('busy_timeout = 5000');

// PASSIVE never blocks the request thread's writers or readers; it copies what it can now.
function checkpoint() {
  try {
    const [result] = /** @type {{ busy: number, log: number, checkpointed: number }[]} */ (
      db.pragma('wal_checkpoint(PASSIVE)')
    );
    return result;
  } catch (err) {
    parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
}

/**
 * Frames in the log that no checkpoint has copied yet, read from the wal-index header in the `-shm`
 * file (https://www.sqlite.org/walformat.html, "The WAL-Index Format": native byte order; the
 * header's two copies at bytes 0 and 48, `mxFrame` at offset 16 of each, `nBackfill` at 96). Reading
 * 100 bytes costs a system call, where a checkpoint costs its page copies and two fsyncs; undefined
 * when the file cannot be read or a writer was changing the header (then the caller checkpoints).
 */
const shmFile = `${file}-shm`;
const header = Buffer.alloc(100);
const readU32 = endianness() === 'LE' ? header.readUInt32LE.bind(header) : header.readUInt32BE.bind(header);
/** @type {number | undefined} */
let shm;
function uncopiedFrames() {
  try {
    shm ??= openSync(shmFile, 'r');
    if (readSync(shm, header, 0, 100, 0) < 100) return undefined;
  } catch {
    return undefined;
  }
  const mxFrame = readU32(16);
  if (mxFrame !== readU32(48 + 16)) return undefined;
  return Math.max(0, mxFrame - readU32(96));
}

/**
 * Every tick, a checkpoint only when the log holds `minFrames` uncopied frames or its oldest
 * uncopied frame has waited about `maxDelayMs`. A checkpoint's cost is mostly per checkpoint (two
 * fsyncs, and the same few dozen pages every call touches), not per frame: one every tick cost a
 * slow stream of calls a checkpoint per call or two (decision 055).
 */
let waitingSince = 0;
const timer = setInterval(() => {
  const frames = uncopiedFrames();
  if (frames === 0) {
    waitingSince = 0;
    return;
  }
  const now = Date.now();
  if (waitingSince === 0) waitingSince = now;
  if (frames !== undefined && frames < minFrames && now - waitingSince < maxDelayMs) return;
  const result = checkpoint();
  if (result) {
    // Frames a reader's snapshot still held back wait again (a long export's snapshot would otherwise
    // have a checkpoint tried every tick); all copied, the wait starts with the next write.
    waitingSince = result.checkpointed < result.log ? now : 0;
    parentPort?.postMessage({ type: 'checkpoint', ...result });
  }
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  if (shm !== undefined) closeSync(shm);
  db.close();
  parentPort?.close();
});
