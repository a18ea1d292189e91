import { randomInt } from 'node:crypto';
import { checkJsonShape } from '@console/shared/api';
import { Agent, errors as undiciErrors } from 'undici';
import { z } from 'zod';

export interface CallTarget {
  /** Scheme + host (+ optional path prefix), no trailing slash. */
  baseUrl: string;
  sdkAppId: number;
  adminIdentifier: string;
}

export interface UpstreamCall {
  target: CallTarget;
  service: string;
  command: string;
  userSig: string;
}

/** A call ready to go: its URL (with a fresh `random`) and the JSON text of its body, made once. */
export interface PreparedCall {
  url: string;
  /** The URL as it will be sent, except `usersig=REDACTED`: what the history may keep. */
  redactedUrl: string;
  bodyText: string;
  /** To scrub from the answer: a gateway may echo the request URL back (in ErrorInfo, say). */
  userSig: string;
}

/** Tolerant of command-specific fields, `ErrorDisplay`, and envelopes without `ActionStatus` (getappinfo). */
// Only the envelope's fields are read: the answer itself is kept as it came (`response`), so the
// parse copies none of its other keys.
const envelopeSchema = z.object({
  ActionStatus: z.string().optional(),
  ErrorCode: z.number().int().optional(),
  ErrorInfo: z.string().optional(),
  ErrorDisplay: z.string().optional(),
  RequestId: z.string().optional(),
});

export interface UpstreamResult {
  /** The URL as sent, except `usersig=REDACTED`. */
  redactedUrl: string;
  httpStatus: number;
  durationMs: number;
  outcome: 'ok' | 'fail';
  actionStatus: string | null;
  errorCode: number | null;
  errorInfo: string | null;
  requestId: string | null;
  response: Record<string, unknown>;
}

export type UpstreamErrorCode = 'upstream/timeout' | 'upstream/unreachable' | 'upstream/bad-response';

/** No usable envelope came back. Carries what is known of the attempt, for the history entry. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
    readonly redactedUrl: string,
    readonly durationMs: number,
    readonly httpStatus: number | null,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
/**
 * An answer nested deeper than this is refused: recording it would stringify it recursively. Far above
 * any real Chat answer, far below where the stack gives out.
 */
const MAX_RESPONSE_SHAPE = { maxDepth: 256, maxKeys: 1_000_000 };
const REDACTED = 'REDACTED';

/** crypto.randomInt draws from a pooled buffer of random bytes, not one syscall per call. */
function randomUint32(): number {
  return randomInt(0x1_0000_0000);
}

/**
 * The forms a UserSig takes in a URL: `encodeURIComponent`'s, and another encoder's (`*` as `%2A`).
 * A signer hands out the same UserSig for a while (usersig.ts caches it), so the last one's forms are
 * kept rather than encoded twice and searched for anew on every call.
 */
let lastSig: { userSig: string; encoded: string; forms: readonly string[] } | undefined;
function sigForms(userSig: string) {
  if (lastSig?.userSig !== userSig) {
    const encoded = encodeURIComponent(userSig);
    const forms = [...new Set([encoded, encoded.replaceAll('*', '%2A')])].filter((f) => f !== userSig);
    lastSig = { userSig, encoded, forms };
  }
  return lastSig;
}

/** The only way an upstream URL is made: a configured base URL and a catalog command. */
export function buildUpstreamUrl(call: UpstreamCall, random: number): string {
  const q = (v: string | number) => encodeURIComponent(String(v));
  const { target } = call;
  const userSig = call.userSig === REDACTED ? REDACTED : sigForms(call.userSig).encoded;
  return (
    `${target.baseUrl}/v4/${q(call.service)}/${q(call.command)}` +
    `?sdkappid=${q(target.sdkAppId)}&identifier=${q(target.adminIdentifier)}` +
    `&usersig=${userSig}&random=${random}&contenttype=json`
  );
}

function isTimeout(err: unknown): boolean {
  return (
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError
  );
}

function envelopeOf(json: Record<string, unknown>) {
  const top = envelopeSchema.safeParse(json);
  if (top.success && (top.data.ActionStatus !== undefined || top.data.ErrorCode !== undefined))
    return top.data;
  // Live and room-engine commands wrap the envelope in `Response`.
  const inner = envelopeSchema.safeParse(json.Response);
  if (inner.success && (inner.data.ActionStatus !== undefined || inner.data.ErrorCode !== undefined)) {
    return inner.data;
  }
  return undefined;
}

