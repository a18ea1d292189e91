// `pnpm start`: builds the client when it has not been built, then serves the SPA and the API.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clientDist = process.env.CLIENT_DIST
  ? path.resolve(process.env.CLIENT_DIST)
  : path.join(root, 'client', 'dist');

if (!existsSync(path.join(clientDist, 'index.html'))) {
  console.log('client/dist/index.html is missing: building the client first…');
  const build = spawnSync('pnpm', ['--filter', '@console/client', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    console.error('the client build failed; fix it or run `pnpm serve` to start the API alone');
    process.exit(build.status ?? 1);
  }
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
});
// Forward the signals so the server shuts down gracefully rather than being orphaned.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
