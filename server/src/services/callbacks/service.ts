import {
  CALLBACK_BODY_MAX_BYTES,
  type CallbackEndpoint,
  type CallbackEntry,
  type CallbackForward,
  type CallbackPage,
  type CallbackQuery,
  type CallbackSummary,
  type CallbackSummaryQuery,
  type OverLimitAlert,
} from '@console/shared/api';
import { type ForwardResult, postCallback } from '../../adapters/callback-forwarder';
import { InvalidCursorError, type LiveBus, newId, type Repositories } from '../../adapters/db';
import { AppError } from '../../core/errors';
import type { Logger } from '../../logger';
import type { Principal } from '../auth';
import type { EnvironmentRegistry, ResolvedCallback, ResolvedEnvironment } from '../environments';
import { CallbackHub } from './hub';
import { decide, describeRule, isBeforeCallback } from './rules';
import { callbackSign, checkSignature } from './signature';

/** A call to the receiver, as the HTTP layer read it. */
export interface IncomingCallback {
  environmentId: string;
  /** First value of each query parameter, Sign included. */
  query: Record<string, string>;
  /** The raw body; null when it was larger than CALLBACK_BODY_MAX_BYTES (reading stopped there). */
  body: Buffer | null;
  clientAddress: string | null;
  /** performance.now() when the request arrived. */
  startedAt: number;
}

export interface CallbackAnswer {
  status: number;
  answer: Record<string, unknown>;
}

/** A body that is not JSON is kept as text, cut here, so a rejected attempt can still be read. */
const RAW_TEXT_KEEP = 64 * 1024;

type Rejection = { code: Parameters<typeof errorAnswer>[0]; status: number; reason: string };

function errorAnswer(
  code:
    | 'callback/bad-signature'
    | 'callback/expired'
    | 'callback/wrong-app'
    | 'callback/bad-json'
    | 'request/too-large',
  message: string,
): Record<string, unknown> {
  return { error: { code, message } };
}

function commandOf(query: Record<string, string>, body: unknown): string {
  const fromQuery = query.CallbackCommand;
  if (fromQuery !== undefined && fromQuery !== '') return fromQuery.slice(0, 120);
  if (
    typeof body === 'object' &&
    body !== null &&
    'CallbackCommand' in body &&
    typeof body.CallbackCommand === 'string'
  ) {
    return body.CallbackCommand.slice(0, 120);
  }
  return '';
}

export interface CallbackServiceDeps {
  repos: Repositories;
  environments: EnvironmentRegistry;
  logger: Logger;
  now?: () => number;
  /** Where a forward goes; tests never need to replace it (they forward to a local server). */
  post?: (url: string, body: string) => Promise<ForwardResult>;
  /** Replicas on PostgreSQL: tells the others of each new or updated entry, and hears theirs (decision 047). */
  live?: LiveBus;
}

/**
 * The callback receiver's use cases (decision 036): verify and answer a callback, record it, forward
 * it to the environment's targets; list, read and re-send what was recorded.
 */
export class CallbackService {
  readonly hub = new CallbackHub();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly now: () => number;
  private readonly post: (url: string, body: string) => Promise<ForwardResult>;

  private readonly unsubscribe: () => void;

  constructor(private readonly deps: CallbackServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.post = deps.post ?? ((url, body) => postCallback(url, body));
    // Another replica received or forwarded one: read it from the shared store and stream it here.
    this.unsubscribe =
      deps.live?.subscribe((event) => {
        if (event.kind !== 'callback') return;
        deps.repos.callbacks
          .get(event.id)
          .then((entry) => {
            if (entry) this.hub.publish(entry);
          })
          .catch((err: unknown) =>
            deps.logger.error(
              { err, callback: event.id },
              'reading a callback another replica announced failed',
            ),
          );
      }) ?? (() => {});
  }

  /** Streams a new or updated entry here, and tells the other replicas (once it is stored). */
  private announce(entry: CallbackEntry): void {
    this.hub.publish(entry);
    this.deps.live
      ?.publish({ kind: 'callback', id: entry.id })
      .catch((err: unknown) =>
        this.deps.logger.error({ err, callback: entry.id }, 'announcing a callback to other replicas failed'),
      );
  }

  private receiverOf(environmentId: string): { env: ResolvedEnvironment; callback: ResolvedCallback } {
    const env = this.deps.environments.get(environmentId);
    if (env?.callback == null) {
      throw new AppError(
        'callback/not-configured',
        404,
        `no environment "${environmentId.slice(0, 64)}" receives callbacks (it needs callback.token)`,
      );
    }
    return { env, callback: env.callback };
  }

