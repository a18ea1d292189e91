import { historyPageQuery } from '../../server/src/adapters/db/history-repository';
import { createRepositories, type Database, newId, openDatabase } from '../../server/src/adapters/db/index';
import {
  dropSearchIndexTriggers,
  seedEntry,
  seedHistory,
  seedRequestId,
} from '../../server/src/adapters/db/testing';
import type { HistoryQuery } from '../../shared/src/api/index';
import { authenticate } from '../lib/auth';
import { type Figure, figure } from '../lib/figure';
import { type LoadResult, measureLoad } from '../lib/load';
import { startConsole } from '../lib/processes';
import { sendPathCpuPerCall } from '../lib/send-path';
import { median, prng, type Timing, timeLoop } from '../lib/stats';
import { makeTempDir, removeTempDir } from '../lib/temp';
import type { SectionContext, SectionResult } from './context';

const standardSizes = [10_000, 100_000, 1_000_000];
const GOAL_SIZE = 1_000_000;

/** The filtered first pages a support engineer opens most; both match 1 entry in 40. */
const pages = {
  'first page env+outcome': { environmentId: 'prod-sg', outcome: 'fail' },
  'first page errorCode': { errorCode: 70107 },
} as const satisfies Record<string, Omit<HistoryQuery, 'limit'>>;
type PageName = keyof typeof pages;
const pageNames = Object.keys(pages).filter((k): k is PageName => k in pages);

interface SizeResult {
  rows: number;
  seedSeconds: number;
  seedRowsPerSecond: number;
  lookup: Timing;
  pages: Record<PageName, Timing>;
  scan?: ScanResult;
  search?: SearchResult;
}

/** A free-text search that matches nothing: before the trigram index, every row was read. */
const NO_MATCH = { q: 'no-entry-contains-this' } as const;

/** A UserID in exactly 10 calls, as the support explorer asks for it (quoted: the JSON string). */
const NEEDLE_USER = 'needle_user_8812';
const NEEDLE = { q: JSON.stringify(NEEDLE_USER) } as const;
const NEEDLE_CALLS = 10;

/** Ten calls about the needle user, spread over the table's time range. */
async function addNeedles(db: Database, rows: number): Promise<void> {
  const repos = createRepositories(db);
  const start = Date.now() - rows * 1000;
  for (let k = 0; k < NEEDLE_CALLS; k++) {
    const i = Math.floor(((k + 0.5) / NEEDLE_CALLS) * rows);
    const base = seedEntry(i, new Date(start + i * 1000 + 500));
    await repos.history.insert({
      ...base,
      id: newId(start + i * 1000 + 500),
      requestBody: { UserID: NEEDLE_USER, Seq: i },
    });
  }
}

/**
 * What the trigram index adds to a call's store work: `calls.begin` + `calls.complete` with 32 calls
 * in flight (group commit), per call, in a store with the index's triggers and in one without them.
 */
async function measureIndexCost(seconds: number): Promise<{ withIndex: Timing; withoutIndex: Timing }> {
  const run = async (dropIndex: boolean): Promise<Timing> => {
    const dir = makeTempDir('index-cost');
    const db = await openDatabase({ dataDir: dir });
    try {
      await seedHistory(db, 10_000);
      if (dropIndex) await dropSearchIndexTriggers(db);
      const repos = createRepositories(db);
      const one = async (i: number) => {
        const entry = seedEntry(i, new Date());
        await repos.calls.begin(
          {
            ...entry,
            outcome: 'pending',
            requestId: null,
            response: null,
            actionStatus: null,
            errorCode: null,
          },
          JSON.stringify(entry.requestBody),
        );
        await repos.calls.complete(entry, null);
      };
      const rounds = await timeLoop(
        (round) => Promise.all(Array.from({ length: 32 }, (_, k) => one(1_000_000 + round * 32 + k))),
        { seconds, warmup: 10, minIterations: 10 },
      );
      return {
        iterations: rounds.iterations * 32,
        p50Ms: rounds.p50Ms / 32,
        p99Ms: rounds.p99Ms / 32,
        meanMs: rounds.meanMs / 32,
      };
    } finally {
      await db.close();
      removeTempDir(dir);
    }
  };
  const withoutIndex = await run(true);
  const withIndex = await run(false);
  return { withIndex, withoutIndex };
}

