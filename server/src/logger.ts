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
const secretFields = new Set([
  'usersig',
  'userSig',
  'secret',
  'secretKey',
  'password',
  'currentPassword',
  'newPassword',
]);
/** Credentials in a `headers` object (a request's or a response's). */
const secretHeaders = new Set(['authorization', 'cookie', 'set-cookie']);
/** How deep secret fields are looked for: a line's own fields, theirs, and theirs (`f`, `*.f`, `*.*.f`). */
const REDACT_DEPTH = 3;

/** A copy of `o`: its prototype and own properties, enumerable or not (an Error keeps its message and stack). */
function copyOf(o: object): Record<string, unknown> {
  const copy = Array.isArray(o)
    ? [...o]
    : Object.defineProperties(Object.create(Object.getPrototypeOf(o)), Object.getOwnPropertyDescriptors(o));
  return copy as Record<string, unknown>;
}

/**
 * `o` with every secret field down to `REDACT_DEPTH` censored: `o` itself when it holds none (the
 * usual case: no allocation), else a copy of the objects on the way to each one, so the caller's
 * objects are never changed. One walk over the line's keys; pino's own `redact` did the same with a
 * path walk per wildcard path, ~3 % of the send path's CPU (decision 057).
 */
export function redactSecrets<T>(o: T, depth = 1, parentKey = ''): T {
  if (o === null || typeof o !== 'object') return o;
  let out: Record<string, unknown> | undefined;
  const set = (key: string, value: unknown) => {
    out ??= copyOf(o);
    out[key] = value;
  };
  const inHeaders = parentKey === 'headers';
  for (const key of Object.keys(o)) {
    const value = (o as Record<string, unknown>)[key];
    if (secretFields.has(key) || (inHeaders && secretHeaders.has(key.toLowerCase()))) {
      if (value !== undefined) set(key, censor);
      continue;
    }
    if (depth < REDACT_DEPTH && value !== null && typeof value === 'object') {
      const inner = redactSecrets(value, depth + 1, key);
      if (inner !== value) set(key, inner);
    }
  }
  return (out ?? o) as T;
}

// Lines are gathered into writes of at least this many bytes; a timer flushes a quiet server's tail.
const LOG_BUFFER_BYTES = 4096;
const LOG_FLUSH_INTERVAL_MS = 1000;

/**
 * Without a destination, logs go to stdout asynchronously: a synchronous write per line cost the
 * request path more than anything else pino does. pino registers the stream to be flushed
 * synchronously at process exit; `flushLogs` is the orderly way, for shutdown.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, formatters: { log: (o: Record<string, unknown>) => redactSecrets(o) } };
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
