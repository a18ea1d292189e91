// The import boundaries of decision 024 are Biome `noRestrictedImports` overrides in biome.json.
// This runs the real configuration over small files placed at the paths the overrides name, in a
// scratch directory, so a rule that stops matching (a glob typo, an override that replaces another)
// fails here and not in review.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const biome = join(root, 'node_modules', '.bin', 'biome');

/** [path of the importing file, the import it makes, whether the boundaries refuse it] */
const cases: [string, string, boolean][] = [
  // A feature never imports another feature, whichever way the path is spelled.
  ['client/src/features/console/components/X.tsx', '../../history/api/get-history', true],
  ['client/src/features/history/X.ts', '../../features/admin/api/get-users', true],
  ['client/src/features/admin/lib/X.ts', '../../auth/lib/safe-next', true],
  ['client/src/features/dashboard/X.ts', '../console/lib/drafts', true],
  ['client/src/features/explore/pages/X.tsx', '../../history/api/get-history', true],
  ['client/src/features/history/X.ts', '../explore/api/explorer', true],
  [
    'client/src/features/explore/components/X.tsx',
    '../../../components/conversation/ConversationView',
    false,
  ],
  ['client/src/app/layout/X.tsx', '../../features/explore/lib/paths', false],
  ['client/src/features/callbacks/components/X.tsx', '../../runs/api/runs', true],
  ['client/src/features/runs/X.ts', '../callbacks/lib/curl', true],
  ['client/src/features/callbacks/pages/X.tsx', '../api/use-callback-stream', false],
  ['client/src/features/console/components/X.tsx', '../../../api/get-entry', false],
  ['client/src/features/console/components/X.tsx', '../../../api/history-keys', false],
  ['client/src/features/history/pages/X.tsx', '../components/ReplayDialog', false],
  // Shared client modules never import a feature or the app; the app composes features.
  ['client/src/lib/X.ts', '../features/console/lib/drafts', true],
  ['client/src/components/response/X.tsx', '../../app/router', true],
  ['client/src/app/X.tsx', '../features/console/pages/ConsolePage', false],
  ['client/src/main.tsx', './app/router', false],
  // The client never imports the server, nor the catalog's data.
  ['client/src/app/X.ts', '../../../server/src/core/errors', true],
  ['client/src/features/console/X.ts', '@console/server', true],
  ['client/src/components/X.ts', '@console/shared/catalog', true],
  ['client/src/api/X.ts', '@console/shared', true],
  ['client/src/features/history/X.ts', '@console/shared/catalog/lookups', false],
  ['client/src/lib/X.ts', '@console/shared/guard-rails', false],
  // shared imports neither side.
  ['shared/src/X.ts', '../../server/src/core/errors', true],
  ['shared/src/catalog/X.ts', '../../../client/src/lib/api-client', true],
  ['shared/src/X.ts', './api', false],
  // The sandbox is wired only in server.ts and sandbox-main.ts …
  ['server/src/services/X.ts', '../sandbox/router', true],
  ['server/src/http/X.ts', '../sandbox', true],
  ['server/src/server.ts', './sandbox', false],
  ['server/src/sandbox-main.ts', './sandbox/index', false],
  // … and never uses the console's services or HTTP layer.
  ['server/src/sandbox/X.ts', '../services/send-request', true],
  ['server/src/sandbox/commands/X.ts', '../../http/app', true],
  ['server/src/sandbox/X.ts', 'node:http', false],
  ['server/src/sandbox/commands/X.ts', '../state/body', false],
];

/** The path of each noRestrictedImports diagnostic in Biome's JSON report. */
function refusedPaths(report: unknown): string[] {
  if (typeof report !== 'object' || report === null || !('diagnostics' in report)) {
    throw new Error('Biome answered without a diagnostics list');
  }
  const { diagnostics } = report;
  if (!Array.isArray(diagnostics)) throw new Error('Biome answered without a diagnostics list');
  return diagnostics.flatMap((d: { category?: unknown; location?: { path?: unknown } }) =>
    d.category === 'lint/style/noRestrictedImports' && typeof d.location?.path === 'string'
      ? [d.location.path]
      : [],
  );
}

let scratch: string;
let refused: Map<string, number>;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'import-boundaries-'));
  // The real configuration, without the schema path that only resolves inside the repository.
  const config = JSON.parse(await readFile(join(root, 'biome.json'), 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  await writeFile(join(scratch, 'biome.json'), JSON.stringify(config));
  await Promise.all(
    cases.map(async ([file, source], i) => {
      const path = join(scratch, caseFile(file, i));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, `import * as m from '${source}';\n\nexport { m };\n`);
    }),
  );
  const run = await promisify(execFile)(
    biome,
    ['lint', '--reporter=json', '--max-diagnostics=none', '--only=style/noRestrictedImports', '.'],
    { cwd: scratch },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  refused = new Map();
  for (const path of refusedPaths(JSON.parse(run.stdout))) refused.set(path, (refused.get(path) ?? 0) + 1);
}, 60_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** One file per case, beside the path it stands for, so the overrides' globs apply to it. */
function caseFile(file: string, i: number): string {
  return /\/X\.tsx?$/.test(file) ? file.replace(/X(\.tsx?)$/, `X${i}$1`) : file;
}

describe('import boundaries (biome.json noRestrictedImports)', () => {
  cases.forEach(([file, source, refuse], i) => {
    it(`${refuse ? 'refuses' : 'allows'} ${source} in ${file}`, () => {
      expect(refused.get(caseFile(file, i)) ?? 0).toBe(refuse ? 1 : 0);
    });
  });
});
