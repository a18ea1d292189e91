// @ts-check
// Runs read-only queries that must scan (history's free-text `q`) on their own thread and
// connection, so a scan of a large history never stalls the event loop that answers requests
// (decision 020). Plain JavaScript: a worker must start without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ file: string }} */
const { file } = workerData;
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
/** @type {Map<string, import('better-sqlite3').Statement>} */
const statements = new Map();

parentPort?.on(
  'message',
  (/** @type {{ id: number, sql: string, parameters: unknown[] } | 'stop'} */ message) => {
    if (message === 'stop') {
      db.close();
      parentPort?.close();
      return;
    }
    try {
      let stmt = statements.get(message.sql);
      if (stmt === undefined) {
        stmt = db.prepare(message.sql);
        // A handful of query shapes; bound the cache anyway.
        if (statements.size >= 64) statements.clear();
        statements.set(message.sql, stmt);
      }
      parentPort?.postMessage({ id: message.id, rows: stmt.all(...message.parameters) });
    } catch (err) {
      parentPort?.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) });
    }
  },
);
