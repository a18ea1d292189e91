import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callbackSign } from '../../src/services/callbacks/signature';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ConsoleProcess {
  child: ChildProcess;
  /** The URL the console logged once it listens; rejects if it exits or is silent too long. */
  listening: Promise<string>;
  /** Everything it printed so far, stdout and stderr (its request log says which replica served). */
  output(): string;
}

/**
 * A console in a process of its own (`node --import tsx server/src/main.ts` from the repository),
 * with only PATH and `env` in its environment, as the test suites, the browser tests and
 * `pnpm check:nginx` start replicas.
 */
export function spawnConsole(env: Record<string, string>, listenTimeoutMs = 90_000): ConsoleProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const listening = new Promise<string>((resolve, reject) => {
    const done = () => {
      clearInterval(poll);
      clearTimeout(timer);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`a console did not listen: ${output}`));
    }, listenTimeoutMs);
    const poll = setInterval(() => {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (m?.[1]) {
        done();
        resolve(m[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      done();
      reject(new Error(`a console exited with ${code}: ${output}`));
    });
  });
  // A console killed after it listened rejects nothing anyone waits for.
  listening.catch(() => undefined);
  return { child, listening, output: () => output };
}

/** The query Tencent sends with a callback, signed as Tencent signs it (`Sign` from the token). */
export function signedCallbackQuery(o: {
  sdkAppId: number;
  command: string;
  token: string;
  requestTime?: string;
}): URLSearchParams {
  const requestTime = o.requestTime ?? String(Math.floor(Date.now() / 1000));
  return new URLSearchParams({
    SdkAppid: String(o.sdkAppId),
    CallbackCommand: o.command,
    contenttype: 'json',
    ClientIP: '203.0.113.7',
    OptPlatform: 'RESTAPI',
    RequestTime: requestTime,
    Sign: callbackSign(o.token, requestTime),
  });
}
