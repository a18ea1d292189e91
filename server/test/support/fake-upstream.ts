import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { inflateSync } from 'node:zlib';

export type UpstreamMode =
  | 'ok'
  | 'fail'
  | 'not-json'
  | 'http-500'
  | 'array'
  | 'hang'
  | 'no-action-status'
  /** A gateway that repeats the request URL (with its usersig) in ErrorInfo and a field of its own. */
  | 'echo-url'
  /** An answer nested far deeper than any real one. */
  | 'deep'
  /** Tencent's "too frequent" answer, 60007. */
  | 'throttle'
  /** FAIL with `failCode`, as the real API answers a bad UserSig (70001 …) or a denied IP (60021). */
  | 'fail-code';

export interface ReceivedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: string;
  userSig: string;
  /** Result of our own verification of the UserSig, independent of tls-sig-api-v2. */
  sigCheck: 'valid' | string;
  /** When it arrived (performance.now() of the test process), to check the pace. */
  at: number;
}

/**
 * Checks a UserSig the way the Chat backend does (reference §4.1): undo the URL-safe base64,
 * inflate, recompute HMAC-SHA256 over the TLS.* lines with the secret key as UTF-8 bytes.
 */
export function verifyUserSig(
  userSig: string,
  expect: { sdkAppId: number; identifier: string; secretKey: string },
): 'valid' | string {
  let doc: Record<string, unknown>;
  try {
    const b64 = userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
    const parsed: unknown = JSON.parse(inflateSync(Buffer.from(b64, 'base64')).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return 'not an object';
    doc = { ...parsed };
  } catch {
    return 'not decodable';
  }
  if (doc['TLS.ver'] !== '2.0') return 'wrong version';
  if (doc['TLS.identifier'] !== expect.identifier) return 'identifier does not match';
  if (doc['TLS.sdkappid'] !== expect.sdkAppId) return 'sdkappid does not match';
  const time = doc['TLS.time'];
  const expire = doc['TLS.expire'];
  if (typeof time !== 'number' || typeof expire !== 'number') return 'time/expire missing';
  if (Date.now() / 1000 > time + expire) return 'expired';
  const content =
    `TLS.identifier:${expect.identifier}\n` +
    `TLS.sdkappid:${expect.sdkAppId}\n` +
    `TLS.time:${time}\n` +
    `TLS.expire:${expire}\n`;
  const sig = createHmac('sha256', expect.secretKey).update(content).digest('base64');
  return sig === doc['TLS.sig'] ? 'valid' : 'signature does not match';
}

export interface FakeUpstream {
  url: string;
  port: number;
  calls: ReceivedCall[];
  mode: UpstreamMode;
  /** Each answer waits this long (ms), so calls are in flight for a while. */
  delayMs: number;
  /** The ErrorCode of mode `fail-code`. */
  failCode: number;
  /** Every UserSig received, to prove none of them leaks. */
  userSigs(): string[];
  close(): Promise<void>;
}

export async function startFakeUpstream(expect: {
  sdkAppId: number;
  identifier: string;
  secretKey: string;
}): Promise<FakeUpstream> {
  const calls: ReceivedCall[] = [];
  let seq = 0;
  const state: { mode: UpstreamMode; delayMs: number; failCode: number } = {
    mode: 'ok',
    delayMs: 0,
    failCode: 70001,
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string, at: number) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const userSig = url.searchParams.get('usersig') ?? '';
    calls.push({
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      contentType: req.headers['content-type'],
      body,
      userSig,
      sigCheck: verifyUserSig(userSig, expect),
      at,
    });
    seq += 1;
    const n = seq;
    const answer = () => reply(req, res, body, userSig, n);
    if (state.delayMs > 0) setTimeout(answer, state.delayMs);
    else answer();
  };

  const reply = (req: IncomingMessage, res: ServerResponse, body: string, userSig: string, n: number) => {
    const requestId = `Id-fake${n}-O-Seq-${n}`;
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    switch (state.mode) {
      case 'throttle':
        return json(200, {
          ActionStatus: 'FAIL',
          ErrorCode: 60007,
          ErrorInfo: 'REST API call frequency over the limit',
          RequestId: requestId,
        });
      case 'ok':
        return json(200, {
          ActionStatus: 'OK',
          ErrorCode: 0,
          ErrorInfo: '',
          RequestId: requestId,
          Echo: body,
        });
      case 'fail':
        return json(200, {
          ActionStatus: 'FAIL',
          ErrorCode: 70107,
          ErrorInfo: 'Err_TLS_Account_Not_Exist',
          ErrorDisplay: 'account does not exist',
          RequestId: requestId,
        });
      case 'echo-url':
        return json(200, {
          ActionStatus: 'FAIL',
          ErrorCode: 60006,
          ErrorInfo: `gateway rejected ${req.url ?? ''}`,
          RequestId: requestId,
          Debug: { url: req.url ?? '', raw: userSig },
        });
      case 'deep':
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(`{"ActionStatus":"OK","ErrorCode":0,"X":${'['.repeat(5000)}${']'.repeat(5000)}}`);
        return;
      case 'fail-code':
        return json(200, {
          ActionStatus: 'FAIL',
          ErrorCode: state.failCode,
          ErrorInfo: 'refused by the fake upstream',
          RequestId: requestId,
        });
      case 'no-action-status':
        return json(200, { ErrorCode: 0, ErrorInfo: 'OK', RequestId: requestId, Result: [] });
      case 'not-json':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>gateway says hi</html>');
        return;
      case 'http-500':
        return json(500, { message: 'internal' });
      case 'array':
        return json(200, [1, 2, 3]);
      case 'hang':
        return; // never answers
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      handle(req, res, body, performance.now());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');

  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    calls,
    get mode() {
      return state.mode;
    },
    set mode(m: UpstreamMode) {
      state.mode = m;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    get failCode() {
      return state.failCode;
    },
    set failCode(code: number) {
      state.failCode = code;
    },
    userSigs: () => [...new Set(calls.map((c) => c.userSig))],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bind, note the port, close. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}
