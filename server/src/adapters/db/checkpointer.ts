import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** How often the worker looks at the write-ahead log, and copies it back if it is due (see below). */
export const CHECKPOINT_INTERVAL_MS = 100;
/**
 * A checkpoint is due once the log holds this many uncopied frames (~8 MiB), far below the request
 * thread's fallback (`wal_autocheckpoint`, 16384 frames in open.ts: decision 059)…
 */
export const CHECKPOINT_MIN_FRAMES = 2000;
/** …or its oldest uncopied frame has waited this long. */
export const CHECKPOINT_MAX_DELAY_MS = 1000;

export interface CheckpointStats {
  /** PASSIVE checkpoints the worker has run. */
  checkpoints: number;
  /** Frames in the write-ahead log at the last checkpoint, and how many of them it copied. */
  lastLogFrames: number;
  lastCheckpointedFrames: number;
  errors: number;
}

export interface Checkpointer {
  readonly stats: CheckpointStats;
  /** A last checkpoint, then the worker's connection closes; resolves when the thread has exited. */
  stop(): Promise<void>;
}

type WorkerMessage =
  | { type: 'checkpoint'; busy: number; log: number; checkpointed: number }
  | { type: 'error'; message: string };

/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection (decision 019). On the
 * request thread a checkpoint came every ~60 commits and cost two fsyncs, 15–30 ms on this
 * machine's disk, during which no request moved; 2 % of commits took two thirds of the store's time.
 */
export function startCheckpointer(
  file: string,
  opts: {
    intervalMs?: number;
    minFrames?: number;
    maxDelayMs?: number;
    onError?: (message: string) => void;
  } = {},
): Checkpointer {
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: {
      file,
      intervalMs: opts.intervalMs ?? CHECKPOINT_INTERVAL_MS,
      minFrames: opts.minFrames ?? CHECKPOINT_MIN_FRAMES,
      maxDelayMs: opts.maxDelayMs ?? CHECKPOINT_MAX_DELAY_MS,
    },
  });
  // Never what keeps a process alive: the database's own close stops it.
  worker.unref();
  const stats: CheckpointStats = { checkpoints: 0, lastLogFrames: 0, lastCheckpointedFrames: 0, errors: 0 };
  let exited = false;
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'checkpoint') {
      stats.checkpoints += 1;
      stats.lastLogFrames = message.log;
      stats.lastCheckpointedFrames = message.checkpointed;
    } else if (message.type === 'error') {
      stats.errors += 1;
      opts.onError?.(message.message);
    }
  });
  worker.on('error', (err) => {
    stats.errors += 1;
    opts.onError?.(err.message);
  });
  worker.once('exit', () => {
    exited = true;
  });
  return {
    stats,
    async stop() {
      if (exited) return;
      const gone = once(worker, 'exit');
      // Held until it has exited, or a process with nothing else to do would quit mid-shutdown.
      worker.ref();
      worker.postMessage('stop');
      await gone;
    },
  };
}
