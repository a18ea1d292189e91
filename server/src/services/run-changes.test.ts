import { describe, expect, it } from 'vitest';
import type { LiveBus, LiveEvent } from '../adapters/db';
import type { LiveListener } from '../adapters/db/live-bus';
import { RunChanges } from './run-changes';

/** A bus that records what this replica announces and lets the test play another replica. */
function fakeBus() {
  const published: LiveEvent[] = [];
  const listeners = new Set<LiveListener>();
  const bus: LiveBus = {
    publish: async (event) => {
      published.push(event);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready: async () => {},
    close: async () => {},
  };
  const fromOtherReplica = (event: LiveEvent) => {
    for (const l of listeners) l(event);
  };
  return { bus, published, fromOtherReplica, listeners };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RunChanges', () => {
  it('tells the run’s watchers here at once, and only that run’s', () => {
    const { bus } = fakeBus();
    const changes = new RunChanges(bus, () => {});
    const heard: string[] = [];
    const stop = changes.watch('r1', () => heard.push('r1'));
    changes.watch('r2', () => heard.push('r2'));
    changes.changed('r1');
    changes.changed('r1');
    expect(heard).toEqual(['r1', 'r1']);
    stop();
    changes.changed('r1');
    expect(heard).toEqual(['r1', 'r1']);
  });

  it('hears runs changed on another replica, and nothing else', () => {
    const { bus, fromOtherReplica } = fakeBus();
    const changes = new RunChanges(bus, () => {});
    let heard = 0;
    changes.watch('r1', () => heard++);
    fromOtherReplica({ kind: 'run', id: 'r1' });
    fromOtherReplica({ kind: 'callback', id: 'r1' });
    fromOtherReplica({ kind: 'run', id: 'r2' });
    expect(heard).toBe(1);
  });

  it('announces a burst of changes to the other replicas spaced out, the last one always', async () => {
    const { bus, published } = fakeBus();
    const changes = new RunChanges(bus, () => {}, 100);
    for (let i = 0; i < 20; i++) changes.changed('r1');
    changes.changed('r2');
    await sleep(0);
    // The first of each run at once; the rest of r1's burst waits for its turn.
    expect(published).toEqual([
      { kind: 'run', id: 'r1' },
      { kind: 'run', id: 'r2' },
    ]);
    await sleep(250);
    expect(published.filter((e) => e.id === 'r1')).toHaveLength(2);
    // Quiet since: the next change goes at once.
    changes.changed('r1');
    await sleep(0);
    expect(published.filter((e) => e.id === 'r1')).toHaveLength(3);
  });

  it('sends what is still waiting when it closes, and stops listening', async () => {
    const { bus, published, listeners } = fakeBus();
    const changes = new RunChanges(bus, () => {}, 60_000);
    changes.changed('r1');
    changes.changed('r1');
    await changes.close();
    expect(published.filter((e) => e.id === 'r1')).toHaveLength(2);
    expect(listeners.size).toBe(0);
  });

  it('reports a failed announcement or a failing watcher without stopping the others', async () => {
    const errors: string[] = [];
    const { bus } = fakeBus();
    bus.publish = async () => {
      throw new Error('connection lost');
    };
    const changes = new RunChanges(bus, (err, runId) => errors.push(`${runId}: ${String(err)}`));
    let heard = 0;
    changes.watch('r1', () => {
      throw new Error('watcher broke');
    });
    changes.watch('r1', () => heard++);
    changes.changed('r1');
    await changes.close();
    expect(heard).toBe(1);
    expect(errors).toEqual(['r1: Error: watcher broke', 'r1: Error: connection lost']);
  });
});
