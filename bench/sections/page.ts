import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { authenticate, type Credentials } from '../lib/auth';
import { assetSize, distProblem, gzipSize, indexAssets, monacoAssets, monacoPattern } from '../lib/dist';
import { figure } from '../lib/figure';
import { repoRoot, startConsole } from '../lib/processes';
import { median } from '../lib/stats';
import { makeTempDir, removeTempDir } from '../lib/temp';
import type { SectionContext, SectionResult } from './context';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const CONSOLE_PATH = '/?env=sandbox&command=im_open_login_svc/account_check';
const EDITOR = 'section[aria-label="Request body"] .monaco-editor';
/** A main thread without long tasks for this long counts as interactive (Lighthouse waits 5 s). */
const QUIET_MS = 2000;
const FIRST_PAINT_BUDGET = 250_000;

// Strings, not functions: they run in the page, and this package is type-checked without the DOM.
const initScript = `(() => {
  const state = { longTasks: [], editorReadyAt: null };
  window.__bench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push([e.startTime, e.startTime + e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const observer = new MutationObserver(() => {
    if (state.editorReadyAt !== null) return;
    if (document.querySelector('${EDITOR} textarea') && document.querySelector('${EDITOR} .view-line')) {
      state.editorReadyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;
const metricsScript = `JSON.stringify({
  dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
  load: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? null,
  fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  now: performance.now(),
  document: performance.getEntriesByType('navigation')[0]?.encodedBodySize ?? 0,
  resources: performance.getEntriesByType('resource').map((r) => ({ name: r.name, responseEnd: r.responseEnd, wire: r.encodedBodySize })),
  longTasks: window.__bench ? window.__bench.longTasks : [],
  editorReadyAt: window.__bench ? window.__bench.editorReadyAt : null,
})`;

interface PageMetrics {
  dcl: number;
  load: number;
  fcp: number;
  now: number;
  /** Body bytes as sent (compressed, if the server compressed), from Resource Timing. */
  documentWire: number;
  resources: { name: string; responseEnd: number; wire: number }[];
  longTasks: [number, number][];
  editorReadyAt: number | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const num = (v: unknown, what: string): number => {
  if (typeof v !== 'number') throw new Error(`the page reported no ${what}`);
  return v;
};

function parseMetrics(text: unknown): PageMetrics {
  const raw: unknown = JSON.parse(String(text));
  if (!isRecord(raw) || !Array.isArray(raw.resources) || !Array.isArray(raw.longTasks)) {
    throw new Error('the page reported no metrics');
  }
  return {
    dcl: num(raw.dcl, 'DOMContentLoaded'),
    load: typeof raw.load === 'number' ? raw.load : 0,
    fcp: num(raw.fcp, 'first contentful paint'),
    documentWire: typeof raw.document === 'number' ? raw.document : 0,
    now: num(raw.now, 'time'),
    resources: raw.resources.flatMap((r) =>
      isRecord(r) && typeof r.name === 'string' && typeof r.responseEnd === 'number'
        ? [{ name: r.name, responseEnd: r.responseEnd, wire: typeof r.wire === 'number' ? r.wire : 0 }]
        : [],
    ),
    longTasks: raw.longTasks.flatMap((t): [number, number][] =>
      Array.isArray(t) && typeof t[0] === 'number' && typeof t[1] === 'number' ? [[t[0], t[1]]] : [],
    ),
    editorReadyAt: typeof raw.editorReadyAt === 'number' ? raw.editorReadyAt : null,
  };
}

/**
 * Lighthouse's idea with a shorter window: from first paint (or DOMContentLoaded, if later), the end
 * of the last long task before the first QUIET_MS without one.
 */
export function timeToInteractive(m: Pick<PageMetrics, 'fcp' | 'dcl' | 'longTasks'>): number {
  let candidate = Math.max(m.fcp, m.dcl);
  for (const [start, end] of [...m.longTasks].sort((a, b) => a[0] - b[0])) {
    if (end <= candidate) continue;
    if (start - candidate >= QUIET_MS) break;
    candidate = Math.max(candidate, end);
  }
  return candidate;
}

/**
 * Polls an expression until it is truthy. Not `page.waitForFunction`: that evaluates strings with
 * `new Function` inside the page, which the console's CSP (script-src 'self') rightly refuses;
 * `page.evaluate` goes through the DevTools protocol, which CSP does not govern.
 */
async function pollFor(page: Page, expression: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return true;
    if (Date.now() > deadline) return false;
    await page.waitForTimeout(20);
  }
}

async function waitForQuiet(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => {});
  const deadline = Date.now() + 30_000;
  for (;;) {
    const m = parseMetrics(await page.evaluate(metricsScript));
    const lastEnd = Math.max(0, ...m.longTasks.map((t) => t[1]));
    if (m.now - Math.max(lastEnd, m.fcp) >= QUIET_MS || Date.now() > deadline) return;
    await page.waitForTimeout(250);
  }
}

interface LoadSample {
  fcpMs: number;
  ttiMs: number;
  editorReadyMs: number;
  firstPaint: { url: string; raw: number; gzip: number; wire: number }[];
  apiBeforePaint: { url: string; raw: number }[];
  monacoLoaded: string[];
  longTasks: number;
  typed: boolean;
}

async function loadConsole(browser: Browser, url: string, credentials: Credentials): Promise<LoadSample> {
  // A fresh context per load: empty cache, as a first visit.
  const context = await browser.newContext();
  try {
    await context.addCookies([{ name: credentials.cookie.name, value: credentials.cookie.value, url }]);
    const page = await context.newPage();
    await page.addInitScript({ content: initScript });
    const bodies = new Map<string, Promise<Buffer | null>>();
    page.on('response', (res) => {
      bodies.set(
        res.url(),
        res.body().catch(() => null),
      );
    });
    await page.goto(`${url}${CONSOLE_PATH}`, { waitUntil: 'commit' });
    if (!(await pollFor(page, 'window.__bench?.editorReadyAt != null', 60_000))) {
      throw new Error('the editor did not appear within 60 s');
    }
    await waitForQuiet(page);
    const m = parseMetrics(await page.evaluate(metricsScript));

    // Ready means typeable: a key pressed now must land in the editor's text.
    await page.locator(EDITOR).first().click();
    await page.keyboard.type('zq');
    const typed = await pollFor(
      page,
      `document.querySelector('${EDITOR} .view-lines')?.textContent.includes('zq')`,
      5_000,
    );

    const documentUrl = `${url}${CONSOLE_PATH}`;
    const beforePaint = [
      documentUrl,
      ...m.resources.filter((r) => r.responseEnd <= m.fcp).map((r) => r.name),
    ];
    const firstPaint: LoadSample['firstPaint'] = [];
    const apiBeforePaint: LoadSample['apiBeforePaint'] = [];
    for (const resource of [...new Set(beforePaint)]) {
      const body = await bodies.get(resource);
      if (!body) continue;
      if (new URL(resource).pathname.startsWith('/api/'))
        apiBeforePaint.push({ url: resource, raw: body.length });
      else {
        const wire =
          resource === documentUrl
            ? m.documentWire
            : (m.resources.find((r) => r.name === resource)?.wire ?? 0);
        firstPaint.push({ url: resource, raw: body.length, gzip: gzipSize(body), wire });
      }
    }
    return {
      fcpMs: m.fcp,
      ttiMs: timeToInteractive(m),
      editorReadyMs: m.editorReadyAt ?? Number.NaN,
      firstPaint,
      apiBeforePaint,
      monacoLoaded: [...bodies.keys()].filter((u) => monacoPattern.test(new URL(u).pathname)),
      longTasks: m.longTasks.length,
      typed,
    };
  } finally {
    await context.close();
  }
}

/** The same browser loading the smallest page the server has: what any page costs here. */
async function loadTrivial(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}/healthz`, { waitUntil: 'load' });
    const load: unknown = await page.evaluate(
      "performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? null",
    );
    return num(load, 'load time');
  } finally {
    await context.close();
  }
}

