import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Replaces the value of every `usersig` query parameter, wherever a URL shows up, and of a
 * callback's `Sign` (a replayable credential for its 60 s window).
 */
export function redactUserSig(url: string): string {
  return url.replace(/([?&](?:usersig|sign)=)[^&#]*/gi, '$1REDACTED');
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
