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

/** @param {string} sql */
function prepared(sql) {
  let stmt = statements.get(sql);
  if (stmt === undefined) {
    stmt = db.prepare(sql);
    // A handful of query shapes; bound the cache anyway.
    if (statements.size >= 64) statements.clear();
    statements.set(sql, stmt);
  }
  return stmt;
}

/** Several statements read one snapshot: a dashboard's series and top lists count the same calls. */
const inOneSnapshot = db.transaction((/** @type {{ sql: string, parameters: unknown[] }[]} */ queries) =>
  queries.map((q) => prepared(q.sql).all(...q.parameters)),
);

/**
 * @typedef {{ id: number, sql: string, parameters: unknown[] }} One
 * @typedef {{ id: number, queries: { sql: string, parameters: unknown[] }[] }} Batch
 */

parentPort?.on('message', (/** @type {One | Batch | 'stop'} */ message) => {
  if (message === 'stop') {
    db.close();
    parentPort?.close();
    return;
  }
  try {
    if ('queries' in message) {
      parentPort?.postMessage({ id: message.id, rows: inOneSnapshot(message.queries) });
      return;
    }
    parentPort?.postMessage({ id: message.id, rows: prepared(message.sql).all(...message.parameters) });
  } catch (err) {
    parentPort?.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) });
  }
});