function ensureBuild(ctx: SectionContext, dist: string): string | null {
  if (!existsSync(path.join(dist, 'index.html'))) {
    ctx.log('page: client/dist is missing; running pnpm --filter @console/client build');
    const build = spawnSync('pnpm', ['--filter', '@console/client', 'build'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
    if (build.status !== 0) {
      const tail = `${build.stderr?.toString() ?? ''}`.trim().split('\n').slice(-3).join(' / ');
      return `the client build failed (exit ${build.status}): ${tail}`;
    }
  }
  return distProblem(dist);
}

export async function runPage(ctx: SectionContext): Promise<SectionResult> {
  const dist = path.join(repoRoot, 'client/dist');
  const problem = ensureBuild(ctx, dist);
  if (problem) return { figures: [], details: {}, skipped: problem };
  const executablePath = process.env.CONSOLE_CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    return {
      figures: [],
      details: {},
      skipped: `no Chromium at ${executablePath} (set CONSOLE_CHROMIUM_PATH)`,
    };
  }

  // Static view of the build, taken before the server starts so a rebuild mid-run shows as a mismatch.
  const staticFirstPaint = indexAssets(dist).map((f) => assetSize(dist, f));
  staticFirstPaint.push(assetSize(dist, 'index.html'));
  const staticGzip = staticFirstPaint.reduce((s, a) => s + a.gzip, 0);
  const monacoFiles = monacoAssets(dist);

  const dataDir = makeTempDir('page');
  const server = await startConsole({ dataDir, logLevel: 'warn', clientDist: dist });
  let browser: Browser | undefined;
  try {
    const credentials = await authenticate(server.url);
    browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs });
    const trivial: number[] = [];
    const samples: LoadSample[] = [];
    for (let run = 0; run < ctx.options.pageRuns; run++) {
      ctx.log(`page: load ${run + 1}/${ctx.options.pageRuns}`);
      trivial.push(await loadTrivial(browser, server.url));
      samples.push(await loadConsole(browser, server.url, credentials));
    }
    const last = samples.at(-1);
    if (!last) throw new Error('no page load');
    const firstPaintGzip = median(samples.map((s) => s.firstPaint.reduce((t, f) => t + f.gzip, 0)));
    const firstPaintRaw = median(samples.map((s) => s.firstPaint.reduce((t, f) => t + f.raw, 0)));
    const firstPaintWire = median(samples.map((s) => s.firstPaint.reduce((t, f) => t + f.wire, 0)));
    const compressed = firstPaintWire < firstPaintRaw * 0.9;
    const loadedMonaco = monacoFiles.filter((f) => last.monacoLoaded.some((u) => u.endsWith(`/${f.file}`)));
    const monacoGzip = loadedMonaco.reduce((t, f) => t + f.gzip, 0);
    const trivialMs = median(trivial);
    const fcp = median(samples.map((s) => s.fcpMs));
    const tti = median(samples.map((s) => s.ttiMs));
    const editor = median(samples.map((s) => s.editorReadyMs));
    const kb = (n: number) => n / 1000;
    const untyped = samples.filter((s) => !s.typed).length;
    const chunkNote = monacoFiles
      .map((f) => `${f.file.replace(/^assets\//, '')} ${Math.round(kb(f.gzip))}`)
      .join(', ');
    return {
      figures: [
        figure('page', {
          name: 'first paint, gzipped (measured in the browser)',
          unit: 'KB',
          value: kb(firstPaintGzip),
          baseline: kb(staticGzip),
          baselineName: 'index.html + its entry, preloads, CSS',
          compare: 'ratio',
          goal: { text: '< 250 KB gz', test: (f) => f.value * 1000 < FIRST_PAINT_BUDGET },
          note: compressed
            ? `${Math.round(kb(firstPaintWire))} KB on the wire as the server compresses it, ${Math.round(kb(firstPaintRaw))} KB raw`
            : `${Math.round(kb(firstPaintRaw))} KB raw on the wire: the server does not compress`,
        }),
        figure('page', {
          name: 'Monaco chunks loaded for the editor, gzipped',
          unit: 'KB',
          value: kb(monacoGzip),
          baseline: kb(firstPaintGzip),
          baselineName: 'first paint',
          compare: 'ratio',
          note: `KB gz: ${chunkNote}`,
        }),
        figure('page', {
          name: 'first contentful paint',
          unit: 'ms',
          value: fcp,
          baseline: trivialMs,
          baselineName: 'load of /healthz',
          compare: 'diff',
        }),
        figure('page', {
          name: 'time to interactive',
          unit: 'ms',
          value: tti,
          baseline: trivialMs,
          baselineName: 'load of /healthz',
          compare: 'diff',
          note: `last long task before ${QUIET_MS / 1000} s without one`,
        }),
        figure('page', {
          name: 'time to editor ready for typing',
          unit: 'ms',
          value: editor,
          baseline: fcp,
          baselineName: 'first contentful paint',
          compare: 'diff',
          ...(untyped > 0 ? { note: `INVALID: typing did not reach the editor in ${untyped} load(s)` } : {}),
        }),
      ],
      details: {
        runs: ctx.options.pageRuns,
        trivialLoadMs: trivial,
        samples,
        static: { firstPaint: staticFirstPaint, gzipBytes: staticGzip, monaco: monacoFiles },
      },
    };
  } finally {
    await browser?.close();
    await server.stop();
    removeTempDir(dataDir);
  }
}
