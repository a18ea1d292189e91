import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CallbackReplicas,
  killAll,
  type Replica,
  signedCallbackQuery,
  startCallbackReplicas,
} from '../server/test/support/console-process';
import { freePort } from '../server/test/support/postgres';

/**
 * Issue 17: runs the shipped `deploy/nginx.conf` in a real nginx in front of two console replicas on a
 * throwaway PostgreSQL, and checks through nginx what a load balancer and a browser need. Only the two
 * upstream addresses and the listen port are replaced; every other line is the shipped file's.
 *
 *   pnpm check:nginx        (needs `nginx` on PATH or at /usr/sbin/nginx; not part of `pnpm test`)
 *
 * Prints each check with ✓/✗ and exits non-zero if any fails. Every process it starts is killed and
 * every temp directory removed, also on failure.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOKEN = 'check-nginx-callback-token';
const SDKAPPID = 1400000097;
const ADMIN = { username: 'admin', password: 'check-nginx-admin-password' };
const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

const children: ChildProcess[] = [];
let running: CallbackReplicas | undefined;
let dir: string | undefined;
let failures = 0;

function report(ok: boolean, name: string, detail = ''): void {
  if (!ok) failures += 1;
  console.log(`${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''}`);
}

async function check(name: string, body: () => Promise<string | undefined>): Promise<void> {
  try {
    report(true, name, (await body()) ?? '');
  } catch (err) {
    report(false, name, err instanceof Error ? err.message : String(err));
  }
}

function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** The shipped file with only the upstream addresses and the listen port replaced. */
export function adaptConfig(shipped: string, upstreams: [string, string], port: number): string {
  const replacements: [RegExp, string][] = [
    [/server console-a:8080/, `server ${upstreams[0]}`],
    [/server console-b:8080/, `server ${upstreams[1]}`],
    [/listen 80;/, `listen 127.0.0.1:${port};`],
  ];
  let out = shipped;
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(out)) throw new Error(`deploy/nginx.conf no longer has ${pattern.source}`);
    out = out.replace(pattern, replacement);
  }
  return out;
}

async function startNginx(site: string): Promise<ChildProcess> {
  if (!dir) throw new Error('no temp dir');
  const prefix = path.join(dir, 'nginx');
  mkdirSync(path.join(prefix, 'temp'), { recursive: true });
  const t = (name: string) => path.join(prefix, 'temp', name);
  const conf = path.join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    [
      'daemon off;',
      // One process, so that killing the child leaves no worker behind.
      'master_process off;',
      `pid ${path.join(prefix, 'nginx.pid')};`,
      `error_log ${path.join(prefix, 'error.log')} warn;`,
      'events {}',
      'http {',
      `  access_log ${path.join(prefix, 'access.log')};`,
      `  client_body_temp_path ${t('body')};`,
      `  proxy_temp_path ${t('proxy')};`,
      `  fastcgi_temp_path ${t('fastcgi')};`,
      `  uwsgi_temp_path ${t('uwsgi')};`,
      `  scgi_temp_path ${t('scgi')};`,
      site,
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(NGINX, ['-p', prefix, '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      let log = '';
      try {
        log = readFileSync(path.join(prefix, 'error.log'), 'utf8');
      } catch {
        // no log yet
      }
      reject(new Error(`nginx exited with ${code}: ${output}${log}`));
    });
    setTimeout(resolve, 500);
  });
  return child;
}

async function waitFor(url: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Reads an SSE response body as text, resolving when `want` appears in it. */
interface StreamReader {
  text: () => string;
  ended: () => boolean;
  waitFor: (want: string, ms: number) => Promise<number>;
}

function streamReader(res: Response): StreamReader {
  let text = '';
  let ended = false;
  const waiters: (() => void)[] = [];
  const body = res.body;
  if (!body) throw new Error('no body');
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for await (const chunk of body) {
        text += decoder.decode(chunk, { stream: true });
        for (const w of waiters) w();
      }
    } catch {
      // aborted at the end
    }
    ended = true;
  })();
  return {
    text: () => text,
    ended: () => ended,
    waitFor: (want, ms) =>
      new Promise<number>((resolve, reject) => {
        const started = Date.now();
        const test = () => {
          if (text.includes(want)) {
            clearTimeout(timer);
            resolve(Date.now() - started);
          }
        };
        const timer = setTimeout(() => reject(new Error(`"${want}" did not arrive within ${ms} ms`)), ms);
        waiters.push(test);
        test();
      }),
  };
}

