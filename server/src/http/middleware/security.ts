import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { AppError } from '../../core/errors';
import { hasBearerToken } from './auth';

/**
 * Security headers for the SPA and the API. Monaco is bundled, so everything comes from our own
 * origin; it injects inline styles (`style-src 'unsafe-inline'`) and runs its workers from our own
 * files (`worker-src 'self'`, no blob: since Vite emits them as module files). codicon arrives as a
 * font file; small assets may be inlined by Vite as data: URIs.
 */
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'worker-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export const helmetHeaders: RequestHandler = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
  // Nothing cross-origin is embedded, but COEP would also block the downloads of exports in some browsers.
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'same-origin' },
});

/**
 * What a middleware that only sets and removes headers, the same ones whatever the request, does to
 * a response: run once on a recording response. helmet with the static options above is such a
 * middleware (no nonce, nothing read from the request): twelve middlewares and setHeader calls per
 * request become one loop (decision 057). security.test.ts compares the two on real responses.
 */
export function recordHeaderWrites(handler: RequestHandler): RequestHandler {
  const writes: ({ set: string; value: number | string | readonly string[] } | { remove: string })[] = [];
  let finished = false;
  const recorder = {
    setHeader(name: string, value: number | string | readonly string[]) {
      writes.push({ set: name, value });
      return recorder;
    },
    removeHeader(name: string) {
      writes.push({ remove: name });
    },
  };
  handler(
    {} as Parameters<RequestHandler>[0],
    recorder as unknown as Parameters<RequestHandler>[1],
    (err) => {
      if (err !== undefined) throw err;
      finished = true;
    },
  );
  if (!finished) throw new Error('the header middleware did not finish synchronously');
  return (_req, res, next) => {
    for (const w of writes) {
      if ('set' in w) res.setHeader(w.set, w.value);
      else res.removeHeader(w.remove);
    }
    next();
  };
}

export const securityHeaders: RequestHandler = recordHeaderWrites(helmetHeaders);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostOf(value: string): string | undefined {
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * CSRF defence besides SameSite=Strict cookies: a state-changing request that says where it comes
 * from (`Origin`, else `Referer`) must come from the console's own host. Requests that say nothing
 * (curl, scripts) pass, since they carry no ambient browser credentials worth forging; a bearer
 * token cannot be attached by a foreign page, so those requests are exempt too.
 *
 * The host is compared, not the scheme: behind a TLS-terminating proxy the console may see http
 * while the browser says https. `req.host` honours X-Forwarded-Host only when trust proxy allows it.
 */
export const sameOriginOnly: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  if (hasBearerToken(req)) return next();
  const origin = req.headers.origin;
  const referer = req.headers.referer;
  const claimed = origin ?? referer;
  if (claimed === undefined) return next();
  const own = req.host?.toLowerCase();
  const from = hostOf(claimed);
  if (own === undefined || from !== own) {
    throw new AppError(
      'request/bad-origin',
      403,
      `a ${req.method} from ${from ?? 'an unknown origin'} is refused: only the console's own pages may change things`,
    );
  }
  next();
};
