import express, { type Router } from 'express';
import { type Database, DuplicateError, InvalidCursorError } from '../adapters/db';
import type { Logger } from '../logger';
import { createHttpLogger } from '../logger';
import type { AuthService } from '../services/auth';
import type { EnvironmentRegistry } from '../services/environments';
import type { HistoryService } from '../services/history';
import type { SendRequestService } from '../services/send-request';
import { AppError, errorHandler, notFoundRoute } from './errors';
import { requireAuth } from './middleware/auth';
import { jsonBody } from './middleware/body';
import { catalogRoutes } from './routes/catalog';
import { healthRoutes } from './routes/health';
import { requestRoutes } from './routes/requests';
import { sessionRoutes, signInRoute } from './routes/session';
import { clientRoutes } from './static';

export interface AppDeps {
  logger: Logger;
  database: Database;
  auth: AuthService;
  environments: EnvironmentRegistry;
  send: SendRequestService;
  history: HistoryService;
  trustProxy: boolean | number | string[];
  clientDist: string;
  /** The built-in sandbox's router, when it is on. It parses its own raw body. */
  sandboxRouter?: Router | undefined;
}

function translateStoreError(err: unknown): AppError | undefined {
  if (err instanceof InvalidCursorError) return new AppError('request/invalid', 400, err.message);
  if (err instanceof DuplicateError) return new AppError('user/exists', 409, err.message);
  return undefined;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(createHttpLogger(deps.logger));

  // Before any body parser: the sandbox reads its own raw body, as the real API would.
  if (deps.sandboxRouter) app.use('/sandbox', deps.sandboxRouter);

  app.use(healthRoutes(deps.database));

  const api = express.Router();
  api.use(jsonBody);
  api.use(signInRoute(deps.auth));
  api.use(requireAuth(deps.auth));
  api.use(sessionRoutes(deps.auth));
  api.use(catalogRoutes(deps.environments));
  api.use(requestRoutes(deps.send, deps.history));
  api.use(notFoundRoute);
  app.use('/api', api);

  app.use(clientRoutes(deps.clientDist));
  app.use(notFoundRoute);
  app.use(errorHandler(translateStoreError));
  return app;
}