/** GET /api/session requests a replica logged (pino-http logs each one once it is answered). */
function sessionReads(replica: Replica): number {
  return replica
    .output()
    .split('\n')
    .filter((line) => line.includes('"method":"GET","url":"/api/session"')).length;
}

async function main(): Promise<void> {
  const started = Date.now();
  dir = mkdtempSync(path.join(tmpdir(), 'console-check-nginx-'));
  running = await startCallbackReplicas({
    environmentId: 'hooks-nginx',
    label: 'Callbacks behind nginx',
    sdkAppId: SDKAPPID,
    token: TOKEN,
    adminPassword: ADMIN.password,
    env: { TRUST_PROXY: '1' },
  });
  const { a, b } = running;
  replicas.push(a, b);
  const port = await freePort();
  const shipped = readFileSync(path.join(ROOT, 'deploy', 'nginx.conf'), 'utf8');
  const site = adaptConfig(shipped, [new URL(a.url).host, new URL(b.url).host], port);
  await startNginx(site);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/healthz`);
  console.log(`nginx ${base} → replicas ${a.url}, ${b.url} (ready in ${Date.now() - started} ms)`);
  if (process.argv.includes('--hold')) {
    console.log('holding (--hold): stop with Ctrl-C');
    await new Promise(() => undefined);
  }

  await check('GET /healthz answers 200 through nginx', async () => {
    const res = await fetch(`${base}/healthz`);
    const text = await res.text();
    assert(res.status === 200, `status ${res.status}: ${text}`);
    return undefined;
  });
  await check('GET /readyz answers 200 through nginx (database and migrations)', async () => {
    const res = await fetch(`${base}/readyz`);
    const text = await res.text();
    assert(res.status === 200, `status ${res.status}: ${text}`);
    return text.slice(0, 120);
  });

  let cookie = '';
  await check('sign-in as admin through nginx, as a browser sends it (with Origin)', async () => {
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify(ADMIN),
    });
    const text = await res.text();
    assert(res.status === 200, `status ${res.status}: ${text}`);
    const set = res.headers.get('set-cookie') ?? '';
    cookie = set.split(';')[0] ?? '';
    assert(cookie.includes('='), `no session cookie in ${JSON.stringify(set)}`);
    return undefined;
  });

  await check('the session works on both replicas as nginx alternates between them', async () => {
    const beforeA = sessionReads(a);
    const beforeB = sessionReads(b);
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${base}/api/session`, { headers: { cookie } });
      const text = await res.text();
      assert(res.status === 200, `request ${i + 1}: status ${res.status}: ${text}`);
      assert(text.includes(`"username":"${ADMIN.username}"`), `request ${i + 1}: ${text}`);
    }
    // The log line is written after the answer, so it may trail it by a moment.
    const deadline = Date.now() + 5_000;
    while (sessionReads(a) + sessionReads(b) - beforeA - beforeB < 6 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const onA = sessionReads(a) - beforeA;
    const onB = sessionReads(b) - beforeB;
    assert(onA > 0 && onB > 0, `nginx sent ${onA} to replica A and ${onB} to replica B`);
    return `6 × GET /api/session: ${onA} on A, ${onB} on B, all 200`;
  });

  // Two streams, so that (round-robin) one is on each replica; the callback reaches one replica and
  // both streams must show it: unbuffered through nginx, and across replicas by LISTEN/NOTIFY.
  const streams: { res: Response; abort: AbortController }[] = [];
  await check('GET /api/callbacks/stream through nginx opens as text/event-stream', async () => {
    for (let i = 0; i < 2; i++) {
      const abort = new AbortController();
      const res = await fetch(`${base}/api/callbacks/stream?environmentId=hooks-nginx`, {
        headers: { cookie, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      streams.push({ res, abort });
      if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
      const type = res.headers.get('content-type') ?? '';
      assert(type.startsWith('text/event-stream'), `content-type ${type}`);
    }
    return undefined;
  });
  const readers = streams.map((s) => streamReader(s.res));
  const streamOpened = Date.now();

  await check('both streams get ": connected" at once (headers and first bytes not buffered)', async () => {
    const ms = await Promise.all(readers.map((r) => r.waitFor(': connected', 3_000)));
    return `${ms.join(' ms, ')} ms`;
  });

  const group = `through-nginx-${Date.now()}`;
  await check('a signed callback POSTed through nginx is accepted', async () => {
    const query = signedCallbackQuery({
      sdkAppId: SDKAPPID,
      command: 'Group.CallbackAfterMemberExit',
      token: TOKEN,
    });
    const res = await fetch(`${base}/callbacks/hooks-nginx?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ CallbackCommand: 'Group.CallbackAfterMemberExit', GroupId: group }),
    });
    const text = await res.text();
    assert(res.status === 200, `status ${res.status}: ${text}`);
    return undefined;
  });

  await check(
    'the callback arrives promptly on both streams through nginx (unbuffered, either replica)',
    async () => {
      const ms = await Promise.all(readers.map((r) => r.waitFor(group, 5_000)));
      return `after ${ms.join(' ms and ')} ms`;
    },
  );

  if (process.argv.includes('--quick')) {
    console.log('- skipped: the stream staying open past 35 s (--quick)');
  } else {
    // The console writes a keep-alive comment every 15 s, and each read resets nginx's read timer,
    // so this shows nginx does not cut an idle-looking stream; it cannot tell 1h from 30 s.
    await check(
      'the streams are still open through nginx after 36 s (keep-alive comments pass)',
      async () => {
        const wait = 36_000 - (Date.now() - streamOpened);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const closed = readers.filter((r) => r.ended()).length;
        assert(closed === 0, `${closed} of 2 streams were closed`);
        const alive = readers.map((r) => r.text().split(': keep-alive').length - 1);
        assert(
          alive.every((n) => n >= 2),
          `keep-alive comments per stream: ${alive.join(', ')}`,
        );
        return `keep-alive comments per stream: ${alive.join(', ')}`;
      },
    );
  }
  for (const s of streams) s.abort.abort();

  await check('the two streams were served one by each replica (so the event crossed replicas)', async () => {
    // pino-http logs a stream when it closes; the callback's POST is logged once answered.
    const logged = (r: Replica, needle: string) =>
      r
        .output()
        .split('\n')
        .filter((l) => l.includes(needle)).length;
    const stream = '"url":"/api/callbacks/stream';
    const deadline = Date.now() + 5_000;
    while (logged(a, stream) + logged(b, stream) < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const perReplica = [logged(a, stream), logged(b, stream)];
    assert(
      perReplica[0] === 1 && perReplica[1] === 1,
      `streams per replica: A ${perReplica[0]}, B ${perReplica[1]}`,
    );
    const post = '"method":"POST","url":"/callbacks/hooks-nginx';
    return `callback received by replica ${logged(a, post) > 0 ? 'A' : logged(b, post) > 0 ? 'B' : '?'}`;
  });
}

const replicas: Replica[] = [];

/** On failure: the end of nginx's error log and of each replica's output, to see why. */
function dumpLogs(): void {
  if (dir) {
    try {
      const log = readFileSync(path.join(dir, 'nginx', 'error.log'), 'utf8');
      console.log(`--- nginx error.log (end)\n${log.slice(-3000)}`);
    } catch {
      // nginx did not start
    }
  }
  replicas.forEach((r, i) => {
    console.log(`--- replica ${i === 0 ? 'A' : 'B'} output (end)\n${r.output().slice(-3000)}`);
  });
}

async function cleanup(): Promise<void> {
  await killAll(children);
  await running?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

const TIME_LIMIT_MS = process.argv.includes('--hold') ? 2 ** 31 - 1 : 180_000;
let watchdog: NodeJS.Timeout | undefined;
try {
  await Promise.race([
    main(),
    new Promise<never>((_, reject) => {
      watchdog = setTimeout(
        () => reject(new Error(`not done within ${TIME_LIMIT_MS / 1000} s`)),
        TIME_LIMIT_MS,
      );
    }),
  ]);
} catch (err) {
  report(false, 'setup', err instanceof Error ? err.message : String(err));
} finally {
  clearTimeout(watchdog);
  if (failures > 0) dumpLogs();
  await cleanup();
}
console.log(failures === 0 ? 'all nginx checks passed' : `${failures} nginx check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
