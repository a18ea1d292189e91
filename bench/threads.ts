// `node --import tsx bench/threads.ts [connections=1] [seconds=5] [idleSeconds=3]`: where the send
// path's server CPU goes, thread by thread (/proc/<pid>/task), at one load: the main thread, libuv's
// pool, V8's GC and compiler threads, the SQLite checkpoint and reader workers. Also the server's
// CPU when idle (timers and workers that tick with no call), which a slow load pays per call more
// than a fast one. Prints calls per second and CPU per call per thread (and its system time and
// sleeps, i.e. voluntary context switches). Environment: THREADS_WARM=<s> (a 32-connection load
// first), THREADS_REPEATS=<n>, THREADS_PERF=<file> (`perf record`), THREADS_STRACE=<file>
// (`strace -c` of the main thread), THREADS_LOG_LEVEL=<level> (the server's, default info),
// CONSOLE_BENCH_NODE_ARGS / CONSOLE_BENCH_STDOUT (processes.ts; only this script passes the former).
// Node 20 names no thread: "main" is the thread whose id is the pid. See decision 055.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { authenticate } from './lib/auth';
import { measureLoad } from './lib/load';
import { BENCH_REQUEST_BODY, startConsole, startUpstream, writeBenchEnvironments } from './lib/processes';
import { makeTempDir, removeTempDir } from './lib/temp';

// A comma list (32,1,32,1) measures each in turn on the same server.
const connectionList = (process.argv[2] ?? '1').split(',').map(Number);
const seconds = Number(process.argv[3] ?? 5);
const idleSeconds = Number(process.argv[4] ?? 3);
/** USER_HZ, the unit of /proc's utime and stime (100 on Linux; proc-cpu.ts asks getconf). */
const ticks = 100;

/** CPU ms so far of each thread of a process, keyed by "tid name". */
function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(`${tid} ${name}`, ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks);
      // System time apart: the kernel's share (syscalls, wake-ups) of the thread's CPU.
      out.set(`${tid} ${name}\tsys`, (Number(fields[12]) * 1000) / ticks);
      // Times it went to sleep (epoll, a futex): at one connection each is a wake-up to pay for.
      const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      out.set(`${tid} ${name}\tsleeps`, Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

function diff(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of after) out.set(k, v - (before.get(k) ?? 0));
  return out;
}

/** Node 20 names no thread: the main thread is the one whose id is the pid; the others by id. */
function byName(d: Map<string, number>, pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of d) {
    const [thread = '', part] = k.split('\t');
    const [tid, ...rest] = thread.split(' ');
    const name = (Number(tid) === pid ? 'main' : `${rest.join(' ')} ${tid}`) + (part ? ` ${part}` : '');
    out.set(name, (out.get(name) ?? 0) + v);
  }
  return out;
}

const work = makeTempDir('threads');
const upstream = await startUpstream(0);
const environmentsFile = writeBenchEnvironments(work, upstream.url);
const server = await startConsole({
  dataDir: path.join(work, 'data'),
  environmentsFile,
  logLevel: process.env.THREADS_LOG_LEVEL ?? 'info',
  ...(process.env.CONSOLE_BENCH_NODE_ARGS
    ? { nodeArgs: process.env.CONSOLE_BENCH_NODE_ARGS.split(' ') }
    : {}),
});
try {
  const { headers } = await authenticate(server.url);
  const spec = {
    url: `${server.url}/api/requests`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: BENCH_REQUEST_BODY,
    connections: connectionList[0] ?? 1,
    seconds,
    warmupSeconds: 2,
  };
  // THREADS_WARM=<seconds>: first a 32-connection load that long, so V8 has compiled the hot code.
  const warm = Number(process.env.THREADS_WARM ?? 0);
  if (warm > 0) await measureLoad({ ...spec, connections: 32, seconds: warm });
  await measureLoad({ ...spec, seconds: 1 });
  await new Promise((r) => setTimeout(r, 1500));
  const idle0 = threadCpu(server.pid);
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const idle = byName(diff(idle0, threadCpu(server.pid)), server.pid);
  const repeats = Number(process.env.THREADS_REPEATS ?? 1);
  for (let repeat = 0; repeat < repeats * connectionList.length; repeat++) {
    const connections = connectionList[repeat % connectionList.length] ?? 1;
    // THREADS_PERF=<file>: `perf record` (CPU-clock samples, so only time on a CPU, kernel included)
    // of the server during the measured load; run the server with --perf-basic-prof to name JS frames.
    const perfOut = process.env.THREADS_PERF;
    // THREADS_STRACE=<file>: the server main thread's system calls during the measured load, counted.
    const straceOut = process.env.THREADS_STRACE;
    const strace = straceOut
      ? spawn('strace', ['-c', '-p', String(server.pid), '-o', `${straceOut}.${repeat}.${connections}`], {
          stdio: 'ignore',
        })
      : undefined;
    const perf = perfOut
      ? spawn(
          'perf',
          [
            'record',
            '-e',
            'cpu-clock',
            '-F',
            '1999',
            '-g',
            '-p',
            String(server.pid),
            '-o',
            `${perfOut}.${repeat}.${connections}`,
          ],
          {
            stdio: 'ignore',
          },
        )
      : undefined;
    const before = threadCpu(server.pid);
    const loadStart = Date.now() - server.spawnedAt;
    // No warm-up of its own (the loads above warmed the server): every call the threads' CPU counts
    // is one of the calls it is divided by. With measureLoad's 2 s warm-up inside the window, as
    // before 1 Dec, the figures were ~1.5x too high (decision 057).
    const r = await measureLoad({ ...spec, connections, warmupSeconds: 0 });
    const loadEnd = Date.now() - server.spawnedAt;
    if (strace) {
      const exited = once(strace, 'exit');
      strace.kill('SIGINT');
      await exited;
    }
    if (perf) {
      const exited = once(perf, 'exit');
      perf.kill('SIGINT');
      await exited;
    }
    const during = byName(diff(before, threadCpu(server.pid)), server.pid);
    const total = [...during].filter(([k]) => !/ (sys|sleeps)$/.test(k)).reduce((a, [, b]) => a + b, 0);
    console.log(
      `profile window (ms after spawn, for bench/profile-summary.ts): ${loadStart + 100} ${loadEnd - 100}`,
    );
    console.log(
      `${connections} conn, ${seconds} s: ${r.requestsPerSecond.toFixed(0)} calls/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, ${(total / r.ok).toFixed(3)} ms CPU/call; load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    for (const [name, ms] of [...during].sort((a, b) => b[1] - a[1])) {
      if (ms === 0 && (idle.get(name) ?? 0) === 0) continue;
      console.log(
        `  ${name.padEnd(20)} ${(ms / r.ok).toFixed(3)} ${name.endsWith(' sleeps') ? 'per call' : 'ms/call'}  (idle ${((idle.get(name) ?? 0) / idleSeconds).toFixed(1)} ${name.endsWith(' sleeps') ? 'per s' : 'ms/s'})`,
      );
    }
  }
} finally {
  await server.stop();
  await upstream.stop();
  removeTempDir(work);
}
