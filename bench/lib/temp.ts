import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const live = new Set<string>();
// An interrupted run must not leave a gigabyte of SQLite behind in the temp directory.
process.on('exit', () => {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the OS temp dir (TMPDIR), removed by `removeTempDir` or at exit. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `console-bench-${prefix}-`));
  live.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}
