// The "floor" of the overhead benchmark: the least a reverse proxy in front of the Chat REST API can
// do in Node on this machine. It takes the body POST /api/requests takes, sends the same upstream call
// the console sends (same URL shape, same undici Agent settings), reads and parses the answer, and
// answers 201 with a small JSON. No auth, no validation beyond JSON.parse, no history, no audit, no
// logging. What the console costs above this line is the console; what this costs over going direct
// is what any proxy costs here. With FLOOR_STORE_DIR it also records each call as the console must
// (lib/recording-floor.ts): the pending row before sending, the result and audit row before answering;
// FLOOR_RECORDING picks another design of that record (decision 063).
// Prints {"port":N} once it listens.
import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import { Agent } from 'undici';
import type { JsonObject } from '../shared/src/api/index';
import { listenAndAnnounce } from './lib/announce';
import { openRecording, type RecordingDesign, recordingDesigns } from './lib/recording-floor';

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
// What the history stores of the URL: the UserSig is never written down.
const redactedQuery = `?sdkappid=${encodeURIComponent(sdkAppId)}&identifier=${encodeURIComponent(identifier)}&usersig=REDACTED`;
const storeDir = process.env.FLOOR_STORE_DIR;
const design = process.env.FLOOR_RECORDING ?? 'two-commits';
if (!recordingDesigns.some((d) => d === design))
  throw new Error(`FLOOR_RECORDING: one of ${recordingDesigns.join(', ')}`);
const recording = storeDir ? await openRecording(storeDir, design as RecordingDesign) : undefined;

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
      let body: JsonObject;
      try {
        const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
        const p = parsed as { service?: unknown; command?: unknown; body?: unknown };
        if (typeof p.service !== 'string' || typeof p.command !== 'string') throw new Error('no command');
        service = p.service;
        command = p.command;
        body = typeof p.body === 'object' && p.body !== null ? (p.body as JsonObject) : {};
      } catch {
        answer(res, 400, '{"error":"bad request"}');
        return;
      }
      try {
        const path = `${prefix}/v4/${encodeURIComponent(service)}/${encodeURIComponent(command)}`;
        const tail = `&random=${randomInt(0x100000000)}&contenttype=json`;
        const bodyText = JSON.stringify(body);
        const recorded = recording?.call(
          service,
          command,
          body,
          bodyText,
          `${origin}${path}${redactedQuery}${tail}`,
        );
        if (recorded) await recorded.begin();
        const started = performance.now();
        const upstreamRes = await agent.request({
          origin,
          path: `${path}${query}${tail}`,
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: bodyText,
        });
        const text = await upstreamRes.body.text();
        const json = JSON.parse(text) as JsonObject;
        if (recorded) await recorded.complete(upstreamRes.statusCode, performance.now() - started, json);
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
    void agent
      .close()
      .then(() => recording?.close())
      .finally(() => process.exit(0));
  });
});
