import { createHash } from 'node:crypto';
import {
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sqliteFileName } from '../../server/src/adapters/db/index';
import { repoRoot } from './processes';

/** What a kept seeded store says about itself. */
export interface SeedMeta {
  rows: number;
  /** The last seeded call's time: ranges are measured back from it, not from now. */
  endMs: number;
  seededAt: string;
  seedSeconds: number;
  rollupSeconds: number;
}

/**
 * Everything that shapes the seeded file: the store's code (schema, migrations, row encoding, the
 * seeding itself, the rollups) and SQLite's version. A change to any of it seeds anew.
 */
function storeCodeHash(rows: number): string {
  const hash = createHash('sha256').update(`rows ${rows}\n`);
  const dbDir = path.join(repoRoot, 'server/src/adapters/db');
  const files = [
    ...readdirSync(dbDir).map((f) => path.join(dbDir, f)),
    ...readdirSync(path.join(dbDir, 'migrations')).map((f) => path.join(dbDir, 'migrations', f)),
  ]
    .filter((f) => /\.(ts|mjs)$/.test(f) && !f.endsWith('.test.ts'))
    .sort();
  for (const f of files) hash.update(`${path.relative(repoRoot, f)}\n`).update(readFileSync(f));
  const require = createRequire(path.join(repoRoot, 'server/package.json'));
  hash.update(readFileSync(require.resolve('better-sqlite3/package.json')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A seeded store kept between runs (seeding 10^6 rows takes minutes on a loaded machine). Honest
 * because: the file is reused only if the same store code made it (`storeCodeHash`); a run works on
 * a copy, so no run's sessions, audit rows or calls reach the next; and the ranges are measured back
 * from the seeded calls' end, so the 24 h and 7 d ranges hold the same calls as right after seeding.
 */
export function seedCache(
  rows: number,
  cacheRoot = process.env.CONSOLE_BENCH_CACHE ?? path.join(tmpdir(), 'console-bench-cache'),
) {
  const prefix = `dashboard-${rows}-`;
  const dir = path.join(cacheRoot, `${prefix}${storeCodeHash(rows)}`);
  const metaFile = path.join(dir, 'meta.json');
  return {
    dir,
    /** The kept store's description, when one made by this code is there. */
    find(): SeedMeta | undefined {
      if (!existsSync(metaFile) || !existsSync(path.join(dir, sqliteFileName))) return undefined;
      return JSON.parse(readFileSync(metaFile, 'utf8')) as SeedMeta;
    },
    /** Copies the kept store into `dataDir` (a clone where the file system can). */
    copyTo(dataDir: string): void {
      copyFileSync(
        path.join(dir, sqliteFileName),
        path.join(dataDir, sqliteFileName),
        constants.COPYFILE_FICLONE,
      );
    },
    /** Keeps a closed store's file, replacing any kept by other store code for this many rows. */
    keep(dataDir: string, meta: SeedMeta): void {
      const log = path.join(dataDir, `${sqliteFileName}-wal`);
      if (existsSync(log) && statSync(log).size > 0)
        throw new Error(`${log} still holds commits: close the store first`);
      mkdirSync(cacheRoot, { recursive: true });
      for (const old of readdirSync(cacheRoot)) {
        if (old.startsWith(prefix)) rmSync(path.join(cacheRoot, old), { recursive: true, force: true });
      }
      const partial = `${dir}.partial`;
      rmSync(partial, { recursive: true, force: true });
      mkdirSync(partial);
      copyFileSync(
        path.join(dataDir, sqliteFileName),
        path.join(partial, sqliteFileName),
        constants.COPYFILE_FICLONE,
      );
      writeFileSync(path.join(partial, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
      renameSync(partial, dir);
    },
  };
}