/** Replaces every occurrence of the UserSig, as is and URL-encoded, with REDACTED. */
export function scrub(text: string, userSig: string): string {
  if (userSig === '') return text;
  let out = text.includes(userSig) ? text.split(userSig).join(REDACTED) : text;
  // As sent, and as another encoder might write it back (`*` is left alone by encodeURIComponent only).
  for (const form of sigForms(userSig).forms) {
    if (out.includes(form)) out = out.split(form).join(REDACTED);
  }
  return out;
}

export class TencentClient {
  private readonly agent: Agent;

  constructor(private readonly timeoutMs: number) {
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      connections: 64,
      connectTimeout: timeoutMs,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  /** The URL and body text of a call; the history row is written from this before the call is sent. */
  prepare(call: UpstreamCall, bodyText: string): PreparedCall {
    const random = randomUint32();
    return {
      url: buildUpstreamUrl(call, random),
      redactedUrl: buildUpstreamUrl({ ...call, userSig: REDACTED }, random),
      bodyText,
      userSig: call.userSig,
    };
  }

  async send(call: PreparedCall): Promise<UpstreamResult> {
    const { url, redactedUrl } = call;
    const { origin } = new URL(url);
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    const fail = (code: UpstreamErrorCode, message: string, httpStatus: number | null, cause?: unknown) =>
      new UpstreamError(code, message, redactedUrl, elapsed(), httpStatus, cause);

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    let httpStatus: number;
    let text: string;
    try {
      const res = await this.agent.request({
        origin,
        path: url.slice(origin.length),
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: call.bodyText,
        signal: controller.signal,
      });
      httpStatus = res.statusCode;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
        size += buf.length;
        if (size > MAX_RESPONSE_BYTES) {
          res.body.destroy();
          throw fail('upstream/bad-response', 'the upstream answer is larger than 20 MiB', httpStatus);
        }
        chunks.push(buf);
      }
      // The exact UserSig of this call, wherever the answer repeats it, before anything parses or keeps it.
      text = scrub(Buffer.concat(chunks).toString('utf8'), call.userSig);
    } catch (err) {
      if (err instanceof UpstreamError) throw err;
      if (timedOut || isTimeout(err)) {
        throw fail('upstream/timeout', `the upstream did not answer within ${this.timeoutMs} ms`, null, err);
      }
      const reason = err instanceof Error && 'code' in err ? String(err.code) : 'connection failed';
      throw fail('upstream/unreachable', `the upstream cannot be reached (${reason})`, null, err);
    } finally {
      clearTimeout(timer);
    }

    if (httpStatus >= 500) {
      throw fail('upstream/bad-response', `the upstream answered HTTP ${httpStatus}`, httpStatus);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw fail(
        'upstream/bad-response',
        `the upstream answered HTTP ${httpStatus} with a body that is not JSON (${text.length} characters)`,
        httpStatus,
      );
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw fail('upstream/bad-response', 'the upstream answered JSON that is not an object', httpStatus);
    }
    if (checkJsonShape(json, MAX_RESPONSE_SHAPE) !== undefined) {
      throw fail(
        'upstream/bad-response',
        `the upstream answer is nested deeper than ${MAX_RESPONSE_SHAPE.maxDepth} levels or has too many keys`,
        httpStatus,
      );
    }
    // An object, checked above: the answer as it came.
    const response = json as Record<string, unknown>;
    const envelope = envelopeOf(response);
    if (!envelope) {
      throw fail(
        'upstream/bad-response',
        'the upstream answer has neither ActionStatus nor ErrorCode',
        httpStatus,
      );
    }
    const errorCode = envelope.ErrorCode ?? null;
    const actionStatus = envelope.ActionStatus ?? null;
    const ok = actionStatus !== null ? actionStatus === 'OK' : errorCode === 0;
    return {
      redactedUrl,
      httpStatus,
      durationMs: elapsed(),
      outcome: ok ? 'ok' : 'fail',
      actionStatus,
      errorCode,
      errorInfo: envelope.ErrorInfo ?? null,
      requestId: envelope.RequestId ?? null,
      response,
    };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
