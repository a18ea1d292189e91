// @ts-check
// Copies the SQLite write-ahead log back into the database file on its own thread and connection,
// so the fsyncs of a checkpoint never stall the event loop that answers requests (decision 019).
// Plain JavaScript: a worker must start without a TypeScript loader (tsx, Vitest or none).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ file: string, intervalMs: number }} */
const { file, intervalMs } = workerData;
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

const timer = setInterval(() => {
  const result = checkpoint();
  if (result) parentPort?.postMessage({ type: 'checkpoint', ...result });
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort?.close();
});
