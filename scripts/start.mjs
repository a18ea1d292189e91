// `pnpm start`: builds the client when it has not been built or its sources changed since, builds
// the server (under a second, so always: it can never run stale code), then serves the SPA and the API.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, serverNodeArgs } from '../server/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clientDist = process.env.CLIENT_DIST
  ? path.resolve(process.env.CLIENT_DIST)
  : path.join(root, 'client', 'dist');

/** The newest modification time under `dir` (files only; node_modules and dist are skipped). */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

// The server runs as built JavaScript on plain Node, not through tsx (decision 058). It builds in
// under a second, so always: it never serves stale code.
await buildServer();

const builtIndex = path.join(clientDist, 'index.html');
// The client bundles its own sources and the shared package: a checkout that moved on since the
// last build would otherwise serve yesterday's pages against today's API.
const stale = () =>
  Math.max(newestMtime(path.join(root, 'client')), newestMtime(path.join(root, 'shared'))) >
  statSync(builtIndex).mtimeMs;
// CLIENT_DIST names a build made elsewhere: it is used as it is.
const ownBuild = !process.env.CLIENT_DIST;

if (!existsSync(builtIndex) || (ownBuild && stale())) {
  console.log(
    existsSync(builtIndex)
      ? 'the client sources changed since client/dist was built: building the client first…'
      : 'client/dist/index.html is missing: building the client first…',
  );
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

const server = spawn(process.execPath, [...serverNodeArgs, 'server/dist/main.mjs'], {
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
