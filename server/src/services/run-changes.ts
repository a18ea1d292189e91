import type { LiveBus } from '../adapters/db';

export type RunWatcher = () => void;

/** At most one announcement per run in this span to the other replicas (the last one always goes). */
export const RUN_ANNOUNCE_EVERY_MS = 200;

/**
 * "Run X changed", heard by the run's progress streams in this process and, over the live bus
 * (PostgreSQL `LISTEN/NOTIFY`, decision 047), in the other replicas (decision 053). It says only
 * that something changed; a stream reads the run from the store. A busy run changes with every row,
 * so announcements to the other replicas are spaced: the first goes at once, the following ones at
 * most every `announceEveryMs`, and the last change of a burst is always announced.
 */
export class RunChanges {
  private readonly watchers = new Map<string, Set<RunWatcher>>();
  /** Per run: when its last announcement went, and the one waiting to go. */
  private readonly announced = new Map<string, { at: number; pending?: NodeJS.Timeout }>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly live: LiveBus,
    private readonly onError: (err: unknown, runId: string) => void,
    private readonly announceEveryMs = RUN_ANNOUNCE_EVERY_MS,
  ) {
    this.unsubscribe = live.subscribe((event) => {
      if (event.kind === 'run') this.tell(event.id);
    });
  }

  /** The run changed here: its streams here hear it now, the other replicas soon. */
  changed(runId: string): void {
    this.tell(runId);
    const now = performance.now();
    const last = this.announced.get(runId);
    if (last === undefined || now - last.at >= this.announceEveryMs) {
      if (last?.pending !== undefined) clearTimeout(last.pending);
      this.announced.set(runId, { at: now });
      this.announce(runId);
      return;
    }
    if (last.pending !== undefined) return;
    last.pending = setTimeout(
      () => {
        this.announced.set(runId, { at: performance.now() });
        this.announce(runId);
      },
      this.announceEveryMs - (now - last.at),
    );
  }

  /** Calls `watcher` whenever the run changes, here or on another replica, until the returned stop. */
  watch(runId: string, watcher: RunWatcher): () => void {
    let set = this.watchers.get(runId);
    if (set === undefined) {
      set = new Set();
      this.watchers.set(runId, set);
    }
    set.add(watcher);
    return () => {
      const current = this.watchers.get(runId);
      current?.delete(watcher);
      if (current?.size === 0) this.watchers.delete(runId);
    };
  }

  /** Sends the announcements still waiting (a stopping replica's last changes), then stops listening. */
  async close(): Promise<void> {
    for (const [runId, last] of this.announced) {
      if (last.pending === undefined) continue;
      clearTimeout(last.pending);
      this.announce(runId);
    }
    this.announced.clear();
    this.unsubscribe();
    await Promise.all(this.inFlight);
  }

  private tell(runId: string): void {
    for (const watcher of this.watchers.get(runId) ?? []) {
      try {
        watcher();
      } catch (err) {
        this.onError(err, runId);
      }
    }
  }

  private announce(runId: string): void {
    const sent = this.live
      .publish({ kind: 'run', id: runId })
      .catch((err: unknown) => this.onError(err, runId))
      .finally(() => this.inFlight.delete(sent));
    this.inFlight.add(sent);
    // Forget runs quiet for a while, so the map holds only recent ones.
    if (this.announced.size > 1000) {
      const old = performance.now() - 60_000;
      for (const [id, last] of this.announced)
        if (last.pending === undefined && last.at < old) this.announced.delete(id);
    }
  }
}
