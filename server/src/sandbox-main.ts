// Runs the built-in sandbox alone, on its own port, so other tools can test against it without the
// console. This is its own entry point, so it reads process.env itself instead of going through
// config/ (which validates the whole console's settings, most of which do not apply here).
import path from 'node:path';
import express from 'express';
import {
  createSandbox,
  loadOrCreateSandboxKey,
  SANDBOX_ADMIN,
  SANDBOX_SDKAPPID,
  sandboxKeyPath,
} from './sandbox/index';

async function main(): Promise<void> {
  const portText = process.env.SANDBOX_PORT ?? '8081';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SANDBOX_PORT must be a port number, got "${portText}"`);
  }
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
  const secretKey = await loadOrCreateSandboxKey(dataDir);

  const sandbox = createSandbox({
    sdkAppId: SANDBOX_SDKAPPID,
    secretKey,
    adminIdentifier: SANDBOX_ADMIN,
    logger: { warn: (obj, msg) => console.warn(msg, JSON.stringify(obj)) },
  });
  const app = express();
  app.disable('x-powered-by');
  app.use('/sandbox', sandbox.router);

  const server = app.listen(port, host, () => {
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    // The key itself is never printed: only where to find it.
    console.log(
      [
        'Chat REST API sandbox listening',
        `  URL:        http://${host}:${actualPort}/sandbox/v4/{service}/{command}`,
        `  SDKAppID:   ${SANDBOX_SDKAPPID}`,
        `  admin:      ${SANDBOX_ADMIN}`,
        `  key file:   ${sandboxKeyPath(dataDir)}`,
        `  reset:      POST http://${host}:${actualPort}/sandbox/reset`,
      ].join('\n'),
    );
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
