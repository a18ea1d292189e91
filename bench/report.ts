// Usage: node --import tsx bench/report.ts [bench/results/latest.json]
// Prints the figures of a results file as the Markdown table used in docs/benchmarks.md.
import { readFileSync } from 'node:fs';
import { fmt } from './lib/figure';

const file = process.argv[2] ?? 'bench/results/latest.json';
const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
if (!isRecord(raw) || !Array.isArray(raw.figures) || !isRecord(raw.machine))
  throw new Error(`${file} is not a bench result`);

const m = raw.machine;
console.log(
  `Run ${String(raw.date)} · ${String(m.nproc)} cores · ${String(m.cpu)} · Node ${String(m.node)} · ` +
    `load average at start ${JSON.stringify(m.loadAverage)}, at end ${JSON.stringify(m.loadAverageAtEnd)}\n`,
);
console.log('| section | figure | value | baseline | Δ / ratio | goal |');
console.log('|---|---|---:|---|---:|---|');
for (const f of raw.figures) {
  if (!isRecord(f)) continue;
  const unit = String(f.unit);
  const value = Number(f.value);
  const delta =
    f.compare === 'diff'
      ? `${Number(f.diff) >= 0 ? '+' : ''}${fmt(Number(f.diff))} ${unit}`
      : `×${fmt(Number(f.ratio))}`;
  const goal = isRecord(f.goal) ? `${String(f.goal.text)}: **${f.goal.met ? 'yes' : 'no'}**` : '—';
  const note = typeof f.note === 'string' ? ` <br><sub>${f.note}</sub>` : '';
  console.log(
    `| ${String(f.section)} | ${String(f.name)}${note} | ${fmt(value)} ${unit} | ${fmt(Number(f.baseline))} ${unit} (${String(f.baselineName)}) | ${delta} | ${goal} |`,
  );
}