/**
 * The send path's CPU per call (`lib/send-path.ts`: the whole path, 8 calls in flight) against a
 * store with the search index and one without its triggers, both seeded with 10^4 rows, in
 * alternating rounds in this process.
 */
async function sendPathIndexCpu(ctx: SectionContext) {
  const dirs = { with: makeTempDir('index-send-with'), without: makeTempDir('index-send-without') };
  const dbs: Database[] = [];
  try {
    const open = async (dir: string, dropIndex: boolean) => {
      const db = await openDatabase({ dataDir: dir });
      dbs.push(db);
      await seedHistory(db, 10_000);
      if (dropIndex) await dropSearchIndexTriggers(db);
      return createRepositories(db);
    };
    const variants = { with: await open(dirs.with, false), without: await open(dirs.without, true) };
    const callsPerRound = ctx.options.quick ? 300 : 2000;
    const rounds = ctx.options.quick ? 2 : 6;
    ctx.log(`history: send-path CPU, ${rounds} alternating rounds of ${callsPerRound} calls each way`);
    const perCallMs = await sendPathCpuPerCall({ variants, callsPerRound, rounds });
    // Both stores took every call, indexed or not.
    for (const [name, repos] of Object.entries(variants)) {
      const stored = await repos.history.count({ environmentId: 'bench' });
      if (stored !== callsPerRound * (rounds + 1)) throw new Error(`${name}: ${stored} calls stored`);
    }
    const found = await variants.with.history.count({ q: 'account_check', environmentId: 'bench' });
    if (found !== callsPerRound * (rounds + 1)) throw new Error(`the index found ${found} of the calls`);
    return { callsPerRound, rounds, perCallMs };
  } finally {
    for (const db of dbs) await db.close();
    removeTempDir(dirs.with);
    removeTempDir(dirs.without);
  }
}

interface SearchResult {
  /** `q` for the needle UserID through the repository (trigram index, reader thread). */
  needle: Timing;
  /** The same search without the index: the LIKE scan it replaced, in this process. */
  needleScan: Timing;
  noMatch: Timing;
  noMatchScan: Timing;
}

async function measureSearch(db: Database, seconds: number): Promise<SearchResult> {
  const repos = createRepositories(db);
  const found = await repos.history.list({ ...NEEDLE, limit: 50 });
  if (found.items.length !== NEEDLE_CALLS) throw new Error(`the needle search found ${found.items.length}`);
  const opts = { seconds, warmup: 3, minIterations: 5 };
  const scanOpts = { seconds, warmup: 1, minIterations: 3 };
  const needle = await timeLoop(() => repos.history.list({ ...NEEDLE, limit: 50 }), opts);
  const scan = (filter: { q: string }) => () =>
    historyPageQuery(db.kysely, filter, 51, undefined, db.dialect, false).execute();
  const scanned = await scan(NEEDLE)();
  if (scanned.length !== NEEDLE_CALLS) throw new Error(`the needle scan found ${scanned.length}`);
  const needleScan = await timeLoop(scan(NEEDLE), scanOpts);
  const noMatch = await timeLoop(() => repos.history.list({ ...NO_MATCH, limit: 50 }), opts);
  const noMatchScan = await timeLoop(scan(NO_MATCH), scanOpts);
  return { needle, needleScan, noMatch, noMatchScan };
}

interface ScanResult {
  /** Through the repository: on SQLite the scan runs on the reader's thread (decision 020). */
  viaReader: Timing;
  /** The same compiled query on this thread, as every query ran before the reader. */
  inThread: Timing;
  /** Longest gap between 5 ms ticks of a timer on this thread while each kind of search ran. */
  stallViaReaderMs: number;
  stallInThreadMs: number;
}

/** Largest gap between the ticks of a 5 ms interval while `op` runs: how long the event loop stood still. */
async function longestStall(op: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await op();
    const end = performance.now();
    return Math.max(longest, end - last);
  } finally {
    clearInterval(timer);
  }
}