  /** Verifies, answers and records one callback; starts its forwards once recorded. Never throws for bad input. */
  async receive(incoming: IncomingCallback): Promise<CallbackAnswer> {
    const { env, callback } = this.receiverOf(incoming.environmentId);
    const { Sign: _sign, ...storedQuery } = incoming.query;
    const receivedAt = new Date(this.now());

    let rejection: Rejection | null = null;
    let body: unknown = null;
    let parsed: Record<string, unknown> | null = null;
    const failure = checkSignature(callback.token, incoming.query, receivedAt.getTime());
    if (failure) {
      rejection = {
        code: failure.kind === 'expired' ? 'callback/expired' : 'callback/bad-signature',
        status: 401,
        reason: failure.reason,
      };
    } else if (incoming.query.SdkAppid !== String(env.sdkAppId)) {
      rejection = {
        code: 'callback/wrong-app',
        status: 403,
        reason: `SdkAppid ${JSON.stringify((incoming.query.SdkAppid ?? '').slice(0, 20))} is not this environment's app (${env.sdkAppId})`,
      };
    }
    if (incoming.body === null) {
      rejection ??= {
        code: 'request/too-large',
        status: 413,
        reason: `the body is larger than ${CALLBACK_BODY_MAX_BYTES / 1024} KiB`,
      };
    } else {
      const text = incoming.body.toString('utf8');
      try {
        body = JSON.parse(text);
      } catch {
        body = text.slice(0, RAW_TEXT_KEEP);
      }
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
        parsed = body as Record<string, unknown>;
      } else {
        rejection ??= { code: 'callback/bad-json', status: 400, reason: 'the body is not a JSON object' };
      }
    }

