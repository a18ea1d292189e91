import { lookup } from 'node:dns/promises';
import { isIP, Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { DiagnoseResponse, DiagnoseStep } from '@console/shared/api';
import { lookupErrorCode } from '@console/shared/error-codes';
import { request } from 'undici';
import type { Repositories } from '../adapters/db';
import { AppError } from '../core/errors';
import type { Principal } from './auth';
import type { EnvironmentRegistry, ResolvedEnvironment } from './environments';
import type { SendRequestService } from './send-request';

const STEP_TIMEOUT_MS = 5_000;
const DAY_MS = 86_400_000;

/** Codes that mean Tencent refused the UserSig: the key or the admin identifier is wrong. */
const userSigCodes = new Set([
  60004, 60005, 70001, 70003, 70005, 70009, 70013, 70014, 70016, 70020, 70050, 70051, 70052,
]);
const WHERE_THE_KEY_IS =
  'The key is in the Chat console: Applications → this app → Basic configuration → Key; check the environment’s `secretKey` and `adminIdentifier` (the app admin, usually "administrator").';

const elapsed = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

function reason(err: unknown): string {
  if (err instanceof Error) {
    const code = 'code' in err && typeof err.code === 'string' ? `${err.code}: ` : '';
    return `${code}${err.message}`;
  }
  return String(err);
}

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer within ${STEP_TIMEOUT_MS / 1000} s`)),
      STEP_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function tcpConnect(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.setTimeout(STEP_TIMEOUT_MS);
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer within ${STEP_TIMEOUT_MS / 1000} s`));
    });
    socket.once('error', (err) => {
      socket.destroy();
      reject(err);
    });
    socket.connect(port, host);
  });
}

function tlsHandshake(
  host: string,
  port: number,
): Promise<{ validTo: Date; authorized: boolean; why: string | null }> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host,
      port,
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false,
    });
    socket.setTimeout(STEP_TIMEOUT_MS);
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const why = socket.authorizationError ? String(socket.authorizationError) : null;
      socket.destroy();
      resolve({ validTo: new Date(cert.valid_to), authorized: socket.authorized, why });
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer within ${STEP_TIMEOUT_MS / 1000} s`));
    });
    socket.once('error', (err) => {
      socket.destroy();
      reject(err);
    });
  });
}

/**
 * Connectivity diagnosis of one environment (issue 13): what Tencent's troubleshooting page asks for
 * (`telnet console.tim.qq.com 443`, `curl -I https://console.tim.qq.com`), done step by step against
 * the environment's own configured host — never a host from the request — then one cheap signed call
 * through the send service that proves the SDKAppID, admin identifier and key.
 */
export class DiagnoseService {
  constructor(
    private readonly deps: {
      environments: EnvironmentRegistry;
      send: SendRequestService;
      repos: Repositories;
    },
  ) {}