async function measureScan(db: Database, seconds: number): Promise<ScanResult> {
  const repos = createRepositories(db);
  const first = await repos.history.list({ ...NO_MATCH, limit: 50 });
  if (first.items.length !== 0) throw new Error('the no-match search matched');
  const opts = { seconds, warmup: 1, minIterations: 3 };
  const viaReader = await timeLoop(() => repos.history.list({ ...NO_MATCH, limit: 50 }), opts);
  const inThreadQuery = () => historyPageQuery(db.kysely, NO_MATCH, 51, undefined, db.dialect).execute();
  const inThread = await timeLoop(inThreadQuery, opts);
  const stallViaReaderMs = await longestStall(() => repos.history.list({ ...NO_MATCH, limit: 50 }));
  const stallInThreadMs = await longestStall(inThreadQuery);
  return { viaReader, inThread, stallViaReaderMs, stallInThreadMs };
}

/** Entries `i` with `i % 50 === 7` never got an answer, so they carry no RequestId. */
function existingRequestId(rows: number, next: () => number): string {
  for (;;) {
    const i = Math.floor(next() * rows);
    if (i % 50 !== 7) return seedRequestId(i);
  }
}

function sizesUpTo(maxRows: number): number[] {
  const sizes = standardSizes.filter((n) => n <= maxRows);
  const largest = sizes.at(-1);
  if (largest === undefined || (largest < maxRows && maxRows < GOAL_SIZE)) sizes.push(maxRows);
  return sizes;
}

async function measureStore(db: Database, rows: number, seconds: number) {
  const repos = createRepositories(db);
  const next = prng(rows);
  const sanity = await repos.history.list({ requestId: existingRequestId(rows, next), limit: 50 });
  if (sanity.items.length !== 1) throw new Error(`a RequestId lookup found ${sanity.items.length} entries`);
  const lookup = await timeLoop(
    () => repos.history.list({ requestId: existingRequestId(rows, next), limit: 50 }),
    { seconds },
  );
  const timings: Partial<Record<PageName, Timing>> = {};
  for (const name of pageNames) {
    const query = { ...pages[name], limit: 50 };
    const first = await repos.history.list(query);
    if (first.items.length !== 50) throw new Error(`${name} returned ${first.items.length} entries`);
    timings[name] = await timeLoop(() => repos.history.list(query), {
      seconds,
      warmup: 10,
      minIterations: 20,
    });
  }
  const pagesTimed: Record<PageName, Timing> = {
    'first page env+outcome': timings['first page env+outcome'] ?? lookup,
    'first page errorCode': timings['first page errorCode'] ?? lookup,
  };
  return { lookup, pages: pagesTimed };
}

