import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Level 9, as `scripts/bundle-report.mjs` counts, so the two reports agree. */
export const gzipSize = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;

export interface AssetSize {
  file: string;
  raw: number;
  gzip: number;
}

/** Files the built index.html makes the browser fetch before it can paint: entry, preloads, stylesheets. */
export function indexAssets(dist: string): string[] {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
    const ref = tag.startsWith('<script') ? attr('src') : attr('href');
    const rel = attr('rel');
    if (ref === undefined || /^(https?:)?\/\//.test(ref)) continue;
    if (tag.startsWith('<script') || rel === 'modulepreload' || rel === 'stylesheet') {
      files.push(ref.replace(/^\//, ''));
    }
  }
  return [...new Set(files)];
}

/** Why the build cannot be measured (missing or half-written by a build in progress), or null. */
export function distProblem(dist: string): string | null {
  if (!existsSync(path.join(dist, 'index.html'))) return `${dist}/index.html does not exist`;
  const missing = indexAssets(dist).filter((f) => !existsSync(path.join(dist, f)));
  return missing.length
    ? `index.html names files that are not there (a build may be running): ${missing.join(', ')}`
    : null;
}

export function assetSize(dist: string, file: string): AssetSize {
  const bytes = readFileSync(path.join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSize(bytes) };
}

export const monacoPattern = /(^|\/)(monaco|editor\.worker|json\.worker)[-.]|codicon/;

/** Monaco's own chunks in the build: the editor, its workers, its icon font. */
export function monacoAssets(dist: string): AssetSize[] {
  const dir = path.join(dist, 'assets');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => `assets/${name}`)
    .filter((f) => monacoPattern.test(f))
    .map((f) => assetSize(dist, f));
}
