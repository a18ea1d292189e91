import compression from 'compression';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Database } from '../adapters/db';
import type { ProxyAuthConfig } from '../config/proxy-auth';
import type { Logger } from '../logger';
import type { AppStatsService } from '../services/app-stats';
import type { AuditService } from '../services/audit';
import type { AuthService } from '../services/auth';
import type { CallbackService } from '../services/callbacks/service';
import type { DiagnoseService } from '../services/diagnose';
import type { EnvironmentRegistry } from '../services/environments';
import type { ExplorerService } from '../services/explorer';
import type { HistoryService } from '../services/history';
import type { Metrics } from '../services/metrics';
import type { RunService } from '../services/runs';
import type { SendRequestService } from '../services/send-request';
import type { StatsService } from '../services/stats';
import type { TokenService } from '../services/tokens';
import type { UserService } from '../services/users';
import { errorHandler, notFoundRoute } from './errors';
import { createFastPath, type FastPath } from './fast-path';
import { requireAuth, requireRole } from './middleware/auth';
import { jsonBody } from './middleware/body';
import { proxyAuth } from './middleware/proxy-auth';
import { requestLog } from './middleware/request-log';
import { sameOriginOnly, securityHeaders } from './middleware/security';
import { auditRoutes } from './routes/audit';
import { callbackReceiverRoutes } from './routes/callback-receiver';
import { callbackRoutes } from './routes/callbacks';
import { catalogRoutes } from './routes/catalog';
import { diagnoseRoutes } from './routes/diagnose';
import { environmentStatsRoutes } from './routes/environment-stats';
import { explorerRoutes } from './routes/explorer';
import { healthRoutes } from './routes/health';
import { metricsRoute } from './routes/metrics';
import { requestRoutes, sendRoute } from './routes/requests';
import { runBody, runRoutes } from './routes/runs';
import { sessionRoutes, signInRoute } from './routes/session';
import { statsRoutes } from './routes/stats';
import { tokenRoutes } from './routes/tokens';
import { userRoutes } from './routes/users';
import { clientRoutes } from './static';

export interface AppDeps {
  logger: Logger;
  database: Database;
  auth: AuthService;
  environments: EnvironmentRegistry;
  send: SendRequestService;
  history: HistoryService;
  runs: RunService;
  stats: StatsService;
  appStats: AppStatsService;
  diagnose: DiagnoseService;
  explorer: ExplorerService;
  metrics: Metrics;
  users: UserService;
  tokens: TokenService;
  audit: AuditService;
  callbacks: CallbackService;
  proxyAuth: ProxyAuthConfig | null;
  trustProxy: boolean | number | string[];
  clientDist: string;
  /** The built-in sandbox's router, when it is on. It parses its own raw body. */
  sandboxRouter?: Router | undefined;
  /** True once the replica is stopping: /readyz answers 503 so a load balancer drains it. */
  stopping?: (() => boolean) | undefined;
}

/**
 * Gzip what is read (the SPA's assets, the catalog, history pages, exports); not the answers to
 * sends and replays, where the bytes are few and the added latency is on the operator's hot path.
 */
function compressible(req: Request, res: Response): boolean {
  if (req.method !== 'GET' || req.path.startsWith('/sandbox')) return false;
  return compression.filter(req, res);
}

/** compression wraps every response it sees; the others skip it rather than be wrapped for nothing. */
function compressGets(): RequestHandler {
  const compress = compression({ filter: compressible });
  return (req, res, next) => {
    if (req.method !== 'GET') return next();
    return compress(req, res, next);
  };
}

/** Answers about people and calls must not stay in a browser's or a shared proxy's cache. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

export type ConsoleApp = express.Express & {
  /** `POST /api/requests` ahead of the router, through the same middleware (decision 049). */
  fastPath: FastPath;
};

export function createApp(deps: AppDeps): ConsoleApp {
  const app = express();
  app.disable('x-powered-by');
  // API answers are fresh every time (no-store data, one-off sends): hashing each body for an ETag
  // is work for nothing. The SPA's files keep theirs, which express.static computes on its own.
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy);
  // Every request's middleware, then every API request's: the fast path below runs these same
  // lists, so a middleware added to one of them applies to it too. Added elsewhere, it would not:
  // keep what every API call needs in these lists.
  const everyRequest: RequestHandler[] = [requestLog(app, deps.logger), securityHeaders, compressGets()];
  const everyApiRequest: RequestHandler[] = [noStore, sameOriginOnly];
  app.use(everyRequest);

  const signedIn = [proxyAuth(deps.proxyAuth, deps.users), requireAuth(deps.auth)];
  // Before any body parser: the sandbox reads its own raw body, as the real API would.
  if (deps.sandboxRouter) {
    // The sandbox is shared by everyone on this console: wiping it is an operator's act. The
    // emulated API itself stays open, like the real one, since it checks its own UserSig.
    app.post('/sandbox/reset', sameOriginOnly, ...signedIn, requireRole('operator'));
    app.use('/sandbox', deps.sandboxRouter);
  }

  // Tencent calls this with no session: the signature is the authentication. Before any body parser.
  app.use(callbackReceiverRoutes(deps.callbacks));
  app.use(healthRoutes(deps.database, deps.stopping));
  app.use(metricsRoute(deps.auth, deps.metrics));

  const api = express.Router();
  api.use(everyApiRequest);
  // Before the API's own parser: a run's CSV may be larger than other bodies.
  api.post('/runs', runBody);
  api.post('/runs/preview', runBody);
  api.use(jsonBody);
  api.use(signInRoute(deps.auth, deps.metrics));
  api.use(...signedIn);
  api.use(sessionRoutes(deps.auth));
  api.use(catalogRoutes(deps.environments));
  api.use(requestRoutes(deps.send, deps.history));
  api.use(runRoutes(deps.runs));
  api.use(statsRoutes(deps.stats));
  api.use(environmentStatsRoutes(deps.appStats));
  api.use(diagnoseRoutes(deps.diagnose));
  api.use(explorerRoutes(deps.explorer));
  api.use(userRoutes(deps.users));
  api.use(tokenRoutes(deps.tokens));
  api.use(auditRoutes(deps.audit));
  api.use(callbackRoutes(deps.callbacks));
  api.use(notFoundRoute);
  app.use('/api', api);

  app.use(clientRoutes(deps.clientDist));
  app.use(notFoundRoute);
  const onError = errorHandler();
  app.use(onError);

  // The one route served ahead of the router: scripts and bulk tools call it in loops. Its chain is
  // what the router reaches for it above (routes mounted in between match other paths only).
  const fastPath = createFastPath(
    app,
    [
      {
        method: 'POST',
        path: '/api/requests',
        chain: [...everyRequest, ...everyApiRequest, ...jsonBody, ...signedIn, sendRoute(deps.send)],
      },
    ],
    onError,
  );
  return Object.assign(app, { fastPath });
}
