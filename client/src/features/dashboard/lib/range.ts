/** The dashboard's time range: one of the presets relative to now, or fixed ISO bounds. */
export type DashboardRange =
  | { kind: 'relative'; preset: RangePreset }
  | { kind: 'custom'; from: string; to: string };

export const rangePresets = ['15m', '1h', '24h', '7d'] as const;
export type RangePreset = (typeof rangePresets)[number];

const presetMs: Record<RangePreset, number> = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '7d': 7 * 24 * 60 * 60_000,
};

export const presetLabels: Record<RangePreset, string> = {
  '15m': '15 min',
  '1h': '1 hour',
  '24h': '24 hours',
  '7d': '7 days',
};

export function resolveRange(range: DashboardRange, now: number): { from: string; to: string } {
  if (range.kind === 'custom') return { from: range.from, to: range.to };
  return { from: new Date(now - presetMs[range.preset]).toISOString(), to: new Date(now).toISOString() };
}

const isIso = (value: string | null): value is string => value !== null && !Number.isNaN(Date.parse(value));

/** The range as the URL says it (`range=24h`, or `range=custom&from&to`); 1 hour otherwise. */
export function parseRange(params: URLSearchParams): DashboardRange {
  const range = params.get('range');
  const from = params.get('from');
  const to = params.get('to');
  if (range === 'custom' && isIso(from) && isIso(to)) return { kind: 'custom', from, to };
  const preset = rangePresets.find((p) => p === range);
  return { kind: 'relative', preset: preset ?? '1h' };
}

export function rangeToParams(range: DashboardRange, into: URLSearchParams): URLSearchParams {
  into.delete('from');
  into.delete('to');
  if (range.kind === 'custom') {
    into.set('range', 'custom');
    into.set('from', range.from);
    into.set('to', range.to);
  } else {
    into.set('range', range.preset);
  }
  return into;
}
