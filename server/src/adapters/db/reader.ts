import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

export interface Reader {
  /** Runs a read-only statement on the reader's thread; rows as better-sqlite3 returns them. */
  all(sql: string, parameters: readonly unknown[]): Promise<unknown[]>;
  /** Runs several read-only statements in one read transaction (one snapshot); one array of rows each. */
  batch(queries: readonly { sql: string; parameters: readonly unknown[] }[]): Promise<unknown[][]>;
  /** Queries it has run, for tests and the bench. */
  readonly queries: number;
  stop(): Promise<void>;
}

type Answer = { id: number; rows: unknown[] } | { id: number; error: string };

/** The reader's thread failed to answer; the caller may run the query itself instead. */
export class ReaderUnavailableError extends Error {
  override readonly name = 'ReaderUnavailableError';
}

/**
 * A read-only SQLite connection on a worker thread, started on first use (decision 020). In WAL
 * mode it reads the last committed state, which includes every call already answered: the request
 * thread commits before it answers.
 */
export function createReader(file: string): Reader {
  let worker: Worker | undefined;
  let nextId = 1;
  let queries = 0;
  let stopped = false;
  const pending = new Map<number, { resolve(rows: unknown[]): void; reject(err: Error): void }>();

  function failAll(err: Error) {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = undefined;
  }

  function started(): Worker {
    if (worker) return worker;
    const w = new Worker(new URL('./read-worker.mjs', import.meta.url), { workerData: { file } });
    w.on('message', (answer: Answer) => {
      const p = pending.get(answer.id);
      if (!p) return;
      pending.delete(answer.id);
      if ('error' in answer) p.reject(new Error(answer.error));
      else p.resolve(answer.rows);
      // Idle: let a process with nothing else to do exit.
      if (pending.size === 0) w.unref();
    });
    w.on('error', (err) => failAll(new ReaderUnavailableError(err.message)));
    w.on('exit', () => failAll(new ReaderUnavailableError('the reader thread exited')));
    w.unref();
    worker = w;
    return w;
  }

  function ask(message: object, count: number): Promise<unknown[]> {
    if (stopped) return Promise.reject(new ReaderUnavailableError('the reader is stopped'));
    const w = started();
    const id = nextId++;
    queries += count;
    return new Promise<unknown[]>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // Held while a query is out, so an awaited answer is not cut short by an idle exit.
      w.ref();
      w.postMessage({ id, ...message });
    });
  }

  return {
    get queries() {
      return queries;
    },
    all(sql, parameters) {
      return ask({ sql, parameters }, 1);
    },
    async batch(list) {
      return (await ask({ queries: list }, list.length)) as unknown[][];
    },
    async stop() {
      stopped = true;
      const w = worker;
      if (!w) return;
      const gone = once(w, 'exit');
      w.ref();
      w.postMessage('stop');
      await gone;
    },
  };
}
