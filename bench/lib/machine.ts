import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  nproc: number;
  node: string;
  cpu: string;
  memoryGiB: number;
  platform: string;
  /** 1-, 5- and 15-minute load averages: the figures mean little when this is above nproc. */
  loadAverage: number[];
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: fall through to what Node knows.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function describeMachine(): Machine {
  return {
    nproc: os.availableParallelism(),
    node: process.version,
    cpu: cpuModel(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
