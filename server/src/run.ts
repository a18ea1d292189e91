import { ConfigError, loadConfig } from './config';
import { flushLogs } from './logger';
import { createServer, type ServerOptions } from './server';

function fail(message: string): never {
  process.stderr.write(`chat-rest-console: ${message}\n`);
  process.exit(1);
}

/**
 * The console as a process: configuration from the environment, the server started, shut down on
 * SIGINT / SIGTERM or an uncaught exception. `main.ts` runs it as is; `options` are for the
 * benchmark's variants of the same process (e.g. the call recorder without rollups).
 */
export async function runConsole(options: ServerOptions = {}): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(`configuration error: ${err.message}`);
    throw err;
  }

  const server = createServer(config, options);
  const { logger } = server;

  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  });
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception; shutting down');
    void shutdown(1);
  });

  let stopping = false;
  async function shutdown(code: number) {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down');
    const timer = setTimeout(() => process.exit(code || 1), 10_000);
    timer.unref();
    try {
      await server.stop();
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
      process.exitCode = 1;
    }
    // stdout is written asynchronously: the last lines (this shutdown's among them) are still buffered.
    await flushLogs(logger);
    process.exit(code);
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const { url } = await server.start();
    logger.info({ url }, `Chat REST Console on ${url}`);
  } catch (err) {
    logger.fatal({ err }, 'cannot start');
    await server.stop().catch(() => {});
    await flushLogs(logger);
    process.exit(1);
  }
}
