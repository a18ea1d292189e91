// A stand-in for the Chat REST API that costs as little as node:http allows, so that what the
// benchmark measures through the console is the console. Prints {"port":N} once it listens.
//
// Tests that check the console's pace use it too (server/test/support/upstream-process.ts): in a
// process of its own, an arrival is timed by this process's event loop, not by the loaded loop of the
// test that also runs the console, so the times are what the console sent.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenAndAnnounce } from './lib/announce';

// Optional: answer after this many ms, as the real API does from across a network (--upstream-delay-ms).
const delayMs = Number(process.env.UPSTREAM_DELAY_MS ?? 0);
// Optional, for tests: keep every call (arrival time, path, query, body) and list them at GET /__calls.
const record = process.env.UPSTREAM_RECORD === '1';
// Optional, for tests: `throttle` answers every call with Tencent's 60007 "too frequent".
const answer = process.env.UPSTREAM_ANSWER === 'throttle' ? 'throttle' : 'ok';

/** One call as the recording upstream saw it; `at` is performance.now() here when its headers arrived. */
export interface RecordedCall {
  at: number;
  path: string;
  query: string;
  body: string;
}
const calls: RecordedCall[] = [];

function bodyOf(seq: number): string {
  if (answer === 'throttle') {
    return `{"ActionStatus":"FAIL","ErrorCode":60007,"ErrorInfo":"REST API call frequency over the limit","RequestId":"Id-bench-O-Seq-${seq}"}`;
  }
  return `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-bench-O-Seq-${seq}","ResultItem":[{"UserID":"user1","ResultCode":0,"ResultInfo":"","AccountStatus":"Imported"}]}`;
}

function listCalls(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  const text = JSON.stringify(calls);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

let seq = 0;
const server = createServer((req, res) => {
  // Taken first, before anything else this turn does: the moment the request's headers were parsed.
  const at = performance.now();
  if (record && req.method === 'GET' && req.url === '/__calls') return listCalls(req, res);
  const chunks: Buffer[] = [];
  // Drain the body as a real server must before answering on a keep-alive connection.
  if (record) req.on('data', (c: Buffer) => chunks.push(c));
  else req.resume();
  req.on('end', () => {
    seq += 1;
    if (record) {
      const url = new URL(req.url ?? '/', 'http://upstream');
      calls.push({ at, path: url.pathname, query: url.search, body: Buffer.concat(chunks).toString('utf8') });
    }
    const body = bodyOf(seq);
    const send = () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  });
});
listenAndAnnounce(server);
// A test's worker may die without stopping us: then our stdin (its pipe) ends, and so do we.
if (process.env.UPSTREAM_EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
