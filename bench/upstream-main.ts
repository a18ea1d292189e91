// A stand-in for the Chat REST API that costs as little as node:http allows, so that what the
// benchmark measures through the console is the console. Prints {"port":N} once it listens.
import { createServer } from 'node:http';
import { listenAndAnnounce } from './lib/announce';

// Optional: answer after this many ms, as the real API does from across a network (--upstream-delay-ms).
const delayMs = Number(process.env.UPSTREAM_DELAY_MS ?? 0);
let seq = 0;
const server = createServer((req, res) => {
  // Drain the body as a real server must before answering on a keep-alive connection.
  req.resume();
  req.on('end', () => {
    seq += 1;
    const body = `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-bench-O-Seq-${seq}","ResultItem":[{"UserID":"user1","ResultCode":0,"ResultInfo":"","AccountStatus":"Imported"}]}`;
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
});
listenAndAnnounce(server);
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
