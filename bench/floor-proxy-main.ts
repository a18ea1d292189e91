// The "floor" of the overhead benchmark: the least a reverse proxy in front of the Chat REST API can
// do in Node on this machine. It takes the body POST /api/requests takes, sends the same upstream call
// the console sends (same URL shape, same undici Agent settings), reads and parses the answer, and
// answers 201 with a small JSON. No auth, no validation beyond JSON.parse, no history, no audit, no
// logging. What the console costs above this line is the console; what this costs over going direct
// is what any proxy costs here. Prints {"port":N} once it listens.
import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import { Agent } from 'undici';
import { listenAndAnnounce } from './lib/announce';

const upstream = process.env.FLOOR_UPSTREAM_URL ?? '';
const sdkAppId = process.env.FLOOR_SDKAPPID ?? '';
const identifier = process.env.FLOOR_IDENTIFIER ?? '';
// Signed once by the bench: the console caches its UserSig too, so neither side signs per call.
const userSig = process.env.FLOOR_USERSIG ?? '';
if (!upstream || !sdkAppId || !identifier || !userSig) {
  throw new Error('FLOOR_UPSTREAM_URL, FLOOR_SDKAPPID, FLOOR_IDENTIFIER and FLOOR_USERSIG are required');
}
const origin = new URL(upstream).origin;
const prefix = upstream.slice(origin.length);
const query = `?sdkappid=${encodeURIComponent(sdkAppId)}&identifier=${encodeURIComponent(identifier)}&usersig=${encodeURIComponent(userSig)}`;

// The console's TencentClient settings.
const agent = new Agent({
  keepAliveTimeout: 30_000,
  connections: 64,
  connectTimeout: 15_000,
  headersTimeout: 15_000,
  bodyTimeout: 15_000,
});

function answer(res: import('node:http').ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    void (async () => {
      let service: string;
      let command: string;
      let body: unknown;
      try {
        const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
        const p = parsed as { service?: unknown; command?: unknown; body?: unknown };
        if (typeof p.service !== 'string' || typeof p.command !== 'string') throw new Error('no command');
        service = p.service;
        command = p.command;
        body = p.body ?? {};
      } catch {
        answer(res, 400, '{"error":"bad request"}');
        return;
      }
      try {
        const upstreamRes = await agent.request({
          origin,
          path:
            `${prefix}/v4/${encodeURIComponent(service)}/${encodeURIComponent(command)}${query}` +
            `&random=${randomInt(0x100000000)}&contenttype=json`,
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
        });
        const text = await upstreamRes.body.text();
        const json = JSON.parse(text) as { ActionStatus?: unknown; RequestId?: unknown };
        answer(
          res,
          201,
          JSON.stringify({
            httpStatus: upstreamRes.statusCode,
            outcome: json.ActionStatus === 'OK' ? 'ok' : 'fail',
            requestId: typeof json.RequestId === 'string' ? json.RequestId : null,
          }),
        );
      } catch {
        answer(res, 502, '{"error":"upstream"}');
      }
    })();
  });
});
listenAndAnnounce(server);
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => {
    void agent.close().finally(() => process.exit(0));
  });
});
