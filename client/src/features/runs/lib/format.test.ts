import type { Run } from '@console/shared/api';
import { describe, expect, it } from 'vitest';
import { formatDuration, progressFigures } from './format';

const run = (over: Partial<Run>): Run => ({
  id: 'r',
  kind: 'rows',
  status: 'running',
  environmentId: 'sandbox',
  service: 's',
  command: 'c',
  startedBy: 'admin',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: null,
  total: 100,
  done: 40,
  ok: 38,
  fail: 2,
  error: 0,
  unknown: 0,
  cancelled: 0,
  items: 0,
  limitPerSec: 10,
  ratePerSec: null,
  currentRatePerSec: 10,
  concurrency: 4,
  maxPages: null,
  message: null,
  retryOf: null,
  latestFailures: [],
  ...over,
});

describe('run progress', () => {
  it('answers what remains and the time it takes at the measured rate', () => {
    expect(progressFigures(run({}))).toEqual({ remaining: 60, rate: 10, etaSeconds: 6 });
    expect(progressFigures(run({ currentRatePerSec: null })).etaSeconds).toBeNull();
    expect(progressFigures(run({ done: 50, cancelled: 50 })).remaining).toBe(0);
  });
  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(7260)).toBe('2 h 1 min');
  });
});
