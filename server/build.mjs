// `pnpm --filter @console/server build`: the server as one ES module, `server/dist/main.mjs`, which
// `pnpm start`, the end-to-end tests, the container and the benchmark run on plain Node (decision
// 058). The console's own sources and `@console/shared` are bundled; every other package stays an
// import, resolved from server/node_modules as before. Names are not kept (`keepNames` wraps every
// named function in a `__name` call, ~5 % of a call's CPU) and nothing is minified, so a stack trace
// still names the functions; `main.mjs.map` maps it to the TypeScript for `--enable-source-maps`.
// The SQLite worker threads are plain `.mjs` files, loaded beside the module that starts them.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = path.dirname(fileURLToPath(import.meta.url));
const defaultOutDir = path.join(serverDir, 'dist');
const workers = ['read-worker.mjs', 'checkpoint-worker.mjs'];

/**
 * Node's flags for the built server, wherever it is started (`pnpm start`, the tests, the bench).
 * Not `--enable-source-maps`: it cost up to 6 % of a call's CPU at one connection (decision 058).
 * Unminified, a trace still reads; add it through NODE_OPTIONS to see the TypeScript lines.
 */
export const serverNodeArgs = [];

/**
 * `entry` and `outDir` build another entry the same way (the benchmark's variants of the server);
 * `outDir` must sit inside `server/`, so the packages resolve from server/node_modules.
 */
export async function buildServer({
  quiet = false,
  entry = path.join(serverDir, 'src/main.ts'),
  outDir = defaultOutDir,
} = {}) {
  const started = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'main.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    keepNames: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'packages-stay-imports',
        setup(b) {
          // A bare specifier is a package: left to Node, except the workspace's own TypeScript ones.
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@console/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  for (const worker of workers) {
    copyFileSync(path.join(serverDir, 'src/adapters/db', worker), path.join(outDir, worker));
  }
  if (!quiet) console.log(`${path.relative(process.cwd(), outfile)} built in ${Date.now() - started} ms`);
  return outfile;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
}
