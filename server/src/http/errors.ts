import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError } from '../core/errors';

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new AppError('route/not-found', 404, `no route ${req.method} ${req.path}`));
};

interface BodyParserError {
  type: string;
  status?: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return typeof err === 'object' && err !== null && 'type' in err && typeof err.type === 'string';
}

/** Maps anything thrown by a route to the error body; `translate` lets adapters' errors join in. */
export function errorHandler(translate: (err: unknown) => AppError | undefined): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const appError = toAppError(err, translate);
    if (appError.status >= 500 && appError.code === 'internal/error') {
      req.log?.error({ err }, 'unhandled error');
    } else if (appError.code.startsWith('upstream/')) {
      req.log?.warn({ code: appError.code, reason: appError.message }, 'upstream call failed');
    }
    const retryAfterMs = retryAfterOf(appError);
    if (retryAfterMs !== undefined)
      res.set('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    res.status(appError.status).json({
      ...appError.extra,
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.details === undefined ? {} : { details: appError.details }),
      },
    });
  };
}

/** A 429 carries `details.retryAfterMs`; HTTP wants whole seconds in `Retry-After`. */
function retryAfterOf(err: AppError): number | undefined {
  const details = err.details;
  if (err.status !== 429 || typeof details !== 'object' || details === null) return undefined;
  if (!('retryAfterMs' in details) || typeof details.retryAfterMs !== 'number') return undefined;
  return details.retryAfterMs;
}

function toAppError(err: unknown, translate: (err: unknown) => AppError | undefined): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    return new AppError('request/invalid', 400, 'the request does not match the expected shape', {
      details: err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  const translated = translate(err);
  if (translated) return translated;
  if (isBodyParserError(err)) {
    if (err.type === 'entity.too.large') {
      return new AppError('request/too-large', 413, 'the request body is larger than 1 MiB');
    }
    if (err.type === 'entity.parse.failed') {
      return new AppError('request/not-json', 400, 'the request body is not valid JSON');
    }
    if (err.status !== undefined && err.status >= 400 && err.status < 500) {
      return new AppError('request/invalid', 400, `the request body cannot be read (${err.type})`);
    }
  }
  return new AppError('internal/error', 500, 'internal error', { cause: err });
}
