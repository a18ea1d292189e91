#!/usr/bin/env node
// Reports what the browser downloads before first paint (index.html, its entry script, its
// modulepreloads and its stylesheets, which block rendering; gzipped) and Monaco's lazy chunks, and
// checks the bundle holds no TypeScript, CSS or HTML language workers. Exits 1 when first paint
// exceeds the budget or a worker is found.
// Usage: node scripts/bundle-report.mjs [--json] [--dist client/dist]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const FIRST_PAINT_BUDGET_BYTES = 250 * 1000;
const FORBIDDEN_WORKER = /(^|[/-])(ts|typescript|css|html)\.worker/i;

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const distArg = args.indexOf('--dist');
const dist = resolve(distArg >= 0 ? args[distArg + 1] : 'client/dist');

function sizes(file) {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

let html;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  console.error(`No build at ${dist}: run \`pnpm --filter @console/client build\` first.`);
  process.exit(2);
}

const attr = (tag, name) => tag.match(new RegExp(`${name}="([^"]+)"`))?.[1];
const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
const firstPaintFiles = ['index.html'];
for (const tag of tags) {
  if (tag.startsWith('<script') && attr(tag, 'type') === 'module' && attr(tag, 'src')) {
    firstPaintFiles.push(attr(tag, 'src'));
  } else if (
    tag.startsWith('<link') &&
    ['modulepreload', 'stylesheet'].includes(attr(tag, 'rel') ?? '') &&
    attr(tag, 'href')
  ) {
    firstPaintFiles.push(attr(tag, 'href'));
  }
}
const firstPaint = [...new Set(firstPaintFiles)].map((src) => sizes(src.replace(/^\//, '')));
const firstPaintGzip = firstPaint.reduce((sum, f) => sum + f.gzip, 0);

const assets = readdirSync(join(dist, 'assets')).map((name) => `assets/${name}`);
const monaco = assets
  .filter((f) => /(^|\/)(monaco|editor\.worker|json\.worker)[-.]/.test(f) || f.includes('codicon'))
  .map(sizes);
const forbidden = assets.filter((f) => FORBIDDEN_WORKER.test(f));
const totalBytes = assets.reduce((sum, f) => sum + statSync(join(dist, f)).size, 0);

const ok = firstPaintGzip <= FIRST_PAINT_BUDGET_BYTES && forbidden.length === 0;
const report = {
  firstPaint: { files: firstPaint, gzipBytes: firstPaintGzip, budgetBytes: FIRST_PAINT_BUDGET_BYTES },
  monaco: { files: monaco, gzipBytes: monaco.reduce((sum, f) => sum + f.gzip, 0) },
  forbiddenWorkers: forbidden,
  dist: { files: assets.length + 1, bytes: totalBytes },
  ok,
};

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
if (asJson) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log('First paint (index.html + its entry, modulepreloads and stylesheets):');
  for (const f of firstPaint)
    console.log(`  ${f.file.padEnd(48)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(10)} gz`);
  console.log(`  total ${kb(firstPaintGzip)} gz (budget ${kb(FIRST_PAINT_BUDGET_BYTES)})`);
  console.log('Monaco (lazy, own chunks):');
  for (const f of monaco)
    console.log(`  ${f.file.padEnd(48)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(10)} gz`);
  console.log(`  total ${kb(report.monaco.gzipBytes)} gz`);
  console.log(
    forbidden.length === 0
      ? 'Language workers: none for TypeScript, CSS or HTML.'
      : `FORBIDDEN language workers in dist: ${forbidden.join(', ')}`,
  );
  console.log(`dist: ${report.dist.files} files, ${kb(totalBytes)}`);
  if (firstPaintGzip > FIRST_PAINT_BUDGET_BYTES) {
    console.log(`FAIL: first paint is ${kb(firstPaintGzip - FIRST_PAINT_BUDGET_BYTES)} over budget.`);
  }
}
process.exit(ok ? 0 : 1);
