import { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express';

/**
 * A route served ahead of Express's router (decision 049). Express's router walks every layer
 * mounted before a route, testing each one's path, for every request: on `POST /api/requests` that
 * is the app's and the API's middleware and a dozen routers with their routes, about a tenth of the
 * send path's CPU. A fast route runs the SAME middleware functions Express would run for it, in the
 * same order, with the same error handler, on a request and response given Express's prototypes as
 * `app.handle` gives them: only the looking-up is skipped, so its answers cannot differ from the
 * router's (`server/test/fast-path.test.ts` compares them).
 */
export interface FastRoute {
  method: string;
  /** The path, matched exactly (a query string may follow); anything else goes to Express. */
  path: string;
  /** What Express runs for this route, in order: middleware, then the handler. */
  chain: readonly RequestHandler[];
}

/**
 * Constructors for `http.createServer`'s `IncomingMessage` and `ServerResponse` options whose objects
 * are born with `app`'s request and response prototypes. Express gives every request those prototypes
 * with `Object.setPrototypeOf`; changing a live object's prototype gives it a map of its own, so every
 * property access on it afterwards misses V8's inline caches (`LoadIC_Miss`, `MigrateToMap` in a
 * profile, decision 057). Born with them, the objects share one map and the switch is a no-op.
 */
export function expressMessageClasses(app: Express): {
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
} {
  // Node's message classes are plain constructor functions that can be called on a new object.
  const Request = function (this: IncomingMessage, socket: IncomingMessage['socket']) {
    Reflect.apply(IncomingMessage, this, [socket]);
  } as unknown as typeof IncomingMessage;
  Request.prototype = app.request as unknown as IncomingMessage;
  const Response = function (this: ServerResponse, req: IncomingMessage, options?: unknown) {
    Reflect.apply(ServerResponse, this, [req, options]);
  } as unknown as typeof ServerResponse;
  Response.prototype = app.response as unknown as ServerResponse<IncomingMessage>;
  return { IncomingMessage: Request, ServerResponse: Response };
}

/** Serves the request if it is a fast route's, answering true; false leaves it to Express. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

function isPromise(value: unknown): value is Promise<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function matches(route: FastRoute, req: IncomingMessage): boolean {
  if (req.method !== route.method) return false;
  const url = req.url;
  if (url === undefined || !url.startsWith(route.path)) return false;
  return url.length === route.path.length || url.charCodeAt(route.path.length) === 63; // '?'
}

export function createFastPath(
  app: Express,
  routes: readonly FastRoute[],
  onError: ErrorRequestHandler,
): FastPath {
  return (rawReq, rawRes) => {
    const route = routes.find((r) => matches(r, rawReq));
    if (route === undefined) return false;
    // What `app.handle` does before its router: prototypes, circular references, locals; and what
    // the router sets on the way in (the URL it was given, no mount path).
    const req = rawReq as Request;
    const res = rawRes as Response;
    req.res = res;
    res.req = req;
    // Born with them when the server was made with `expressMessageClasses(app)`.
    if (Object.getPrototypeOf(req) !== app.request) Object.setPrototypeOf(req, app.request);
    if (Object.getPrototypeOf(res) !== app.response) Object.setPrototypeOf(res, app.response);
    if (!res.locals) res.locals = Object.create(null) as Response['locals'];
    req.originalUrl = req.url;
    req.baseUrl = '';

    const chain = route.chain;
    let index = 0;
    let failed = false;
    const next = (err?: unknown): void => {
      if (err !== undefined && err !== null && err !== 'route' && err !== 'router') {
        fail(err);
        return;
      }
      const handler = chain[index++];
      if (handler === undefined) {
        // Every fast route ends in a handler that answers; falling off the end is a bug in the chain.
        fail(new Error(`fast route ${route.method} ${route.path} ended without an answer`));
        return;
      }
      // As Express's router layer: a throw or a rejected promise is passed on as an error.
      try {
        const ret: unknown = handler(req, res, next);
        if (isPromise(ret)) ret.then(undefined, (e: unknown) => next(e ?? new Error('Rejected promise')));
      } catch (e) {
        next(e);
      }
    };
    const fail = (err: unknown): void => {
      if (failed) {
        // The error handler gave up (headers already sent): as Express's final handler does.
        req.socket.destroy();
        return;
      }
      failed = true;
      try {
        onError(err, req, res, (rest?: unknown) => fail(rest ?? err));
      } catch (e) {
        fail(e);
      }
    };
    next();
    return true;
  };
}
