import { findCommand } from '@console/shared/catalog';
import express, { type NextFunction, type Request, type Response } from 'express';
import { callbacksFor, type SandboxCallback } from './callbacks';
import { emulated, NOT_EMULATED, NOT_EMULATED_CODE } from './commands/registry';
import { createRequestIds, type Envelope, failEnvelope, okEnvelope } from './envelope';
import { DEFAULT_RATE_LIMIT_PER_SEC, RateLimiter } from './rate-limit';
import { isRecord } from './state/body';
import { LIMITS, type Limits } from './state/limits';
import { createSeedState } from './state/seed';
import type { SandboxState } from './state/types';
import { verifyUserSig } from './usersig-verify';

export interface SandboxOptions {
  sdkAppId: number;
  secretKey: string;
  adminIdentifier: string;
  /** Milliseconds since the epoch; injected so tests control expiry, rate windows and de-dup. */
  now?: () => number;
  logger?: { warn(obj: object, msg: string): void };
  /** Lower caps than state/limits.ts (tests reach them without filling memory). */
  limits?: Partial<Limits>;
  /** Told of the callbacks a successful call raises, after its answer is sent (decision 036). */
  onCallbacks?: (callbacks: SandboxCallback[]) => void;
}

export interface Sandbox {
  router: express.Router;
  reset(): void;
  /** Catalog commands (`service/command`) answered with NOT_EMULATED_CODE. */
  notEmulated: readonly string[];
}

const MAX_UINT32 = 4294967295;

function single(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function createSandbox(opts: SandboxOptions): Sandbox {
  const now = opts.now ?? Date.now;
  const nextRequestId = createRequestIds();
  const limiter = new RateLimiter();
  const limits: Limits = { ...LIMITS, ...opts.limits };
  let state: SandboxState = createSeedState(now(), limits);

  const reset = () => {
    state = createSeedState(now(), limits);
    limiter.clear();
  };

  // Everything the real service reports about a call is an HTTP 200 with a FAIL envelope.
  const send = (res: Response, env: Envelope) => {
    res.status(200).type('application/json').send(JSON.stringify(env));
  };
  const reject = (res: Response, code: number, info: string, where: Record<string, unknown> = {}) => {
    // Only the code and the route: never the usersig or the key.
    opts.logger?.warn({ sandbox: true, code, ...where }, 'sandbox rejected a request');
    send(res, failEnvelope(nextRequestId(), code, info));
  };

  const router = express.Router();
  // Read the raw body ourselves: a body that is not JSON must answer 60003, not an Express 400.
  router.use(express.raw({ type: () => true, limit: '1mb' }));

  router.post('/reset', (_req, res) => {
    reset();
    res.status(200).json({ ok: true });
  });

  router.post('/v4/:service/:command', (req: Request, res: Response) => {
    const service = String(req.params.service);
    const command = String(req.params.command);
    const where = { service, command };
    const q = req.query;

    const sdkappidRaw = single(q.sdkappid);
    if (sdkappidRaw === undefined || sdkappidRaw === '') {
      return reject(res, 60012, 'REST API requires sdkappid in the URL', where);
    }
    if (!/^\d{1,10}$/.test(sdkappidRaw) || Number(sdkappidRaw) !== opts.sdkAppId) {
      return reject(res, 60006, `SDKAppID ${sdkappidRaw.slice(0, 20)} is invalid`, where);
    }
    const identifier = single(q.identifier);
    if (!identifier) return reject(res, 60002, 'HTTP parse error: identifier is missing from the URL', where);
    const random = single(q.random);
    if (random === undefined || !/^\d{1,10}$/.test(random) || Number(random) > MAX_UINT32) {
      return reject(res, 60002, 'HTTP parse error: random must be an integer from 0 to 4294967295', where);
    }
    if (single(q.contenttype) !== 'json') {
      return reject(res, 60002, 'HTTP parse error: contenttype must be json', where);
    }
    const catalogEntry = findCommand(service, command);
    if (!catalogEntry)
      return reject(res, 60009, `request resource error: unknown ${service}/${command}`, where);

    const usersig = single(q.usersig) ?? '';
    const sigFailure = verifyUserSig({
      usersig,
      identifier,
      sdkAppId: opts.sdkAppId,
      secretKey: opts.secretKey,
      nowMs: now(),
    });
    if (sigFailure) return reject(res, sigFailure.code, sigFailure.info, where);
    if (identifier !== opts.adminIdentifier) {
      // The account service has its own code for this; every other service answers 60010.
      return service === 'im_open_login_svc'
        ? reject(res, 70403, 'this request needs App admin permission', where)
        : reject(res, 60010, 'this request needs App admin permission', where);
    }

    const limit = catalogEntry.rateLimitPerSec ?? DEFAULT_RATE_LIMIT_PER_SEC;
    if (!limiter.take(`${service}/${command}`, limit, now())) {
      return reject(res, 60007, `REST API call frequency over limit (${limit}/s)`, where);
    }

    const body = parseBody(req.body);
    if (!body) return reject(res, 60003, 'request JSON parse error: the body must be a JSON object', where);

    const fn = emulated.get(`${service}/${command}`);
    if (!fn) {
      return send(
        res,
        failEnvelope(
          nextRequestId(),
          NOT_EMULATED_CODE,
          `${service}/${command} is not emulated by the console's built-in sandbox`,
        ),
      );
    }
    const result = fn(state, body, { nowMs: now(), admin: opts.adminIdentifier, sdkAppId: opts.sdkAppId });
    const requestId = nextRequestId();
    if (result.kind === 'fail')
      return send(res, failEnvelope(requestId, result.code, result.info, result.fields));
    if (result.bare) return send(res, { ...result.fields, RequestId: requestId });
    send(res, okEnvelope(requestId, result.fields));
    if (opts.onCallbacks) {
      const raised = callbacksFor(`${service}/${command}`, body, result.fields, {
        nowMs: now(),
        admin: opts.adminIdentifier,
      });
      if (raised.length > 0) opts.onCallbacks(raised);
    }
  });

  // Any other path or method: the real service cannot parse it as a REST call.
  router.all('/{*rest}', (_req, res) =>
    reject(res, 60002, 'HTTP parse error: check the URL format and method'),
  );

  // Only express.raw can fail before a handler runs (body over 1 MB, bad encoding): still an envelope.
  router.use((_err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    reject(res, 60003, 'request JSON parse error: the body could not be read');
  });

  return { router, reset, notEmulated: NOT_EMULATED };
}

function parseBody(raw: unknown): Record<string, unknown> | null {
  if (!Buffer.isBuffer(raw) || raw.length === 0) return null;
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