    const command = commandOf(storedQuery, parsed);
    let entry: CallbackEntry;
    let answer: CallbackAnswer;
    if (rejection !== null || parsed === null) {
      const r = rejection ?? {
        code: 'callback/bad-json',
        status: 400,
        reason: 'the body is not a JSON object',
      };
      answer = { status: r.status, answer: errorAnswer(r.code, r.reason) };
      entry = this.entryOf(incoming, receivedAt, env.id, command, storedQuery, body, answer, {
        verdict: 'rejected',
        reason: r.reason,
        decidedBy: null,
      });
    } else {
      const decision = isBeforeCallback(command)
        ? decide(callback.rules, command, parsed)
        : { rule: null, answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }, reason: 'accepted' };
      answer = { status: 200, answer: decision.answer };
      entry = this.entryOf(incoming, receivedAt, env.id, command, storedQuery, body, answer, {
        verdict: 'accepted',
        reason: decision.reason,
        decidedBy: decision.rule,
      });
    }
    await this.deps.repos.callbacks.insert(entry);
    this.announce(entry);
    if (entry.verdict === 'accepted') {
      for (const target of callback.forwardTo) this.track(this.deliver(entry, callback, target, null));
    }
    return answer;
  }

  private entryOf(
    incoming: IncomingCallback,
    receivedAt: Date,
    environmentId: string,
    command: string,
    query: Record<string, string>,
    body: unknown,
    answer: CallbackAnswer,
    verdict: Pick<CallbackEntry, 'verdict' | 'reason' | 'decidedBy'>,
  ): CallbackEntry {
    return {
      id: newId(receivedAt.getTime()),
      receivedAt: receivedAt.toISOString(),
      environmentId,
      command,
      ...verdict,
      query,
      body,
      httpStatus: answer.status,
      answer: answer.answer,
      durationMs: Math.round((performance.now() - incoming.startedAt) * 10) / 10,
      clientAddress: incoming.clientAddress,
      forwards: [],
    };
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /**
   * One delivery: the original query with a fresh RequestTime and Sign (the target checks them with
   * the same token), and the body. The result is appended to the entry and streamed.
   */
  private async deliver(
    entry: CallbackEntry,
    callback: ResolvedCallback,
    target: string,
    by: string | null,
  ): Promise<CallbackEntry | undefined> {
    const url = new URL(target);
    const requestTime = String(Math.floor(this.now() / 1000));
    for (const [name, value] of Object.entries(entry.query)) {
      if (name !== 'RequestTime') url.searchParams.set(name, value);
    }
    url.searchParams.set('RequestTime', requestTime);
    url.searchParams.set('Sign', callbackSign(callback.token, requestTime));
    const at = new Date(this.now()).toISOString();
    const result = await this.post(url.toString(), JSON.stringify(entry.body));
    const forward: CallbackForward = { target, at, ...result, by };
    try {
      const updated = await this.deps.repos.callbacks.addForward(entry.id, forward);
      if (updated) this.announce(updated);
      return updated;
    } catch (err) {
      this.deps.logger.error({ err, callback: entry.id }, 'recording a callback forward failed');
      return undefined;
    }
  }

  async list(query: CallbackQuery): Promise<CallbackPage> {
    try {
      return await this.deps.repos.callbacks.list(query);
    } catch (err) {
      if (err instanceof InvalidCursorError) throw new AppError('request/invalid', 400, err.message);
      throw err;
    }
  }

  async get(id: string): Promise<CallbackEntry> {
    const entry = await this.deps.repos.callbacks.get(id);
    if (!entry) throw new AppError('callback/not-found', 404, `no callback ${id.slice(0, 64)}`);
    return entry;
  }

  /** Re-sends an accepted callback to one of its environment's targets; audited before it goes out. */
  async resend(principal: Principal, id: string, target: string): Promise<CallbackEntry> {
    const entry = await this.get(id);
    if (entry.verdict !== 'accepted') {
      // Re-signing a rejected call with the real token would pass a forgery on to the backend.
      throw new AppError('callback/not-accepted', 409, 'only accepted callbacks can be forwarded');
    }
    const env = this.deps.environments.get(entry.environmentId);
    const callback = env?.callback;
    if (!callback?.forwardTo.includes(target)) {
      throw new AppError(
        'callback/unknown-target',
        400,
        'the target is not one of the environment’s forwardTo URLs',
        {
          details: { targets: callback?.forwardTo ?? [] },
        },
      );
    }
    await this.deps.repos.audit.append({
      actor: principal.username,
      action: 'callback.forward',
      target: entry.id,
      details: { environmentId: entry.environmentId, command: entry.command, forwardTo: target },
    });
    const delivery = this.deliver(entry, callback, target, principal.username);
    this.track(delivery);
    return (await delivery) ?? (await this.get(id));
  }

  /**
   * The dashboard's figures: callbacks per command and verdict, and the commands Tencent reported
   * past 80 % of their rate limit (Alert.RequestOverLimit), in `[from, to)` (the last hour by default).
   */
  async summary(query: CallbackSummaryQuery): Promise<CallbackSummary> {
    const to = query.to === undefined ? new Date(this.now()) : new Date(query.to);
    const from = query.from === undefined ? new Date(to.getTime() - 60 * 60 * 1000) : new Date(query.from);
    const filter = {
      ...(query.environmentId === undefined ? {} : { environmentId: query.environmentId }),
      from: from.toISOString(),
      to: to.toISOString(),
    };
    const rows = await this.deps.repos.callbacks.countByCommand(filter);
    const commands = new Map<string, { command: string; accepted: number; rejected: number }>();
    let accepted = 0;
    let rejected = 0;
    for (const r of rows) {
      const c = commands.get(r.command) ?? { command: r.command, accepted: 0, rejected: 0 };
      if (r.verdict === 'accepted') {
        c.accepted += r.n;
        accepted += r.n;
      } else {
        c.rejected += r.n;
        rejected += r.n;
      }
      commands.set(r.command, c);
    }
    const alerts = await this.deps.repos.callbacks.bodiesOf(
      { ...filter, command: 'Alert.RequestOverLimit' },
      1000,
    );
    const overLimit = new Map<string, OverLimitAlert>();
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    for (const { receivedAt, body } of alerts) {
      if (typeof body !== 'object' || body === null) continue;
      const b = body as Record<string, unknown>;
      const service = typeof b.ServiceName === 'string' ? b.ServiceName : '';
      const command = typeof b.Command === 'string' ? b.Command : '';
      const key = `${service}/${command}`;
      const seen = overLimit.get(key);
      const request = num(b.Request);
      if (seen) {
        seen.alerts += 1;
        if (request !== null && (seen.request === null || request > seen.request)) {
          seen.request = request;
          seen.limit = num(b.Limit);
        }
      } else {
        overLimit.set(key, { service, command, alerts: 1, lastAt: receivedAt, request, limit: num(b.Limit) });
      }
    }
    return {
      from: filter.from,
      to: filter.to,
      total: accepted + rejected,
      accepted,
      rejected,
      commands: [...commands.values()]
        .sort((a, b) => b.accepted + b.rejected - (a.accepted + a.rejected))
        .slice(0, 10),
      overLimit: [...overLimit.values()],
    };
  }

  /** Per environment, what the inspector shows: is the receiver on, its path, targets and rules. */
  endpoints(): CallbackEndpoint[] {
    return this.deps.environments.all().map((env) => ({
      environmentId: env.id,
      label: env.label,
      sdkAppId: env.sdkAppId,
      enabled: env.callback !== null,
      path: `/callbacks/${encodeURIComponent(env.id)}`,
      forwardTo: env.callback?.forwardTo ?? [],
      rules: (env.callback?.rules ?? []).map(describeRule),
    }));
  }

  /** Waits for forwards still in flight (shutdown), at most `timeoutMs`. */
  async stop(timeoutMs = 6_000): Promise<void> {
    this.unsubscribe();
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
}
