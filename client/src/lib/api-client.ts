import { type AppErrorCode, errorBodySchema } from '@console/shared/api';
import type { z } from 'zod';

/** The BFF's codes plus the client's own for answers that never came or cannot be read. */
export type ApiErrorCode = AppErrorCode | 'network/unreachable' | 'response/not-json' | 'response/unexpected';

/** Every failed call to the BFF becomes one of these; branch on `code`, never on `message`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** The whole parsed body, e.g. `{error, entry}` for an upstream failure. */
    readonly body: unknown,
    readonly details?: unknown,
    /** Seconds from the answer's `Retry-After` header (a 429 or 503), when it has one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Options<T extends z.ZodTypeAny> = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Schema of a successful answer; the answer is parsed, never trusted as a type. */
  schema: T;
  signal?: AbortSignal;
};

/** One client for the BFF: JSON in and out, same-origin cookie, typed errors. */
export async function api<T extends z.ZodTypeAny>(path: string, options: Options<T>): Promise<z.infer<T>> {
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network/unreachable', 'The console server cannot be reached.', null);
  }
  return readAnswer(res.status, res.headers, await res.text(), options.schema);
}

/**
 * An answer of the BFF read as `api` reads it: the parsed body of a success, else an `ApiError`.
 * For answers fetched elsewhere (a worker that posts a large body off the main thread).
 */
export function readAnswer<T extends z.ZodTypeAny>(
  status: number,
  headers: Pick<Headers, 'get'>,
  text: string,
  schema: T,
): z.infer<T> {
  const res = { status, ok: status >= 200 && status < 300, headers };
  let json: unknown = null;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(
        res.status,
        'response/not-json',
        `The console answered ${res.status} without JSON.`,
        text,
      );
    }
  }
  if (!res.ok) {
    // A wrong password is an answer for the sign-in form, not a lost session.
    if (res.status === 401 && !isInvalidCredentials(json) && typeof window !== 'undefined') {
      window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    }
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      throw new ApiError(res.status, code, message, json, details, retryAfterSeconds(res.headers));
    }
    throw new ApiError(res.status, 'response/unexpected', `The console answered ${res.status}.`, json);
  }
  return schema.parse(json) as z.infer<T>;
}

/** `Retry-After` as seconds; the HTTP-date form is turned into seconds from now. */
export function retryAfterSeconds(headers: Pick<Headers, 'get'>, now = Date.now()): number | undefined {
  const value = headers.get('Retry-After')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Fires when any call answers 401, so the app can send the user to the sign-in page. */
export const UNAUTHENTICATED_EVENT = 'console:unauthenticated';

function isInvalidCredentials(json: unknown): boolean {
  const parsed = errorBodySchema.safeParse(json);
  return parsed.success && parsed.data.error.code === 'auth/invalid-credentials';
}
