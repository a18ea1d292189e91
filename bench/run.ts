// `pnpm bench`: every benchmark of issue 8, one printed line per figure, JSON in bench/results/.
// Figures go to stdout; progress goes to stderr. See docs/benchmarks.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Figure, formatFigure } from './lib/figure';
import { describeMachine } from './lib/machine';
import { parseOptions, type Section } from './lib/options';
import { repoRoot } from './lib/processes';
import type { SectionContext, SectionResult } from './sections/context';
import { runDashboard } from './sections/dashboard';
import { runHistory } from './sections/history';
import { runOverhead } from './sections/overhead';
import { runPage } from './sections/page';
import { runReplicas } from './sections/replicas';
import { runRuns } from './sections/runs';
import { runUserSig } from './sections/usersig';

const runners: Record<Section, (ctx: SectionContext) => Promise<SectionResult>> = {
  overhead: runOverhead,
  usersig: runUserSig,
  history: runHistory,
  page: runPage,
  dashboard: runDashboard,
  runs: runRuns,
  replicas: runReplicas,
};

const options = parseOptions(process.argv.slice(2));
const started = new Date();
const machineAtStart = describeMachine();
const t0 = performance.now();
const ctx: SectionContext = {
  options,
  log: (message) =>
    process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${message}\n`),
};

console.log(
  `chat-rest-console bench ${started.toISOString()} · ${machineAtStart.nproc} cores · ${machineAtStart.cpu} · node ${machineAtStart.node} · load ${machineAtStart.loadAverage.join(' ')}${options.quick ? ' · QUICK' : ''}`,
);
if (machineAtStart.loadAverage[0] !== undefined && machineAtStart.loadAverage[0] > machineAtStart.nproc / 2) {
  console.log(`note: the 1-minute load average is ${machineAtStart.loadAverage[0]}; figures will be noisy.`);
}

const figures: Figure[] = [];
const sections: Record<string, Omit<SectionResult, 'figures'> & { seconds: number }> = {};
let failures = 0;
for (const name of options.only) {
  const t = performance.now();
  let result: SectionResult;
  try {
    result = await runners[name](ctx);
  } catch (err) {
    failures += 1;
    const reason = err instanceof Error ? err.message : String(err);
    result = { figures: [], details: {}, skipped: `failed: ${reason}` };
  }
  const seconds = Math.round((performance.now() - t) / 100) / 10;
  if (result.skipped) console.log(`${name.padEnd(8)} SKIPPED: ${result.skipped}`);
  for (const f of result.figures) console.log(formatFigure(f));
  for (const line of result.extraLines ?? []) console.log(line);
  figures.push(...result.figures);
  const { figures: _f, extraLines: _e, ...rest } = result;
  sections[name] = { ...rest, seconds };
}

const goals = figures.filter((f) => f.goal);
const missed = goals.filter((f) => f.goal && !f.goal.met);
console.log(
  `goals: ${goals.length - missed.length}/${goals.length} met${missed.length ? ` — missed: ${missed.map((f) => f.name).join('; ')}` : ''} · ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);

const out = path.resolve(repoRoot, options.out);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      date: started.toISOString(),
      machine: { ...machineAtStart, loadAverageAtEnd: describeMachine().loadAverage },
      options,
      totalSeconds: Math.round((performance.now() - t0) / 1000),
      figures,
      sections,
    },
    null,
    2,
  )}\n`,
);
console.log(`results: ${path.relative(repoRoot, out)}`);
process.exitCode = failures > 0 ? 1 : 0;
