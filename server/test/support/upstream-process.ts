import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const recordedCalls = z.array(
  z.object({ at: z.number(), path: z.string(), query: z.string(), body: z.string() }),
);

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** One call as the upstream process saw it. */
export interface ArrivedCall {
  /** performance.now() of the upstream process when the call's headers arrived. */
  at: number;
  path: string;
  query: URLSearchParams;
  body: string;
}

export interface UpstreamProcess {
  url: string;
  /** Every call received so far, in arrival order, asked of the process over HTTP. */
  calls(): Promise<ArrivedCall[]>;
  stop(): Promise<void>;
}

/**
 * The bench's minimal upstream (`bench/upstream-main.ts`) in a process of its own, recording each
 * call's arrival time on its own event loop. Tests that check the console's pace use it rather than
 * the in-process fake upstream: there, arrivals are timed by the event loop the console and the test
 * share, and bunch whenever that loop is busy (a full suite on a loaded machine), so a window could
 * show more arrivals than the console sent in it. `answer: 'throttle'` answers every call with 60007.
 */
export async function startUpstreamProcess(answer: 'ok' | 'throttle' = 'ok'): Promise<UpstreamProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repo, 'bench/upstream-main.ts')],
    {
      cwd: repo,
      env: {
        PATH: process.env.PATH ?? '',
        UPSTREAM_RECORD: '1',
        UPSTREAM_ANSWER: answer,
        UPSTREAM_EXIT_WITH_STDIN: '1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-4000);
  });
  if (!child.stdout) throw new Error('the upstream process has no stdout');
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, 'line').then(([line]: unknown[]) => String(line)),
    once(child, 'exit').then(() => {
      throw new Error(`the upstream process exited before listening: ${stderr}`);
    }),
  ]);
  lines.close();
  const parsed: unknown = JSON.parse(first);
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !('port' in parsed) ||
    typeof parsed.port !== 'number'
  ) {
    throw new Error(`the upstream process said "${first}" instead of its port`);
  }
  const url = `http://127.0.0.1:${parsed.port}`;
  return {
    url,
    async calls() {
      const res = await fetch(`${url}/__calls`);
      if (res.status !== 200) throw new Error(`GET /__calls answered ${res.status}`);
      return recordedCalls
        .parse(await res.json())
        .map((c) => ({ ...c, query: new URLSearchParams(c.query) }));
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
