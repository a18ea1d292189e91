import express, { type RequestHandler } from 'express';
import { AppError } from '../../core/errors';

export const BODY_LIMIT_BYTES = 1024 * 1024;

function hasBody(req: Parameters<RequestHandler>[0]): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** A body that is not declared JSON is refused rather than silently ignored. */
const requireJsonContentType: RequestHandler = (req, _res, next) => {
  if (hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
    throw new AppError('request/not-json', 400, 'send the body as JSON with Content-Type: application/json');
  }
  next();
};

export const jsonBody: RequestHandler[] = [
  requireJsonContentType,
  express.json({ limit: BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] }),
];

/** The parsed body, or `{}` when the request had none. */
export function bodyOf(req: Parameters<RequestHandler>[0]): unknown {
  return req.body === undefined ? {} : req.body;
}