/** Rows per second out of the repository's keyset-paged stream, read for about `seconds`. */
async function streamRate(db: Database, seconds: number) {
  const repos = createRepositories(db);
  let rows = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  for await (const _entry of repos.history.stream({})) {
    rows += 1;
    if ((rows & 255) === 0 && performance.now() > until) break;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { rows, seconds: elapsed, rowsPerSecond: rows / elapsed };
}

/** Streams the jsonl export over HTTP for about `seconds`, counting lines as they arrive. */
async function exportRate(url: string, headers: Record<string, string>, seconds: number) {
  const start = performance.now();
  const res = await fetch(`${url}/api/requests/export?format=jsonl`, { headers });
  if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}`);
  const reader = res.body.getReader();
  let rows = 0;
  let bytes = 0;
  const until = start + seconds * 1000;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) rows += 1;
    if (performance.now() > until) {
      await reader.cancel();
      break;
    }
  }
  const elapsed = (performance.now() - start) / 1000;
  return { rows, bytes, seconds: elapsed, rowsPerSecond: rows / elapsed };
}

export async function runHistory(ctx: SectionContext): Promise<SectionResult> {
  const { options } = ctx;
  const sizes = sizesUpTo(options.maxRows);
  const results: SizeResult[] = [];
  const figures: Figure[] = [];
  const details: Record<string, unknown> = { sizes: results };
  let largestDir: string | undefined;
  let storeStream: Awaited<ReturnType<typeof streamRate>> | undefined;

  try {
    for (const [index, rows] of sizes.entries()) {
      const isLargest = index === sizes.length - 1;
      const dir = makeTempDir('history');
      if (isLargest) largestDir = dir;
      try {
        ctx.log(`history: seeding ${rows.toLocaleString('en-US')} entries with seedHistory`);
        let db = await openDatabase({ dataDir: dir });
        const t = performance.now();
        await seedHistory(db, rows);
        const seedSeconds = (performance.now() - t) / 1000;
        await addNeedles(db, rows);
        // Reopen as a restarted server would: opening runs `pragma optimize`, so the planner has statistics.
        await db.close();
        db = await openDatabase({ dataDir: dir });
        ctx.log(
          `history: ${rows.toLocaleString('en-US')} entries seeded in ${seedSeconds.toFixed(1)} s; timing queries`,
        );
        // The first size would otherwise pay for the JIT warming up and look slower than the larger ones.
        if (index === 0) await measureStore(db, rows, options.loopSeconds);
        const measured = await measureStore(db, rows, options.loopSeconds);
        const scan = await measureScan(db, options.loopSeconds);
        const search = await measureSearch(db, options.loopSeconds);
        if (isLargest) storeStream = await streamRate(db, options.loadSeconds);
        await db.close();
        results.push({ rows, seedSeconds, seedRowsPerSecond: rows / seedSeconds, ...measured, scan, search });
      } finally {
        if (!isLargest) removeTempDir(dir);
      }
    }

    const base = results[0];
    if (!base) throw new Error('no history size to measure');
    const label = (n: number) => `10^${Math.log10(n).toFixed(Number.isInteger(Math.log10(n)) ? 0 : 1)}`;
    for (const r of results) {
      const atGoal = r.rows === GOAL_SIZE;
      figures.push(
        figure('history', {
          name: `RequestId lookup p50 at ${label(r.rows)} (repository)`,
          unit: 'ms',
          value: r.lookup.p50Ms,
          baseline: base.lookup.p50Ms,
          baselineName: `at ${label(base.rows)}`,
          compare: 'ratio',
          ...(atGoal ? { goal: { text: '< 1 ms at 10^6', test: (f) => f.value < 1 } } : {}),
        }),
      );
      for (const name of pageNames) {
        figures.push(
          figure('history', {
            name: `${name} p50 at ${label(r.rows)} (repository)`,
            unit: 'ms',
            value: r.pages[name].p50Ms,
            baseline: base.pages[name].p50Ms,
            baselineName: `at ${label(base.rows)}`,
            compare: 'ratio',
            ...(atGoal ? { goal: { text: '< 20 ms at 10^6', test: (f) => f.value < 20 } } : {}),
          }),
        );
      }
    }
    for (const r of results) {
      if (!r.search) continue;
      const atGoal = r.rows === GOAL_SIZE;
      const goal = atGoal
        ? { goal: { text: '< 20 ms at 10^6', test: (f: { value: number }) => f.value < 20 } }
        : {};
      figures.push(
        figure('history', {
          name: `q search, a UserID in ${NEEDLE_CALLS} calls, p50 at ${label(r.rows)} (trigram index)`,
          unit: 'ms',
          value: r.search.needle.p50Ms,
          baseline: r.search.needleScan.p50Ms,
          baselineName: 'LIKE scan, same table',
          compare: 'ratio',
          ...goal,
        }),
        figure('history', {
          name: `q search, no match, p50 at ${label(r.rows)} (trigram index)`,
          unit: 'ms',
          value: r.search.noMatch.p50Ms,
          baseline: r.search.noMatchScan.p50Ms,
          baselineName: 'LIKE scan, same table',
          compare: 'ratio',
          ...goal,
        }),
      );
    }
    for (const r of results) {
      if (!r.scan || !base.scan) continue;
      figures.push(
        figure('history', {
          name: `q search, no match p50 at ${label(r.rows)} (repository)`,
          unit: 'ms',
          value: r.scan.viaReader.p50Ms,
          baseline: base.scan.viaReader.p50Ms,
          baselineName: `at ${label(base.rows)}`,
          compare: 'ratio',
          note: `on the reader thread; the same query on the request thread: ${r.scan.inThread.p50Ms.toFixed(1)} ms`,
        }),
      );
    }
    const largest = results.at(-1) ?? base;
    if (largest.scan) {
      figures.push(
        figure('history', {
          name: `longest event-loop stall during that search at ${label(largest.rows)}`,
          unit: 'ms',
          value: largest.scan.stallViaReaderMs,
          baseline: largest.scan.stallInThreadMs,
          baselineName: 'query on the request thread',
          compare: 'diff',
          note: 'gap between ticks of a 5 ms timer while one search runs',
        }),
      );
    }
    figures.push(
      figure('history', {
        name: `seeding rate at ${label(largest.rows)} (seedHistory)`,
        unit: 'rows/s',
        value: largest.seedRowsPerSecond,
        baseline: base.seedRowsPerSecond,
        baselineName: `at ${label(base.rows)}`,
        compare: 'ratio',
        note: `${label(largest.rows)} rows in ${largest.seedSeconds.toFixed(1)} s`,
      }),
    );

    ctx.log('history: what the search index adds to each call');
    const indexCost = await measureIndexCost(options.loopSeconds);
    details.indexCost = indexCost;
    figures.push(
      figure('history', {
        name: 'store work per call with the search index (calls.begin + complete, 32 in flight)',
        unit: 'ms',
        value: indexCost.withIndex.meanMs,
        baseline: indexCost.withoutIndex.meanMs,
        baselineName: 'same store without the index',
        compare: 'diff',
        note: 'mean per call; SQLite is synchronous, so this is CPU on the request thread',
      }),
    );

    const sendPath = await sendPathIndexCpu(ctx);
    details.sendPath = sendPath;
    figures.push(
      figure('history', {
        name: 'send path CPU per call, with the search index',
        unit: 'ms',
        value: median(sendPath.perCallMs.with),
        baseline: median(sendPath.perCallMs.without),
        baselineName: 'same store without the index',
        compare: 'ratio',
        goal: { text: '≤ ×1.10', test: (f) => f.ratio <= 1.1 },
        note: `median of ${sendPath.rounds} rounds of ${sendPath.callsPerRound} calls, this process's CPU`,
      }),
    );

    // Over HTTP, against the largest table, through the real server.
    if (!largestDir) throw new Error('the largest table is gone');
    ctx.log(`history: HTTP against ${largest.rows.toLocaleString('en-US')} entries`);
    const server = await startConsole({ dataDir: largestDir, logLevel: options.logLevel });
    try {
      const credentials = await authenticate(server.url);
      const next = prng(42);
      const httpSeconds = Math.min(options.loadSeconds, 3);
      const lookup: LoadResult = await measureLoad({
        url: `${server.url}/api/requests`,
        headers: credentials.headers,
        connections: 1,
        seconds: httpSeconds,
        warmupSeconds: options.warmupSeconds,
        path: () => `/api/requests?requestId=${encodeURIComponent(existingRequestId(largest.rows, next))}`,
      });
      const page: LoadResult = await measureLoad({
        url: `${server.url}/api/requests?environmentId=prod-sg&outcome=fail`,
        headers: credentials.headers,
        connections: 1,
        seconds: httpSeconds,
        warmupSeconds: options.warmupSeconds,
      });
      ctx.log('history: HTTP export (jsonl)');
      const exported = await exportRate(server.url, credentials.headers, options.loadSeconds);
      const authNote = `auth: ${credentials.via === 'token' ? 'API token' : 'session cookie'}`;
      const invalid = (r: LoadResult) => (r.failed > 0 ? `INVALID: ${JSON.stringify(r.statusCodes)} ` : '');
      figures.push(
        figure('history', {
          name: `RequestId lookup p50 at ${label(largest.rows)} (HTTP)`,
          unit: 'ms',
          value: lookup.p50Ms,
          baseline: largest.lookup.p50Ms,
          baselineName: 'repository',
          compare: 'diff',
          note: `${invalid(lookup)}${authNote}`,
        }),
        figure('history', {
          name: `first page env+outcome p50 at ${label(largest.rows)} (HTTP)`,
          unit: 'ms',
          value: page.p50Ms,
          baseline: largest.pages['first page env+outcome'].p50Ms,
          baselineName: 'repository',
          compare: 'diff',
          note: `${invalid(page)}${authNote}`,
        }),
      );
      if (storeStream) {
        figures.push(
          figure('history', {
            name: `export jsonl at ${label(largest.rows)} (HTTP streaming)`,
            unit: 'rows/s',
            value: exported.rowsPerSecond,
            baseline: storeStream.rowsPerSecond,
            baselineName: 'repository stream',
            compare: 'ratio',
            note: `${exported.rows.toLocaleString('en-US')} rows, ${(exported.bytes / 1e6).toFixed(1)} MB in ${exported.seconds.toFixed(1)} s`,
          }),
        );
      }
      Object.assign(details, {
        http: { lookup, page, export: exported, authVia: credentials.via },
        storeStream,
      });
    } finally {
      await server.stop();
    }
    return { figures, details };
  } finally {
    if (largestDir) removeTempDir(largestDir);
  }
}
