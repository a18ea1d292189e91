import type { Section } from './options';

/**
 * One printed line: a measured value set against a baseline measured in the same run on the same
 * machine, shown as a difference (latency: what the console adds) or a ratio (rates, growth).
 */
export interface Figure {
  section: Section;
  name: string;
  unit: string;
  value: number;
  baseline: number;
  /** What the baseline is, e.g. "direct to upstream". */
  baselineName: string;
  compare: 'diff' | 'ratio';
  diff: number;
  ratio: number;
  /** The goal for this figure, if it has one. */
  goal: { text: string; met: boolean } | null;
  note?: string;
}

export interface FigureInput {
  name: string;
  unit: string;
  value: number;
  baseline: number;
  baselineName: string;
  compare: 'diff' | 'ratio';
  goal?: { text: string; test: (f: { value: number; diff: number; ratio: number }) => boolean };
  note?: string;
}

export function figure(section: Section, input: FigureInput): Figure {
  const diff = input.value - input.baseline;
  const ratio = input.baseline === 0 ? Number.NaN : input.value / input.baseline;
  const goal = input.goal
    ? { text: input.goal.text, met: input.goal.test({ value: input.value, diff, ratio }) }
    : null;
  return {
    section,
    name: input.name,
    unit: input.unit,
    value: input.value,
    baseline: input.baseline,
    baselineName: input.baselineName,
    compare: input.compare,
    diff,
    ratio,
    goal,
    ...(input.note === undefined ? {} : { note: input.note }),
  };
}

/** Enough digits to read a figure, never a false precision. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1000) return Math.round(n).toLocaleString('en-US');
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  if (abs >= 1) return n.toFixed(2);
  return n.toFixed(3);
}

export function formatFigure(f: Figure): string {
  const value = `${fmt(f.value)} ${f.unit}`;
  const baseline = `${fmt(f.baseline)} ${f.unit} (${f.baselineName})`;
  const delta =
    f.compare === 'diff' ? `${f.diff >= 0 ? '+' : ''}${fmt(f.diff)} ${f.unit}` : `×${fmt(f.ratio)}`;
  const goal = f.goal ? `goal ${f.goal.text}: ${f.goal.met ? 'yes' : 'NO'}` : 'goal —';
  const note = f.note ? `  [${f.note}]` : '';
  return `${f.section.padEnd(8)} ${f.name.padEnd(46)} ${value.padStart(14)} | base ${baseline} | ${delta} | ${goal}${note}`;
}
