import type { CallSource, CatalogCommand, HistoryEntry, JsonObject } from '@console/shared/api';
import { findCommand } from '@console/shared/catalog';
import { lookupErrorCode } from '@console/shared/error-codes';
import { type AuditEvent, newId, type Repositories } from '../adapters/db';
import { type CallResult, pendingResult } from '../adapters/db/call-recorder';
import { tokenOperatorKey } from '../adapters/db/stats-repository';
import { type TencentClient, UpstreamError } from '../adapters/tencent-client';
import type { UserSigSigner } from '../adapters/usersig';
import { AppError } from '../core/errors';
import type { Principal } from './auth';
import type { AuthorizeCommand } from './authorize';
import type { EnvironmentRegistry, ResolvedEnvironment } from './environments';
import type { Metrics } from './metrics';
import type { RateLimiter, RateSlot } from './rate-limiter';

export interface SendInput {
  environmentId: string;
  service: string;
  command: string;
  body: JsonObject;
  confirm?: string | undefined;
  /** `explorer` for the support explorer's own lookups (History can hide them); default `console`. */
  source?: CallSource | undefined;
}

/** Who the dashboard counts a call under: the API token it was made with, else the person. */
function rollupOperatorOf(user: Principal): string {
  return user.token ? tokenOperatorKey(user.token.id) : user.username;
}

const upstreamStatus = { 'upstream/timeout': 504, 'upstream/unreachable': 502, 'upstream/bad-response': 502 };

/** What a call's history entry says before it has a result. */
type CallBase = Omit<HistoryEntry, keyof CallResult>;

/**
 * A call's history entry as one object literal, every field named (`satisfies` keeps it whole when
 * the schema grows). Spread into each of the two entries (`{ ...base, httpStatus, … }`), the call's
 * eleven fields grew the object property by property: ~4 % of the server's CPU per call in the
 * profile (decision 060).
 */
function historyEntry(base: CallBase, r: CallResult): HistoryEntry {
  return {
    id: base.id,
    createdAt: base.createdAt,
    operator: base.operator,
    environmentId: base.environmentId,
    region: base.region,
    service: base.service,
    command: base.command,
    requestBody: base.requestBody,
    url: base.url,
    replayOf: base.replayOf,
    source: base.source,
    httpStatus: r.httpStatus,
    durationMs: r.durationMs,
    outcome: r.outcome,
    actionStatus: r.actionStatus,
    errorCode: r.errorCode,
    errorInfo: r.errorInfo,
    requestId: r.requestId,
    response: r.response,
    errorDoc: r.errorDoc,
    failure: r.failure,
  } satisfies Record<keyof HistoryEntry, unknown>;
}

/** What one dispatch records about its call, beside the call itself. */
interface DispatchOptions {
  /** The history entry's id. */
  id: string;
  replayOf: string | null;
  source: CallSource;
  /** The audit row written with the call's result, or none (a run's calls are audited once). */
  audit: (entry: HistoryEntry) => AuditEvent | null;
}

export class SendRequestService {
  constructor(
    private readonly deps: {
      repos: Repositories;
      environments: EnvironmentRegistry;
      signer: UserSigSigner;
      client: TencentClient;
      authorize: AuthorizeCommand;
      /** Shared with runs: single calls and runs together stay within each command's limit. */
      limiter: RateLimiter;
      metrics?: Metrics | undefined;
    },
  ) {}

  /**
   * Checks the guard rails, reserves a place in the rate limit, records the call as pending, signs and
   * sends it, records its result, then answers: every call that reached the signer is in the history,
   * even if the process dies while it is in flight.
   */
  async send(user: Principal, input: SendInput, replayOf: string | null = null): Promise<HistoryEntry> {
    const { environments, authorize } = this.deps;
    const env = environments.get(input.environmentId);
    if (!env) {
      throw new AppError('environment/unknown', 404, `no environment "${input.environmentId}"`);
    }
    const command = findCommand(input.service, input.command);
    if (!command) {
      throw new AppError(
        'catalog/unknown-command',
        404,
        `"${input.service}/${input.command}" is not a command of the catalog`,
      );
    }
    await authorize(user, env, command, input.confirm);
    let slot: RateSlot;
    try {
      // After the other guard rails, so a call refused anyway never holds a place in the limit.
      slot = await this.deps.limiter.take(env, command);
    } catch (err) {
      // The limiter's refusals have no history row, but the dashboard counts them (decision 032).
      if (err instanceof AppError && err.code === 'rate/limited') {
        this.deps.metrics?.rateLimited(env.id, `${command.service}/${command.command}`);
        await this.deps.repos.stats.add([
          {
            at: new Date().toISOString(),
            environmentId: env.id,
            service: command.service,
            command: command.command,
            operator: rollupOperatorOf(user),
            outcome: 'limited',
            errorCode: null,
            durationMs: null,
          },
        ]);
      }
      throw err;
    }
    const { entry, failure } = await this.dispatch(user, env, command, input.body, slot, {
      id: newId(),
      replayOf,
      source: input.source ?? 'console',
      audit: (e) => ({
        actor: user.username,
        action: replayOf === null ? 'request.send' : 'request.replay',
        target: e.id,
        details: {
          environmentId: env.id,
          service: e.service,
          command: e.command,
          outcome: e.outcome,
          ...(replayOf === null ? {} : { replayOf }),
          ...(e.source === 'explorer' ? { source: 'explorer' } : {}),
        },
      }),
    });
    if (failure) {
      throw new AppError(failure.code, upstreamStatus[failure.code], failure.message, {
        extra: { entry },
      });
    }
    return entry;
  }

