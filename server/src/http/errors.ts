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

/**
 * Maps anything thrown by a route to the error body. Services translate their repositories' errors
 * into AppErrors (a duplicate username is the users service's `user/exists`); this layer knows only
 * generic things: validation, body parsing, and errors that carry an HTTP 4xx status of their own.
 */
export function errorHandler(): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const appError = toAppError(err);
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

/** The 4xx status an error from Express or a library carries (`status` or `statusCode`), if any. */
function clientStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status =
    'status' in err && typeof err.status === 'number'
      ? err.status
      : 'statusCode' in err && typeof err.statusCode === 'number'
        ? err.statusCode
        : undefined;
  return status !== undefined && Number.isInteger(status) && status >= 400 && status < 500
    ? status
    : undefined;
}

/** A code and message for an error that says only its 4xx status; never the library's own text. */
function fromClientStatus(err: unknown, status: number): AppError {
  if (err instanceof URIError) {
    return new AppError('request/invalid', 400, 'the URL has malformed percent-encoding');
  }
  if (typeof err === 'object' && err !== null && 'code' in err && String(err.code).startsWith('Z_')) {
    return new AppError(
      'request/invalid',
      400,
      'the request body does not decode as its Content-Encoding says',
    );
  }
  if (status === 404) return new AppError('route/not-found', 404, 'not found');
  if (status === 413) return new AppError('request/too-large', 413, 'the request is too large');
  if (status === 415)
    return new AppError('request/unsupported-encoding', 415, "the request's encoding is not supported");
  return new AppError('request/invalid', status, `the request cannot be handled (HTTP ${status})`);
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    return new AppError('request/invalid', 400, 'the request does not match the expected shape', {
      details: err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  if (isBodyParserError(err)) {
    if (err.type === 'entity.too.large') {
      return new AppError('request/too-large', 413, 'the request body is larger than 1 MiB');
    }
    if (err.type === 'entity.parse.failed') {
      return new AppError('request/not-json', 400, 'the request body is not valid JSON');
    }
    if (err.type === 'encoding.unsupported') {
      return new AppError(
        'request/unsupported-encoding',
        415,
        'the Content-Encoding of the body is not supported (send identity, gzip, deflate or br)',
      );
    }
  }
  const status = clientStatusOf(err);
  if (status !== undefined) return fromClientStatus(err, status);
  return new AppError('internal/error', 500, 'internal error', { cause: err });
}
