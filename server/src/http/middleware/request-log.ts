import { randomUUID } from 'node:crypto';
import type { Express as App, RequestHandler, Response } from 'express';
import { type Logger, redactUserSig } from '../../logger';

declare global {
  namespace Express {
    interface Request {
      /** This request's id, also sent back as `x-request-id` and written on its log lines. */
      id: string;
      /** A logger whose lines carry `reqId`; made on first use, so a quiet request never pays for it. */
      log: Logger;
    }
  }
}

/** Fields a route adds to its request's one log line (e.g. the upstream call it made). */
export function addLogFields(res: Response, fields: Record<string, unknown>): void {
  const locals = res.locals as { logFields?: Record<string, unknown> };
  locals.logFields = { ...locals.logFields, ...fields };
}

function levelOf(status: number): 'error' | 'warn' | 'info' {
  return status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
}

/**
 * One line per request, written when the answer is finished (or the connection dropped first):
 * method, URL with any UserSig redacted, status, time, and what the route added with
 * `addLogFields`. It replaces pino-http, which made a child logger with the serialized request for
 * every request and cost the send path more than the rest of logging together (decision 019).
 */
export function requestLog(app: App, logger: Logger): RequestHandler {
  // `req.log` is a getter on the app's request prototype: no per-request property to define.
  const childOf = new WeakMap<object, Logger>();
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: Express.Request): Logger {
      let child = childOf.get(this);
      if (child === undefined) {
        child = logger.child({ reqId: this.id });
        childOf.set(this, child);
      }
      return child;
    },
  });

  return (req, res, next) => {
    const started = performance.now();
    const id = randomUUID();
    req.id = id;
    res.setHeader('x-request-id', id);
    const done = () => {
      res.removeListener('finish', done);
      res.removeListener('close', done);
      const finished = res.writableFinished;
      const level = finished ? levelOf(res.statusCode) : 'warn';
      if (!logger.isLevelEnabled(level)) return;
      const { logFields } = res.locals as { logFields?: Record<string, unknown> };
      logger[level](
        {
          reqId: id,
          req: {
            method: req.method,
            url: redactUserSig(req.originalUrl),
            remoteAddress: req.socket.remoteAddress,
          },
          res: { statusCode: res.statusCode },
          responseTime: Math.round((performance.now() - started) * 10) / 10,
          ...logFields,
        },
        finished ? 'request completed' : 'request aborted',
      );
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}
