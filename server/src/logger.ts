import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DestinationStream, type Logger, pino } from 'pino';
import { pinoHttp } from 'pino-http';

export type { Logger } from 'pino';

/** Replaces the value of every `usersig` query parameter, wherever a URL shows up. */
export function redactUserSig(url: string): string {
  return url.replace(/([?&]usersig=)[^&#]*/gi, '$1REDACTED');
}

const censor = '[REDACTED]';
const secretFields = [
  'usersig',
  'userSig',
  'secret',
  'secretKey',
  'password',
  'currentPassword',
  'newPassword',
];
const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...secretFields.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

// Lines are gathered into writes of at least this many bytes; a timer flushes a quiet server's tail.
const LOG_BUFFER_BYTES = 4096;
const LOG_FLUSH_INTERVAL_MS = 1000;

/**
 * Without a destination, logs go to stdout asynchronously: a synchronous write per line cost the
 * request path more than anything else pino does. pino registers the stream to be flushed
 * synchronously at process exit; `flushLogs` is the orderly way, for shutdown.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: redactPaths, censor } };
  if (destination) return pino(options, destination);
  const stdout = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES });
  const timer = setInterval(() => {
    try {
      stdout.flush();
    } catch {
      // Destroyed (stdout closed): nothing left to flush to.
    }
  }, LOG_FLUSH_INTERVAL_MS);
  timer.unref();
  return pino(options, stdout);
}

/** Writes out whatever the logger still buffers; resolves even if the stream is gone. */
export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    try {
      logger.flush(() => resolve());
    } catch {
      resolve();
    }
  });
}

export function createHttpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (_req, res) => {
      const id = randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    // Our serializers read the raw objects: pino-std-serializers' wrappers would first copy every
    // header of each request and response only for us to keep four fields.
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUserSig(req.originalUrl ?? req.url ?? ''),
        remoteAddress: req.socket?.remoteAddress,
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  });
}
