import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import express from 'express';
import type { DestinationStream } from 'pino';
import {
  type CallRecorderOptions,
  createLiveBus,
  createRateSlotStore,
  createRepositories,
  createWindowStore,
  type Database,
  type LiveBus,
  noLiveBus,
  openDatabase,
  withAdvisoryLock,
} from './adapters/db';
import { TencentClient } from './adapters/tencent-client';
import { UserSigSigner } from './adapters/usersig';
import type { Config } from './config';
import { createApp } from './http/app';
import { expressMessageClasses, type FastPath } from './http/fast-path';
import { createLogger, type Logger } from './logger';
import {
  createBeforeCallbackAsker,
  createCallbackSender,
  createSandbox,
  loadOrCreateSandboxKey,
  SANDBOX_ADMIN,
  SANDBOX_SDKAPPID,
} from './sandbox';
import { AppStatsService } from './services/app-stats';
import { AuditService } from './services/audit';
import { AuthService } from './services/auth';
import { type AuthorizeCommand, guardCommands } from './services/authorize';
import { CallbackService } from './services/callbacks/service';
import { DiagnoseService } from './services/diagnose';
import { EnvironmentRegistry, type SandboxIdentity } from './services/environments';
import { ExplorerService } from './services/explorer';
import { HistoryService } from './services/history';
import { startInterruptedCallSweep } from './services/interrupted-calls';
import { Metrics } from './services/metrics';
import { CommandRateLimiter, type RateLimiter, SharedCommandRateLimiter } from './services/rate-limiter';
import { startRetentionJob } from './services/retention';
import { RunChanges } from './services/run-changes';
import { RunService } from './services/runs';
import { SendRequestService } from './services/send-request';
import { SignInFailureLog } from './services/sign-in-failures';
import {
  SharedSignInThrottle,
  SignInThrottle,
  type SignInThrottleOptions,
} from './services/sign-in-throttle';
import { StatsService, startRollupFold } from './services/stats';
import { TokenService } from './services/tokens';
import { UserService } from './services/users';

export interface ServerOptions {
  /** Where pino writes; stdout by default. Tests pass a stream to inspect the log. */
  logDestination?: DestinationStream;
  /** Replaces the guard rails (roles, confirmation, read-only); tests and benchmarks only. */
  authorize?: AuthorizeCommand;
  /** The rate limiter of single calls and runs; tests pass one on a clock they move. */
  limiter?: RateLimiter;
  /** Overrides of the failed sign-in limits. */
  signInThrottle?: Partial<SignInThrottleOptions>;
  /** The built-in sandbox's clock (rate windows, message times); tests freeze it to count one second. */
  sandboxNow?: () => number;
  /** How long the sandbox waits for a "before" callback's answer; Tencent's 2 s by default. */
  sandboxBeforeCallbackTimeoutMs?: number;
  /**
   * Every request through Express's router, `POST /api/requests` too (decision 049); tests only,
   * to compare the fast path's answers with the router's.
   */
  routerOnly?: boolean;
  /** How often the dashboard's rollup fold runs (decision 056); 20 s by default, tests shorten it. */
  rollupFoldIntervalMs?: number;
  /**
   * The call recorder's options; the benchmark's baseline only (`rollups: false`: the send path as
   * before the dashboard, decision 061). Not configurable from the environment.
   */
  callRecorder?: CallRecorderOptions;
}

export interface ConsoleServer {
  app: express.Express;
  logger: Logger;
  start(): Promise<{ port: number; url: string }>;
  stop(): Promise<void>;
}

/** The address the server can reach itself on, for the built-in sandbox environment. */
function selfHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === 'localhost' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function printAdminPassword(password: string): void {
  // Printed straight to stdout, once, so it never lands in structured logs that are shipped elsewhere.
  console.log(
    [
      '',
      '================================================================',
      ' First start: created the console user "admin".',
      ` Password: ${password}`,
      ' It is shown only this once. Sign in and change it.',
      '================================================================',
      '',
    ].join('\n'),
  );
}

