import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPeriodic } from './periodic';

afterEach(() => {
  vi.useRealTimers();
});

describe('startPeriodic', () => {
  it('runs at once and then every interval, one run at a time, and stop waits for the runs scheduled', async () => {
    vi.useFakeTimers();
    const events: string[] = [];
    let release: (() => void) | undefined;
    let runs = 0;
    const stop = startPeriodic(
      async () => {
        runs += 1;
        events.push(`start ${runs}`);
        await new Promise<void>((r) => {
          release = r;
        });
        events.push(`end ${runs}`);
      },
      1000,
      () => {},
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['start 1']);
    // Two intervals pass while the first run is going: the next runs wait for it, one after another.
    await vi.advanceTimersByTimeAsync(2000);
    expect(events).toEqual(['start 1']);
    release?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['start 1', 'end 1', 'start 2']);
    let stopped = false;
    const stopping = stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    // The third, scheduled before the stop, still runs; stop resolves after it, and nothing runs later.
    release?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3']);
    expect(stopped).toBe(false);
    release?.();
    await stopping;
    await vi.advanceTimersByTimeAsync(5000);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('hands a failed run to onError and keeps going; runAtStart false waits for the first interval', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let runs = 0;
    const stop = startPeriodic(
      async () => {
        runs += 1;
        if (runs === 1) throw new Error('first failed');
      },
      1000,
      (err) => errors.push(err),
      { runAtStart: false },
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1001);
    expect(runs).toBe(2);
    expect(errors).toEqual([new Error('first failed')]);
    await stop();
  });
});
