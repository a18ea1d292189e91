import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children: number[];
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isNumberArray = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((n) => typeof n === 'number');

function parseNode(raw: unknown): ProfileNode {
  if (!isRecord(raw) || typeof raw.id !== 'number' || !isRecord(raw.callFrame)) {
    throw new Error('not a V8 CPU profile node');
  }
  const { functionName, url, lineNumber } = raw.callFrame;
  return {
    id: raw.id,
    children: isNumberArray(raw.children) ? raw.children : [],
    callFrame: {
      functionName: typeof functionName === 'string' ? functionName : '',
      url: typeof url === 'string' ? url : '',
      lineNumber: typeof lineNumber === 'number' ? lineNumber : -1,
    },
  };
}

export function parseCpuProfile(text: string): CpuProfile {
  const raw: unknown = JSON.parse(text);
  if (
    !isRecord(raw) ||
    !Array.isArray(raw.nodes) ||
    !isNumberArray(raw.samples) ||
    !isNumberArray(raw.timeDeltas)
  ) {
    throw new Error('not a V8 CPU profile (.cpuprofile)');
  }
  const startTime = typeof raw.startTime === 'number' ? raw.startTime : 0;
  return { startTime, nodes: raw.nodes.map(parseNode), samples: raw.samples, timeDeltas: raw.timeDeltas };
}

/** Who owns a frame: a package, Node itself, our own code, or V8's pseudo-frames. */
export function ownerOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node core';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  const ours = /\/(server|shared|client)\/src\/(.*)$/.exec(url);
  if (ours) return `${ours[1]}/src`;
  // The built server (decision 058): server/src and shared/src bundled into one module.
  if (/\/server\/(bench\/)?dist\/main\.mjs$/.test(url)) return 'server/src';
  return url;
}

function location(frame: CallFrame): string {
  if (frame.url === '') return '';
  const short = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    .replace(/^.*\/(server|shared)\/src\//, '$1/src/')
    .replace(/^.*\/server\/((bench\/)?dist\/)/, 'server/$1');
  return `${short}:${frame.lineNumber + 1}`;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Sampled time minus `(idle)`: what the thread actually worked. */
  busyMs: number;
  /** Milliseconds after the profile's start that were counted; all when null. */
  window: { fromMs: number; toMs: number } | null;
  functions: { name: string; location: string; owner: string; selfMs: number; selfPct: number }[];
  owners: { owner: string; selfMs: number; selfPct: number }[];
  /**
   * Inclusive time of our own functions (server/src, shared/src): what each part of a request costs,
   * callees included. Stacks are cut at each await, so a resumed async function counts only from there.
   */
  ours: { name: string; location: string; totalMs: number; totalPct: number }[];
}

/**
 * Self time per function and per owner (package), largest first. `window` (ms after the profile
 * started) keeps only the samples of the measured load, not the server's start-up and warm-up.
 */
export function summariseCpuProfile(
  file: string,
  top = 25,
  window: { fromMs: number; toMs: number } | null = null,
): ProfileSummary {
  const profile = parseCpuProfile(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const ms = (at - profile.startTime) / 1000;
    if (window && (ms < window.fromMs || ms > window.toMs)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children) parent.set(child, n.id);
  const inclusive = new Map<string, { name: string; location: string; us: number }>();
  const functions = new Map<string, { name: string; location: string; owner: string; us: number }>();
  const owners = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    totalUs += us;
    const name = node.callFrame.functionName || '(anonymous)';
    const loc = location(node.callFrame);
    const owner = ownerOf(node.callFrame);
    const key = `${name}@${loc}`;
    const f = functions.get(key) ?? { name, location: loc, owner, us: 0 };
    f.us += us;
    functions.set(key, f);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || !/^(server|shared)\/src$/.test(ownerOf(frame))) continue;
      const fname = frame.functionName || '(anonymous)';
      const floc = location(frame);
      const fkey = `${fname}@${floc}`;
      if (seen.has(fkey)) continue;
      seen.add(fkey);
      const entry = inclusive.get(fkey) ?? { name: fname, location: floc, us: 0 };
      entry.us += us;
      inclusive.set(fkey, entry);
    }
  }
  const pct = (us: number) => Math.round((us / totalUs) * 1000) / 10;
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    file,
    totalMs: ms(totalUs),
    busyMs: ms(totalUs - (owners.get('(idle)') ?? 0)),
    window,
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({
        name: f.name,
        location: f.location,
        owner: f.owner,
        selfMs: ms(f.us),
        selfPct: pct(f.us),
      })),
    owners: [...owners.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([owner, us]) => ({ owner, selfMs: ms(us), selfPct: pct(us) })),
    ours: [...inclusive.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, location: f.location, totalMs: ms(f.us), totalPct: pct(f.us) })),
  };
}

export function formatProfileSummary(s: ProfileSummary, top = 15): string {
  const lines = [
    `CPU profile ${path.basename(s.file)}: ${s.totalMs} ms sampled, ${s.busyMs} ms busy` +
      (s.window
        ? ` (${Math.round(s.window.fromMs)}–${Math.round(s.window.toMs)} ms after start: the load only)`
        : ''),
    'Self time by owner:',
  ];
  for (const o of s.owners.slice(0, top)) {
    lines.push(`  ${o.selfPct.toFixed(1).padStart(5)}%  ${String(o.selfMs).padStart(9)} ms  ${o.owner}`);
  }
  lines.push('Top functions by self time:');
  for (const f of s.functions.slice(0, top)) {
    lines.push(
      `  ${f.selfPct.toFixed(1).padStart(5)}%  ${String(f.selfMs).padStart(9)} ms  ${f.name}  ${f.location}`,
    );
  }
  lines.push('Our functions by inclusive time (callees included):');
  for (const f of s.ours.slice(0, top)) {
    lines.push(
      `  ${f.totalPct.toFixed(1).padStart(5)}%  ${String(f.totalMs).padStart(9)} ms  ${f.name}  ${f.location}`,
    );
  }
  return lines.join('\n');
}

/**
 * `--cpu-prof` writes one file per thread; with tsx the module loader has its own thread, mostly
 * idle. The server's work is in the busiest one.
 */
export function busiestProfile(
  dir: string,
  top = 25,
  window: { fromMs: number; toMs: number } | null = null,
): ProfileSummary {
  const summaries = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => summariseCpuProfile(path.join(dir, f), top, window));
  const busiest = summaries.sort((a, b) => b.busyMs - a.busyMs)[0];
  if (!busiest) throw new Error(`no .cpuprofile in ${dir}`);
  return busiest;
}