export function createServer(config: Config, options: ServerOptions = {}): ConsoleServer {
  const logger = createLogger(config.logLevel, options.logDestination);
  // The real app needs the store, which opens asynchronously; requests arrive only after start().
  const app = express();
  app.disable('x-powered-by');

  let http: HttpServer | undefined;
  let database: Database | undefined;
  let client: TencentClient | undefined;
  let stopRetention: (() => Promise<void>) | undefined;
  let stopSweep: (() => Promise<void>) | undefined;
  let stopFold: (() => Promise<void>) | undefined;
  let signInFailures: SignInFailureLog | undefined;
  let origin: string | undefined;
  let runs: RunService | undefined;
  let stopping = false;
  let currentLimiter: RateLimiter | undefined;
  let live: LiveBus | undefined;
  let callbacks: CallbackService | undefined;
  let fastPath: FastPath | undefined;

  async function start() {
    stopping = false;
    database = await openDatabase({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      onCheckpointError: (message) => logger.warn({ reason: message }, 'background WAL checkpoint failed'),
      onConnectionError: (message) => logger.warn({ reason: message }, 'an idle database connection failed'),
      onMigrationProgress: (message, fields) => logger.info(fields, message),
    });
    const repos = createRepositories(database, { calls: options.callRecorder });
    if (config.trustProxy === true) {
      logger.warn(
        'TRUST_PROXY=true believes every X-Forwarded-For hop, so a client can rotate its address past the sign-in throttle: set the number of proxies (e.g. 1) or their addresses instead',
      );
    }
    stopSweep = await startInterruptedCallSweep(
      repos,
      { storeIsExclusive: database.dialect === 'sqlite', upstreamTimeoutMs: config.upstreamTimeoutMs },
      logger,
    );

    let sandbox: SandboxIdentity | null = null;
    let sandboxRouter: express.Router | undefined;
    if (config.sandbox) {
      // Per process: nothing outside the console verifies the sandbox's callbacks (decision 036).
      const callbackToken = randomBytes(32).toString('hex');
      const secretKey = await loadOrCreateSandboxKey(config.dataDir);
      const sandboxEnvironments = config.environments.filter((e) => e.kind === 'sandbox');
      const receiverOf = (id: string) =>
        origin === undefined ? null : `${origin}/callbacks/${encodeURIComponent(id)}`;
      const emulator = createSandbox({
        sdkAppId: SANDBOX_SDKAPPID,
        secretKey,
        adminIdentifier: SANDBOX_ADMIN,
        ...(options.sandboxNow ? { now: options.sandboxNow } : {}),
        logger: logger.child({ component: 'sandbox' }),
        // "Before" callbacks go to the calling environment's receiver, whose rules answer (decision 041).
        askBefore: createBeforeCallbackAsker({
          sdkAppId: SANDBOX_SDKAPPID,
          token: callbackToken,
          target: (id) => (sandboxEnvironments.some((e) => e.id === id) ? receiverOf(id) : null),
          ...(options.sandboxBeforeCallbackTimeoutMs === undefined
            ? {}
            : { timeoutMs: options.sandboxBeforeCallbackTimeoutMs }),
        }),
        // The environment's own limits (rateLimits) are its app's: the sandbox enforces and alerts on them.
        limitFor: (id, key) => {
          const limits = sandboxEnvironments.find((e) => e.id === id)?.rateLimits;
          return limits?.[key] ?? limits?.['*'];
        },
        // Every environment the sandbox serves is the same emulated app: each one's receiver hears it.
        onCallbacks: createCallbackSender({
          sdkAppId: SANDBOX_SDKAPPID,
          token: callbackToken,
          targets: () => sandboxEnvironments.flatMap((e) => receiverOf(e.id) ?? []),
          logger: logger.child({ component: 'sandbox' }),
        }),
      });
      sandboxRouter = emulator.router;
      sandbox = {
        sdkAppId: SANDBOX_SDKAPPID,
        adminIdentifier: SANDBOX_ADMIN,
        secretKey,
        baseUrl: () => {
          if (origin === undefined) throw new Error('the sandbox URL is known only once the server listens');
          return `${origin}/sandbox`;
        },
        notEmulated: emulator.notEmulated,
        callbackToken,
      };
    }

    const environments = new EnvironmentRegistry(config.environments, sandbox);
    client = new TencentClient(config.upstreamTimeoutMs);
    signInFailures = new SignInFailureLog(repos.audit);
    signInFailures.start((err) => logger.error({ err }, 'writing counted sign-in failures failed'));
    // Replicas on PostgreSQL share the limiter's and the throttle's counts there (decision 039);
    // one process on SQLite keeps them in memory.
    const windows = database.dialect === 'postgres' ? createWindowStore(database) : undefined;
    const throttle = windows
      ? new SharedSignInThrottle(windows, options.signInThrottle)
      : new SignInThrottle(options.signInThrottle);
    const auth = new AuthService(repos, Date.now, throttle, signInFailures);
    // One limiter for single calls and runs alike: together they stay within each command's limit.
    const slots = database.dialect === 'postgres' ? createRateSlotStore(database) : undefined;
    const limiter: RateLimiter =
      options.limiter ??
      (slots
        ? new SharedCommandRateLimiter(slots, (err) =>
            logger.error({ err }, 'updating a shared rate slot failed'),
          )
        : new CommandRateLimiter());
    currentLimiter = limiter;
    const metrics = new Metrics();
    const send = new SendRequestService({
      metrics,
      repos,
      environments,
      signer: new UserSigSigner(),
      client,
      authorize: options.authorize ?? guardCommands,
      limiter,
    });
    // Replicas on PostgreSQL tell each other of live changes over LISTEN/NOTIFY (decision 047).
    live =
      database.dialect === 'postgres' && config.databaseUrl !== undefined
        ? createLiveBus(database, config.databaseUrl, {
            onError: (err) => logger.warn({ err }, 'the live-updates connection failed; reconnecting'),
          })
        : noLiveBus;
    runs = new RunService({
      repos,
      environments,
      send,
      limiter,
      logger: logger.child({ component: 'runs' }),
      exclusiveStore: database.dialect === 'sqlite',
      // Progress streams hear runs worked on any replica (decision 053).
      changes: new RunChanges(live, (err, runId) =>
        logger.error({ err, runId }, 'announcing a run change to other replicas failed'),
      ),
      followRecheckMs: config.runEventsRecheckMs,
    });

    callbacks = new CallbackService({
      repos,
      environments,
      logger: logger.child({ component: 'callbacks' }),
      live,
    });
    // Listening before this replica is ready, so it misses nothing announced once it serves (a
    // PostgreSQL that refuses the connection gets retried in the background instead of holding start).
    await Promise.race([live.ready(), new Promise((r) => setTimeout(r, 5_000).unref())]);

    const generated = await auth.bootstrapAdmin(config.adminPassword);
    if (generated !== undefined) printAdminPassword(generated);
    await repos.audit.append({
      actor: 'system',
      action: 'config.load',
      target: null,
      details: {
        environmentsFile: config.environmentsFile,
        environments: environments.all().map((e) => e.id),
        sandbox: config.sandbox,
        database: database.dialect,
        proxyAuth:
          config.proxyAuth === null
            ? null
            : { userHeader: config.proxyAuth.userHeader, trusted: config.proxyAuth.trustedList },
      },
    });

    const consoleApp = createApp({
      logger,
      database,
      auth,
      environments,
      send,
      history: new HistoryService(repos),
      runs,
      stats: new StatsService(repos),
      appStats: new AppStatsService(send),
      diagnose: new DiagnoseService({ environments, send, repos }),
      explorer: new ExplorerService({ environments, send, repos }),
      metrics,
      users: new UserService(repos),
      tokens: new TokenService(repos),
      audit: new AuditService(repos),
      callbacks,
      proxyAuth: config.proxyAuth,
      trustProxy: config.trustProxy,
      clientDist: config.clientDist,
      sandboxRouter,
      stopping: () => stopping,
    });
    app.use(consoleApp);
    fastPath = options.routerOnly ? undefined : consoleApp.fastPath;

    // Requests are born with the console app's prototypes: the fast path then changes no prototype.
    const server = createHttpServer(expressMessageClasses(consoleApp), (req, res) => {
      if (fastPath?.(req, res)) return;
      app(req, res);
    }).listen(config.port, config.host);
    http = server;
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the server is not on a TCP port');
    const { port } = address;
    origin = `http://${selfHost(config.host)}:${port}`;
    const db = database;
    stopRetention = startRetentionJob(
      repos,
      config.retention,
      logger,
      undefined,
      (name, job) => withAdvisoryLock(db, name, job),
      async () => {
        // Shared windows idle for a day hold nothing any limit still counts.
        if (windows) await windows.prune(24 * 60 * 60 * 1000);
        if (slots) await slots.prune();
      },
    );
    // The dashboard's coarser rollups follow the minute rows the send path writes (decision 056).
    stopFold = startRollupFold(repos, logger, options.rollupFoldIntervalMs);
    // Once listening (a sandbox environment needs the server's own address): interrupted runs go on.
    await runs.recover();
    logger.info({ port, host: config.host, environments: environments.all().map((e) => e.id) }, 'listening');
    return { port, url: origin };
  }

  /**
   * Graceful: /readyz turns 503 at once, runs stop after their calls in flight and release their
   * leases (another replica takes them at once), then HTTP requests in flight get 5 s to finish.
   */
  async function stop() {
    stopping = true;
    await runs?.stop();
    await callbacks?.stop();
    await stopRetention?.();
    await stopSweep?.();
    await stopFold?.();
    if (http) {
      const server = http;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // In-flight requests get a moment to finish; then the rest are cut.
      const force = setTimeout(() => server.closeAllConnections(), 5_000);
      force.unref();
      await closed;
      clearTimeout(force);
    }
    await client?.close();
    // Stamps and releases of shared rate slots still on their way to the store.
    await currentLimiter?.drain?.();
    await live?.close();
    // What is still counted goes to the audit log before the store closes.
    await signInFailures
      ?.stop()
      .catch((err: unknown) => logger.error({ err }, 'writing counted sign-in failures failed'));
    await database?.close();
    http = undefined;
    fastPath = undefined;
    runs = undefined;
    callbacks = undefined;
    currentLimiter = undefined;
    live = undefined;
    client = undefined;
    database = undefined;
  }

  return { app, logger, start, stop };
}