  async diagnose(user: Principal, environmentId: string): Promise<DiagnoseResponse> {
    const env = this.deps.environments.get(environmentId);
    if (!env) throw new AppError('environment/unknown', 404, `no environment "${environmentId}"`);
    const url = new URL(env.baseUrl());
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const secure = url.protocol === 'https:';
    const port = Number(url.port || (secure ? 443 : 80));
    const steps: DiagnoseStep[] = [];
    const blocked = (name: DiagnoseStep['name'], title: string, after: string): DiagnoseStep => ({
      name,
      title,
      ok: null,
      ms: null,
      detail: `Not tried: ${after} failed first.`,
    });

    // 1. DNS
    const dnsTitle = `DNS resolution of ${host}`;
    if (isIP(host)) {
      steps.push({
        name: 'dns',
        title: dnsTitle,
        ok: null,
        ms: null,
        detail: env.sandbox
          ? 'Does not apply: the built-in sandbox runs in this server, at an IP address.'
          : `Does not apply: the endpoint is an IP address (${host}).`,
      });
    } else {
      const t0 = performance.now();
      try {
        const addresses = await withTimeout(lookup(host, { all: true }), 'DNS');
        steps.push({
          name: 'dns',
          title: dnsTitle,
          ok: true,
          ms: elapsed(t0),
          detail: `Resolved to ${addresses.map((a) => a.address).join(', ')}.`,
        });
      } catch (err) {
        steps.push({
          name: 'dns',
          title: dnsTitle,
          ok: false,
          ms: elapsed(t0),
          detail: `${host} could not be resolved (${reason(err)}). The console server's DNS resolver cannot find Tencent's domain: check /etc/resolv.conf or the network's DNS, and that the region (or endpoint) is spelled right. Tencent notes that a DNS server of another ISP can cause timeouts.`,
        });
      }
    }
    const dnsOk = steps[0]?.ok !== false;

    // 2. TCP
    const tcpTitle = `TCP connection to ${host}:${port}`;
    let tcpOk = false;
    if (!dnsOk) steps.push(blocked('tcp', tcpTitle, 'DNS resolution'));
    else {
      const t0 = performance.now();
      try {
        await tcpConnect(host, port);
        tcpOk = true;
        steps.push({
          name: 'tcp',
          title: tcpTitle,
          ok: true,
          ms: elapsed(t0),
          detail: `Port ${port} accepts connections.`,
        });
      } catch (err) {
        steps.push({
          name: 'tcp',
          title: tcpTitle,
          ok: false,
          ms: elapsed(t0),
          detail: `Could not connect (${reason(err)}). Something between this server and ${host} blocks port ${port}: check the outbound firewall, security group or proxy of the console server.`,
        });
      }
    }

    // 3. TLS
    const tlsTitle = `TLS handshake with ${host}`;
    let tlsOk = !secure;
    if (!secure) {
      steps.push({
        name: 'tls',
        title: tlsTitle,
        ok: null,
        ms: null,
        detail: `Does not apply: the endpoint is ${url.protocol}// (no TLS)${env.sandbox ? ', the built-in sandbox' : ''}.`,
      });
    } else if (!tcpOk) steps.push(blocked('tls', tlsTitle, 'the TCP connection'));
    else {
      const t0 = performance.now();
      try {
        const cert = await withTimeout(tlsHandshake(host, port), 'TLS');
        const days = Math.floor((cert.validTo.getTime() - Date.now()) / DAY_MS);
        tlsOk = cert.authorized && days >= 0;
        steps.push({
          name: 'tls',
          title: tlsTitle,
          ok: tlsOk,
          ms: elapsed(t0),
          detail: tlsOk
            ? `Certificate valid until ${cert.validTo.toISOString().slice(0, 10)} (${days} days).`
            : `The certificate is not trusted (${cert.why ?? 'expired'}; valid until ${cert.validTo.toISOString().slice(0, 10)}). A proxy that intercepts TLS, or a wrong endpoint, answers instead of Tencent.`,
        });
      } catch (err) {
        steps.push({
          name: 'tls',
          title: tlsTitle,
          ok: false,
          ms: elapsed(t0),
          detail: `The TLS handshake failed (${reason(err)}). Check for a proxy or firewall that inspects TLS.`,
        });
      }
    }

    // 4. HTTP (curl -I)
    const httpTitle = `HTTP answer from ${url.host}`;
    if (!tcpOk || !tlsOk)
      steps.push(blocked('http', httpTitle, tcpOk ? 'the TLS handshake' : 'the TCP connection'));
    else {
      const t0 = performance.now();
      try {
        const res = await request(url.origin, {
          method: 'HEAD',
          headersTimeout: STEP_TIMEOUT_MS,
          bodyTimeout: STEP_TIMEOUT_MS,
        });
        await res.body.dump();
        steps.push({
          name: 'http',
          title: httpTitle,
          ok: true,
          ms: elapsed(t0),
          detail: `HEAD ${url.origin} answered HTTP ${res.statusCode}: a web server answers at this address.`,
        });
      } catch (err) {
        steps.push({
          name: 'http',
          title: httpTitle,
          ok: false,
          ms: elapsed(t0),
          detail: `No HTTP answer (${reason(err)}). The port is open but nothing answers HTTP: check the endpoint and any proxy in between.`,
        });
      }
    }

    // 5. One signed call, through the send service (guard, limiter, history, audit).
    steps.push(
      await this.signedCall(
        user,
        env,
        steps.every((s) => s.ok !== false),
      ),
    );

    await this.deps.repos.audit.append({
      actor: user.username,
      action: 'environment.diagnose',
      target: env.id,
      details: { steps: steps.map((s) => ({ name: s.name, ok: s.ok })) },
    });
    return { environmentId: env.id, host: url.host, steps };
  }

  private async signedCall(
    user: Principal,
    env: ResolvedEnvironment,
    reachable: boolean,
  ): Promise<DiagnoseStep> {
    const title = `Signed call as ${env.adminIdentifier} to SDKAppID ${env.sdkAppId}`;
    if (!reachable)
      return {
        name: 'signed-call',
        title,
        ok: null,
        ms: null,
        detail: 'Not tried: the host cannot be reached.',
      };
    const t0 = performance.now();
    try {
      const entry = await this.deps.send.send(user, {
        environmentId: env.id,
        service: 'im_open_login_svc',
        command: 'account_check',
        body: { CheckItem: [{ UserID: env.adminIdentifier }] },
      });
      const ms = entry.durationMs ?? elapsed(t0);
      if (entry.outcome === 'ok') {
        return {
          name: 'signed-call',
          title,
          ok: true,
          ms,
          detail: `account_check answered OK (RequestId ${entry.requestId ?? 'none'}): the SDKAppID, the admin identifier and the key are right.`,
        };
      }
      const code = entry.errorCode ?? 0;
      const doc = lookupErrorCode(code);
      let advice = `${doc.meaning} ${doc.hint}`;
      if (userSigCodes.has(code)) advice = `Tencent refused the UserSig: ${doc.meaning} ${WHERE_THE_KEY_IS}`;
      if (code === 60021) {
        advice = `The console server's source IP is not on the app's IP allowlist. ${doc.hint}`;
      }
      return {
        name: 'signed-call',
        title,
        ok: false,
        ms,
        detail: `account_check failed with ${code}. ${advice}`,
      };
    } catch (err) {
      const detail =
        err instanceof AppError
          ? err.code === 'rate/limited'
            ? 'Not sent: the console’s own rate limit for account_check is used up right now; try again in a second.'
            : `The call failed (${err.code}): ${err.message}`
          : `The call failed: ${reason(err)}`;
      if (err instanceof AppError && !err.code.startsWith('upstream/') && err.code !== 'rate/limited')
        throw err;
      return { name: 'signed-call', title, ok: false, ms: elapsed(t0), detail };
    }
  }
}