  /**
   * One row of a run (issue 14): the run checked the guard rails once when it started and reserved
   * this row's `slot` of the rate limiter shared with single calls, so neither is repeated here. The
   * call is recorded like any other (pending, then completed, under `historyId`, which the run stored
   * on the row before calling) and audited once for the whole run. A transport failure is answered
   * as an `error` entry rather than thrown.
   */
  async sendRunRow(
    user: Principal,
    env: ResolvedEnvironment,
    command: CatalogCommand,
    body: JsonObject,
    historyId: string,
    slot: RateSlot,
  ): Promise<HistoryEntry> {
    const { entry } = await this.dispatch(user, env, command, body, slot, {
      id: historyId,
      replayOf: null,
      source: 'console',
      audit: () => null,
    });
    return entry;
  }

  private async dispatch(
    user: Principal,
    env: ResolvedEnvironment,
    command: CatalogCommand,
    body: JsonObject,
    slot: RateSlot,
    opts: DispatchOptions,
  ): Promise<{ entry: HistoryEntry; failure: UpstreamError | undefined }> {
    try {
      return await this.dispatchHolding(user, env, command, body, slot, opts);
    } finally {
      // Stamped just before the send; anything that stopped the call earlier gives the place back.
      slot.release();
    }
  }

  private async dispatchHolding(
    user: Principal,
    env: ResolvedEnvironment,
    command: CatalogCommand,
    body: JsonObject,
    slot: RateSlot,
    opts: DispatchOptions,
  ): Promise<{ entry: HistoryEntry; failure: UpstreamError | undefined }> {
    const { repos, signer, client } = this.deps;
    const replayOf = opts.replayOf;
    // The body's JSON text is made once, before signing: the same text goes upstream and into the history.
    const bodyText = JSON.stringify(body);
    const userSig = signer.sign(env);
    const call = client.prepare(
      {
        target: { baseUrl: env.baseUrl(), sdkAppId: env.sdkAppId, adminIdentifier: env.adminIdentifier },
        service: command.service,
        command: command.command,
        userSig,
      },
      bodyText,
    );
    const base: CallBase = {
      id: opts.id,
      createdAt: new Date().toISOString(),
      operator: user.username,
      environmentId: env.id,
      region: env.region,
      service: command.service,
      command: command.command,
      requestBody: body,
      url: call.redactedUrl,
      replayOf,
      source: opts.source,
    };
    // Written before it goes out: if the process dies mid-call, the history still has it (as unknown).
    await repos.calls.begin(historyEntry(base, pendingResult), bodyText);

    let entry: HistoryEntry;
    let failure: UpstreamError | undefined;
    // The call counts against the limit from now, not from its admission: the pending row's commit
    // (a group commit under load can take a while) lies between them, and Tencent counts arrivals.
    slot.stamp();
    try {
      const result = await client.send(call);
      entry = historyEntry(base, {
        httpStatus: result.httpStatus,
        durationMs: result.durationMs,
        outcome: result.outcome,
        actionStatus: result.actionStatus,
        errorCode: result.errorCode,
        errorInfo: result.errorInfo,
        requestId: result.requestId,
        response: result.response,
        errorDoc:
          result.errorCode !== null && result.errorCode !== 0 ? lookupErrorCode(result.errorCode) : null,
        failure: null,
      });
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      failure = err;
      entry = historyEntry(base, {
        ...pendingResult,
        httpStatus: err.httpStatus,
        durationMs: err.durationMs,
        outcome: 'error',
        failure: { code: err.code, message: err.message },
      });
    }

    // The result and the audit row are committed before the caller answers.
    const handedOver = performance.now();
    await repos.calls.complete(entry, opts.audit(entry), rollupOperatorOf(user));
    this.deps.metrics?.committed((performance.now() - handedOver) / 1000);
    this.deps.metrics?.call(entry);
    return { entry, failure };
  }

  /** Sends a recorded call again, as it was or with an edited body, through the same checks. */
  async replay(
    user: Principal,
    id: string,
    edit: { body?: JsonObject | undefined; confirm?: string | undefined },
  ): Promise<HistoryEntry> {
    const original = await this.deps.repos.history.get(id);
    if (!original) throw new AppError('history/not-found', 404, `no history entry "${id}"`);
    return this.send(
      user,
      {
        environmentId: original.environmentId,
        service: original.service,
        command: original.command,
        body: edit.body ?? original.requestBody,
        confirm: edit.confirm,
      },
      original.id,
    );
  }
}
