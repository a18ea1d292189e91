import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** `getconf CLK_TCK`: the unit of utime and stime in /proc/<pid>/stat (100 on every Linux seen so far). */
function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      ticksPerSecond = Number.isInteger(n) && n > 0 ? n : 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; a reason string
 * where there is no /proc (macOS) or the process is gone. Resolution is one clock tick (10 ms).
 */
export function processCpuMs(pid: number): number | string {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    return `/proc/${pid}/stat cannot be read (${code}; no /proc on this OS?)`;
  }
  // Field 2 (comm) is in parentheses and may hold spaces; fields 14 and 15 (utime, stime) follow it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return `/proc/${pid}/stat has no utime/stime`;
  return ((utime + stime) * 1000) / clockTicksPerSecond();
}

/**
 * CPU time (ms) of a process and every child it has now, plus what its children that ended used
 * (cutime, cstime): PostgreSQL's postmaster and its backends, say. A reason string without /proc.
 */
export function processTreeCpuMs(pid: number): number | string {
  const own = readStat(pid);
  if (typeof own === 'string') return own;
  let ticks = own.utime + own.stime + own.cutime + own.cstime;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = readStat(Number(entry));
    if (typeof child !== 'string' && child.ppid === pid) ticks += child.utime + child.stime;
  }
  return (ticks * 1000) / clockTicksPerSecond();
}

function readStat(
  pid: number,
): { ppid: number; utime: number; stime: number; cutime: number; cstime: number } | string {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    return `/proc/${pid}/stat cannot be read (${code})`;
  }
  // After "(comm) ": state, ppid, … utime (14), stime, cutime, cstime (17).
  const f = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const [ppid, utime, stime, cutime, cstime] = [f[1], f[11], f[12], f[13], f[14]];
  if (
    ppid === undefined ||
    utime === undefined ||
    stime === undefined ||
    cutime === undefined ||
    cstime === undefined
  )
    return `/proc/${pid}/stat is short`;
  return { ppid, utime, stime, cutime, cstime };
}
