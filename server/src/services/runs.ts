import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Readable } from 'node:stream';
import {
  type CatalogCommand,
  type CreateRunInput,
  type HistoryEntry,
  type JsonObject,
  type PagesRunInput,
  type RenderError,
  type RetryRunInput,
  type RowsRunInput,
  RUN_DEFAULT_MAX_PAGES,
  RUN_INPUT_MAX_BYTES,
  RUN_MAX_ROWS,
  type Run,
  type RunPreview,
  type RunResultRow,
  type RunRowState,
  runConfirmation,
} from '@console/shared/api';
import { findCommand } from '@console/shared/catalog';
import { cursorRuleFor, followCursor } from '@console/shared/catalog/cursors';
import { lookupErrorCode } from '@console/shared/error-codes';
import { confirmationReason } from '@console/shared/guard-rails';
import { type ParsedTemplate, parseTemplate, renderRow, TemplateError } from '@console/shared/runs/template';
import { parse as parseCsv } from 'csv-parse';
import {
  type NewRunRow,
  newId,
  noLiveBus,
  type Repositories,
  type RunRecord,
  type RunRowRecord,
} from '../adapters/db';
import { AppError } from '../core/errors';
import type { Logger } from '../logger';
import type { Principal } from './auth';
import type { EnvironmentRegistry, ResolvedEnvironment } from './environments';
import { checkCommand } from './guard';
import { type RateLimiter, type RateSlot, rateLimitFor } from './rate-limiter';
import { RunChanges } from './run-changes';
import type { SendRequestService } from './send-request';

/** Tencent's "too frequent" answers: the run slows down by itself, then recovers. */
export const THROTTLE_CODES: ReadonlySet<number> = new Set([60007, 60018]);
const DEFAULT_CONCURRENCY = 4;
const SAMPLE_ROWS = 5;
const LISTED_RENDER_ERRORS = 100;
/** After a throttle answer the pace halves; every RECOVER_MS without one it grows back by a quarter. */
const RECOVER_MS = 2000;

export interface ParsedInput {
  columns: string[];
  rows: { line: number; values: Record<string, string> }[];
}

function tooLarge(what: string, limit: number, unit: string): AppError {
  return new AppError('request/too-large', 413, `${what} is larger than the limit of ${limit} ${unit}`, {
    details: { limit, unit },
  });
}

/** Rows rendered or stored between two turns of the event loop, so other requests are answered. */
const BATCH_ROWS = 1000;
/** Rows without a run older than this are a creation cut short, also when replicas share the store. */
const ORPHAN_ROWS_IDLE_MS = 60 * 60 * 1000;
const nextTurn = () => new Promise<void>((r) => setImmediate(r));

/**
 * The text in slices of about 64 KiB (never splitting a surrogate pair), so the CSV parser reads it
 * in steps and the server answers other requests between them, rather than in one 16 MiB gulp.
 */
function* slices(text: string, size = 64 * 1024): Generator<string> {
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield text.slice(at, end);
    at = end;
  }
}

/** Reads CSV (header line first) or JSON Lines, streamed so a large input does not hold the event loop. */
export async function parseRunInput(text: string, format: 'csv' | 'jsonl'): Promise<ParsedInput> {
  if (Buffer.byteLength(text) > RUN_INPUT_MAX_BYTES)
    throw tooLarge("the run's input", RUN_INPUT_MAX_BYTES, 'bytes');
  const rows: ParsedInput['rows'] = [];
  const columns: string[] = [];
  const addRow = (line: number, values: Record<string, string>) => {
    if (rows.length >= RUN_MAX_ROWS) throw tooLarge("the run's input", RUN_MAX_ROWS, 'rows');
    rows.push({ line, values });
  };
  if (format === 'jsonl') {
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const raw = (lines[i] ?? '').trim();
      if (raw === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw new AppError('request/invalid', 400, `line ${i + 1} of the JSON Lines input is not JSON`, {
          details: { line: i + 1 },
        });
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new AppError(
          'request/invalid',
          400,
          `line ${i + 1} of the JSON Lines input is not a JSON object`,
          {
            details: { line: i + 1 },
          },
        );
      }
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(value)) {
        values[k] = typeof v === 'string' ? v : JSON.stringify(v);
        if (!columns.includes(k)) columns.push(k);
      }
      addRow(i + 1, values);
      // Let other requests in now and then.
      if (i % BATCH_ROWS === BATCH_ROWS - 1) await nextTurn();
    }
    return { columns, rows };
  }
  const parser = Readable.from(slices(text), { objectMode: false }).pipe(
    parseCsv({ columns: true, bom: true, skip_empty_lines: true, info: true, trim: false }),
  );
  try {
    for await (const chunk of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      if (columns.length === 0) columns.push(...Object.keys(chunk.record));
      addRow(chunk.info.lines, chunk.record);
      if (rows.length % BATCH_ROWS === 0) await nextTurn();
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const line = typeof err === 'object' && err !== null && 'lines' in err ? Number(err.lines) : null;
    throw new AppError(
      'request/invalid',
      400,
      `the CSV cannot be read${line === null ? '' : ` at line ${line}`}: ${err instanceof Error ? err.message : String(err)}`,
      { details: { line } },
    );
  }
  return { columns, rows };
}

function templateOf(text: string): ParsedTemplate {
  try {
    return parseTemplate(text);
  } catch (err) {
    throw new AppError('request/invalid', 400, err instanceof Error ? err.message : String(err));
  }
}

interface Rendered {
  bodies: NewRunRow[];
  errors: RenderError[];
}

/** Renders every row, a batch per turn of the event loop. */
async function renderAll(template: ParsedTemplate, input: ParsedInput): Promise<Rendered> {
  const bodies: NewRunRow[] = [];
  const errors: RenderError[] = [];
  for (let i = 0; i < input.rows.length; i++) {
    const r = input.rows[i];
    if (!r) continue;
    try {
      const body = renderRow(template, r.values);
      bodies.push({ rowNo: i + 1, line: r.line, values: r.values, body: JSON.stringify(body) });
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      errors.push({ line: r.line, row: i + 1, message: err.message });
    }
    if (i % BATCH_ROWS === BATCH_ROWS - 1) await nextTurn();
  }
  return { bodies, errors };
}

/** One row of a rows run's results file. */
function resultOf(r: RunRowRecord): RunResultRow {
  return {
    row: r.row_no,
    line: r.line,
    values: JSON.parse(r.row_values) as Record<string, string>,
    state: r.state,
    historyId: r.history_id,
    requestId: r.request_id,
    actionStatus: r.action_status,
    errorCode: r.error_code,
    errorInfo: r.error_info,
  };
}

function stateOf(entry: HistoryEntry): RunRowState {
  if (entry.outcome === 'ok') return 'ok';
  if (entry.outcome === 'fail') return 'fail';
  return 'error';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface RunServiceDeps {
  repos: Repositories;
  environments: EnvironmentRegistry;
  send: SendRequestService;
  limiter: RateLimiter;
  logger: Logger;
  /**
   * True for one process on SQLite: at start nobody else can hold a lease, so interrupted runs are
   * taken back at once. False for replicas on PostgreSQL: a run is taken over when its lease expires.
   */
  exclusiveStore?: boolean;
  /** Lease length and renewal period (decision 039); defaults 15 s and 5 s, so a dead replica's run moves within 20 s. */
  lease?: { ms: number; renewMs: number };
  /**
   * Changes heard from this process and, on PostgreSQL, the other replicas (decision 053); by
   * default this process's only.
   */
  changes?: RunChanges;
  /**
   * How often a followed run is read from the store when no change was heard: a safety net for
   * announcements lost while the listening connection was down (default 5 s).
   */
  followRecheckMs?: number;
}

const DEFAULT_LEASE = { ms: 15_000, renewMs: 5_000 };
/** A followed run is read at most this often however fast it changes (a busy run changes per row). */
const FOLLOW_MIN_GAP_MS = 200;
const finished = (status: Run['status']) =>
  status === 'done' || status === 'cancelled' || status === 'failed';

export interface RunFollower {
  /** The run as it changed (only when it differs from the last one given). */
  onRun(run: Run): void;
  /** The run ended (after its final state went to `onRun`), or reading it failed. */
  onEnd(): void;
}

/** A run being worked on in this process. */
class Worker {
  stopping = false;
  /** Completion times of the last seconds, for the measured rate. */
  readonly completions: number[] = [];
  /** Fraction of the target rate in force: lowered by throttle answers, then recovered. */
  factor = 1;
  lastAdjust = 0;
  /** When the run's next call may go, at its pace (performance.now()). */
  nextSlot = 0;
  /** This replica holds the run's lease (until `lost`). */
  claimed = false;
  lost = false;
  done: Promise<void> = Promise.resolve();

  constructor(readonly runId: string) {}

  rate(): number {
    const now = performance.now();
    while ((this.completions[0] ?? now) < now - 5000) this.completions.shift();
    return this.completions.length / 5;
  }
}

export class RunService {
  private readonly workers = new Map<string, Worker>();
  private closed = false;
  /** This process among the replicas, as written in the leases it holds. */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly lease: { ms: number; renewMs: number };
  private ticker: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  readonly changes: RunChanges;

  constructor(private readonly deps: RunServiceDeps) {
    this.lease = deps.lease ?? DEFAULT_LEASE;
    this.changes = deps.changes ?? new RunChanges(noLiveBus, () => {});
  }

  /** The run changed in the store: its progress streams, here and on other replicas, read it again. */
  private changed(id: string): void {
    this.changes.changed(id);
  }

  /**
   * A run's progress for its events stream: `first` is the state already sent; `follower.onRun`
   * gets each new state, read from the store when a change is heard (at most every 200 ms) or, if
   * none is, every `followRecheckMs`; `follower.onEnd` once it ended. Returns the stop.
   */
  follow(id: string, first: Run, follower: RunFollower): () => void {
    let last = JSON.stringify(first);
    let stopped = false;
    let reading = false;
    let again = false;
    let lastRead = 0;
    let gap: NodeJS.Timeout | undefined;
    const stop = () => {
      stopped = true;
      unwatch();
      clearInterval(recheck);
      if (gap !== undefined) clearTimeout(gap);
    };
    const read = () => {
      if (stopped) return;
      if (reading) {
        again = true;
        return;
      }
      const wait = lastRead + FOLLOW_MIN_GAP_MS - performance.now();
      if (wait > 0) {
        gap ??= setTimeout(() => {
          gap = undefined;
          read();
        }, wait);
        return;
      }
      reading = true;
      lastRead = performance.now();
      this.get(id)
        .then((run) => {
          if (stopped) return;
          const text = JSON.stringify(run);
          if (text !== last) {
            last = text;
            follower.onRun(run);
          }
          if (finished(run.status)) {
            stop();
            follower.onEnd();
          }
        })
        .catch(() => {
          if (stopped) return;
          stop();
          follower.onEnd();
        })
        .finally(() => {
          reading = false;
          if (again) {
            again = false;
            read();
          }
        });
    };
    const unwatch = this.changes.watch(id, read);
    const recheck = setInterval(read, this.deps.followRecheckMs ?? 5_000);
    // A change between the first read and the watch.
    read();
    return stop;
  }

  private leaseUntil(): Date {
    return new Date(Date.now() + this.lease.ms);
  }

  private resolve(environmentId: string, service: string, commandName: string) {
    const env = this.deps.environments.get(environmentId);
    if (!env) throw new AppError('environment/unknown', 404, `no environment "${environmentId}"`);
    const command = findCommand(service, commandName);
    if (!command) {
      throw new AppError(
        'catalog/unknown-command',
        404,
        `"${service}/${commandName}" is not a command of the catalog`,
      );
    }
    return { env, command };
  }

  private async inputOf(input: RowsRunInput): Promise<ParsedInput> {
    if (input.rows !== undefined) {
      const columns: string[] = [];
      for (const r of input.rows) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
      return { columns, rows: input.rows.map((values, i) => ({ line: i + 1, values })) };
    }
    return parseRunInput(input.csv ?? '', input.format ?? 'csv');
  }

  /** The confirmation text a run asks for, or null. */
  private confirmationFor(env: ResolvedEnvironment, command: CatalogCommand, rows: number): string | null {
    return confirmationReason(env, command.access) === null ? null : runConfirmation(command.command, rows);
  }

  /** What a rows run would send; nothing is stored or sent. */
  async preview(user: Principal, input: RowsRunInput): Promise<RunPreview> {
    const { env, command } = this.resolve(input.environmentId, input.service, input.command);
    const template = templateOf(input.template);
    const parsed = await this.inputOf(input);
    const { bodies, errors } = await renderAll(template, parsed);
    void user;
    return {
      columns: parsed.columns,
      total: parsed.rows.length,
      samples: bodies
        .slice(0, SAMPLE_ROWS)
        .map((b) => ({ row: b.rowNo, line: b.line, body: JSON.parse(b.body) as unknown })),
      errors: errors.slice(0, LISTED_RENDER_ERRORS),
      errorCount: errors.length,
      limitPerSec: rateLimitFor(env, command),
      confirmation: this.confirmationFor(env, command, bodies.length),
    };
  }

  /** The guard rails of a single call, checked once for the whole run (decision 035). */
  private guard(
    user: Principal,
    env: ResolvedEnvironment,
    command: CatalogCommand,
    rows: number,
    confirm?: string,
  ) {
    // Role and read-only first: the command name stands in for the confirmation, checked next.
    checkCommand({ role: user.role, env, command, confirm: command.command });
    const expected = this.confirmationFor(env, command, rows);
    if (expected !== null && confirm !== expected) {
      const reason = confirmationReason(env, command.access);
      throw new AppError(
        'guard/confirmation-required',
        400,
        `this run sends ${command.command} ${rows} times on "${env.id}": send "confirm": "${expected}" (the command name and the row count) to start it`,
        { details: { reason, expected, environmentId: env.id } },
      );
    }
  }

  async start(user: Principal, input: CreateRunInput, retryOf: string | null = null): Promise<Run> {
    if (input.kind === 'pages') return this.startPages(user, input);
    const { env, command } = this.resolve(input.environmentId, input.service, input.command);
    const template = templateOf(input.template);
    const parsed = await this.inputOf(input);
    const { bodies, errors } = await renderAll(template, parsed);
    if (errors.length > 0) {
      throw new AppError(
        'run/render-errors',
        400,
        `${errors.length} of ${parsed.rows.length} rows cannot be rendered (first at line ${errors[0]?.line}): fix them or leave them out`,
        { details: { errors: errors.slice(0, LISTED_RENDER_ERRORS), errorCount: errors.length } },
      );
    }
    if (bodies.length === 0) throw new AppError('request/invalid', 400, 'the input has no rows');
    this.guard(user, env, command, bodies.length, input.confirm);
    const at = new Date().toISOString();
    const id = newId();
    const runs = this.deps.repos.runs;
    // The rows first, a batch per transaction with a turn of the event loop between, then the run:
    // it appears (and can be resumed) only with all its rows; a creation cut short leaves rows
    // without a run, dropped here or at the next start (decision 028).
    try {
      for (let i = 0; i < bodies.length; i += BATCH_ROWS) {
        await runs.addRows(id, bodies.slice(i, i + BATCH_ROWS), at);
        await nextTurn();
      }
      await runs.create(
        {
          id,
          kind: 'rows',
          status: 'running',
          environment_id: env.id,
          service: command.service,
          command: command.command,
          template: input.template,
          columns: JSON.stringify(parsed.columns),
          started_by: user.username,
          started_role: user.role,
          created_at: at,
          updated_at: at,
          finished_at: null,
          total: bodies.length,
          rate_per_sec: input.ratePerSec ?? null,
          concurrency: input.concurrency ?? DEFAULT_CONCURRENCY,
          max_pages: null,
          message: null,
          retry_of: retryOf,
          lease_owner: null,
          lease_until: null,
        },
        [],
      );
    } catch (err) {
      await runs.dropOrphanRows(id).catch(() => undefined);
      throw err;
    }
    await this.audit(user.username, 'run.start', id, {
      kind: 'rows',
      environmentId: env.id,
      service: command.service,
      command: command.command,
      rows: bodies.length,
      ...(retryOf === null ? {} : { retryOf }),
    });
    void this.launch(id);
    return this.get(id);
  }

  private async startPages(user: Principal, input: PagesRunInput): Promise<Run> {
    const { env, command } = this.resolve(input.environmentId, input.service, input.command);
    if (!cursorRuleFor(command.service, command.command)) {
      throw new AppError(
        'run/not-paged',
        400,
        `${command.service}/${command.command} has no cursor the console knows how to follow`,
      );
    }
    // A paged command is a read; whatever it is, the guard rails hold as for one call.
    this.guard(user, env, command, 1, undefined);
    const at = new Date().toISOString();
    const id = newId();
    await this.deps.repos.runs.create(
      {
        id,
        kind: 'pages',
        status: 'running',
        environment_id: env.id,
        service: command.service,
        command: command.command,
        template: JSON.stringify(input.body),
        columns: '[]',
        started_by: user.username,
        started_role: user.role,
        created_at: at,
        updated_at: at,
        finished_at: null,
        total: 0,
        rate_per_sec: input.ratePerSec ?? null,
        concurrency: 1,
        max_pages: input.maxPages ?? RUN_DEFAULT_MAX_PAGES,
        message: null,
        retry_of: null,
        lease_owner: null,
        lease_until: null,
      },
      [],
    );
    await this.audit(user.username, 'run.start', id, {
      kind: 'pages',
      environmentId: env.id,
      service: command.service,
      command: command.command,
      maxPages: input.maxPages ?? RUN_DEFAULT_MAX_PAGES,
    });
    void this.launch(id);
    return this.get(id);
  }

  /** A new run over the rows of `id` that ended in one of `states`. */
  async retry(user: Principal, id: string, input: RetryRunInput): Promise<Run> {
    const run = await this.record(id);
    if (run.kind !== 'rows') throw new AppError('run/conflict', 409, 'only a run over rows can be retried');
    const rows: Record<string, string>[] = [];
    for await (const r of this.deps.repos.runs.rows(id, input.states)) {
      rows.push(JSON.parse(r.row_values) as Record<string, string>);
    }
    if (rows.length === 0)
      throw new AppError('run/conflict', 409, `run ${id} has no rows in ${input.states.join(', ')}`);
    return this.start(
      user,
      {
        environmentId: run.environment_id,
        service: run.service,
        command: run.command,
        template: run.template,
        rows,
        ratePerSec: input.ratePerSec ?? run.rate_per_sec ?? undefined,
        concurrency: input.concurrency ?? run.concurrency,
        confirm: input.confirm,
      },
      id,
    );
  }

  private async record(id: string): Promise<RunRecord> {
    const run = await this.deps.repos.runs.get(id);
    if (!run) throw new AppError('run/not-found', 404, `no run "${id}"`);
    return run;
  }

  private async view(run: RunRecord): Promise<Run> {
    const { repos, environments } = this.deps;
    const counts = await repos.runs.counts(run.id);
    const failures = await repos.runs.latestFailures(run.id, 5);
    const env = environments.get(run.environment_id);
    const command = findCommand(run.service, run.command);
    const worker = this.workers.get(run.id);
    return {
      id: run.id,
      kind: run.kind,
      status: run.status,
      environmentId: run.environment_id,
      service: run.service,
      command: run.command,
      startedBy: run.started_by,
      createdAt: run.created_at,
      updatedAt: run.updated_at,
      finishedAt: run.finished_at,
      total: run.total,
      done: counts.ok + counts.fail + counts.error + counts.unknown,
      ok: counts.ok,
      fail: counts.fail,
      error: counts.error,
      unknown: counts.unknown,
      cancelled: counts.cancelled,
      items: counts.items,
      limitPerSec: env && command ? rateLimitFor(env, command) : 0,
      ratePerSec: run.rate_per_sec,
      currentRatePerSec: worker ? worker.rate() : null,
      concurrency: run.concurrency,
      maxPages: run.max_pages,
      message: run.message,
      retryOf: run.retry_of,
      latestFailures: failures.map((f) => ({
        row: f.row_no,
        state: f.state,
        errorCode: f.error_code,
        errorInfo: f.error_info,
        meaning: f.error_code !== null && f.error_code !== 0 ? lookupErrorCode(f.error_code).meaning : null,
      })),
    };
  }

  async get(id: string): Promise<Run> {
    return this.view(await this.record(id));
  }

  async list(limit = 100): Promise<Run[]> {
    const runs = await this.deps.repos.runs.list(limit);
    return Promise.all(runs.map((r) => this.view(r)));
  }

  /** Pausing, resuming and cancelling need the role that could have started the run. */
  private async control(user: Principal, id: string) {
    const run = await this.record(id);
    const { env, command } = this.resolve(run.environment_id, run.service, run.command);
    checkCommand({ role: user.role, env, command, confirm: command.command });
    return run;
  }

  async pause(user: Principal, id: string): Promise<Run> {
    const run = await this.control(user, id);
    if (run.status !== 'running' && run.status !== 'queued') {
      throw new AppError('run/conflict', 409, `run ${id} is ${run.status}: only a running run can be paused`);
    }
    await this.deps.repos.runs.setStatus(id, 'paused');
    this.changed(id);
    await this.halt(id);
    await this.audit(user.username, 'run.pause', id, null);
    return this.get(id);
  }

  async resume(user: Principal, id: string): Promise<Run> {
    const run = await this.control(user, id);
    if (run.status !== 'paused') {
      throw new AppError('run/conflict', 409, `run ${id} is ${run.status}: only a paused run can be resumed`);
    }
    await this.deps.repos.runs.setStatus(id, 'running');
    this.changed(id);
    await this.audit(user.username, 'run.resume', id, null);
    void this.launch(id);
    return this.get(id);
  }

  async cancel(user: Principal, id: string): Promise<Run> {
    const run = await this.control(user, id);
    if (run.status === 'done' || run.status === 'cancelled' || run.status === 'failed') {
      throw new AppError('run/conflict', 409, `run ${id} is already ${run.status}`);
    }
    await this.deps.repos.runs.setStatus(id, 'cancelled', { finished: true });
    await this.halt(id);
    await this.deps.repos.runs.cancelQueued(id);
    this.changed(id);
    await this.audit(user.username, 'run.cancel', id, null);
    return this.get(id);
  }

  /** Rows for the results file, or the merged items of a pages run. */
  async *results(id: string, format: 'csv' | 'jsonl'): AsyncIterable<string> {
    const run = await this.record(id);
    if (run.kind === 'pages') {
      if (format === 'csv') yield 'page,item\n';
      for await (const page of this.deps.repos.runs.rows(id)) {
        const items = page.items === null ? [] : (JSON.parse(page.items) as unknown[]);
        for (const item of items) {
          yield format === 'jsonl'
            ? `${JSON.stringify(item)}\n`
            : `${page.row_no},${csvCell(JSON.stringify(item))}\n`;
        }
      }
      return;
    }
    const columns = JSON.parse(run.columns) as string[];
    if (format === 'csv') {
      yield `${['row', 'line', ...columns, 'state', 'RequestId', 'ActionStatus', 'ErrorCode', 'ErrorInfo', 'historyId'].map(csvCell).join(',')}\n`;
    }
    for await (const r of this.deps.repos.runs.rows(id)) {
      const result = resultOf(r);
      if (format === 'jsonl') {
        yield `${JSON.stringify(result)}\n`;
        continue;
      }
      const cells = [
        String(result.row),
        String(result.line),
        ...columns.map((c) => result.values[c] ?? ''),
        result.state,
        result.requestId ?? '',
        result.actionStatus ?? '',
        result.errorCode === null ? '' : String(result.errorCode),
        result.errorInfo ?? '',
        result.historyId ?? '',
      ];
      yield `${cells.map(csvCell).join(',')}\n`;
    }
  }

  private async audit(
    actor: string,
    action: 'run.start' | 'run.pause' | 'run.resume' | 'run.cancel',
    target: string,
    details: Record<string, unknown> | null,
  ) {
    await this.deps.repos.audit.append({ actor, action, target, details });
  }

  /**
   * At start: runs that were running go on by themselves, each once this replica holds its lease
   * (decision 039); taking a run's lease turns its rows left `sending` by a process that died into
   * `unknown` (never sent again). From then on the replica renews its leases and, on PostgreSQL,
   * takes over runs whose lease expired (a replica that died) within `lease.ms + lease.renewMs`.
   */
  async recover(): Promise<{ unknown: number; resumed: number }> {
    const runs = this.deps.repos.runs;
    // Rows of a run whose creation a stop cut short: the run never appeared, nothing of it was sent.
    // With replicas, another one may be creating a run right now: only rows idle for an hour go.
    await runs.dropOrphanRows(
      undefined,
      this.deps.exclusiveStore ? undefined : new Date(Date.now() - ORPHAN_ROWS_IDLE_MS).toISOString(),
    );
    const ids = this.deps.exclusiveStore
      ? (await runs.withStatus(['running', 'queued'])).map((r) => r.id)
      : await runs.claimable(new Date());
    const claims = await Promise.all(ids.map((id) => this.launch(id, this.deps.exclusiveStore === true)));
    const unknown = claims.reduce((n, c) => n + c.unknown, 0);
    const resumed = claims.filter((c) => c.claimed).length;
    if (unknown > 0 || resumed > 0) {
      this.deps.logger.warn(
        { unknown, resumed },
        'runs interrupted by a stop: in-flight rows are unknown, runs resume',
      );
    }
    this.startTicking();
    return { unknown, resumed };
  }

  private startTicking(): void {
    if (this.ticker !== undefined || this.closed) return;
    this.ticker = setInterval(() => {
      this.ticking = this.tick().catch((err: unknown) =>
        this.deps.logger.error({ err }, 'renewing run leases failed'),
      );
    }, this.lease.renewMs);
    this.ticker.unref();
  }

  /** Renews this replica's leases (a run paused or cancelled elsewhere stops here), then takes over orphans. */
  private async tick(): Promise<void> {
    const runs = this.deps.repos.runs;
    for (const worker of this.workers.values()) {
      if (!worker.claimed || worker.stopping) continue;
      if (!(await runs.renew(worker.runId, this.owner, this.leaseUntil()))) {
        worker.lost = true;
        worker.stopping = true;
      }
    }
    if (this.deps.exclusiveStore || this.closed) return;
    for (const id of await runs.claimable(new Date())) {
      if (!this.workers.has(id)) {
        const { unknown } = await this.launch(id);
        if (unknown > 0) {
          this.deps.logger.warn(
            { runId: id, unknown },
            'run taken over from a replica that stopped renewing it',
          );
        }
      }
    }
  }

  /** Stops every worker after its calls in flight and releases its lease; the runs stay `running`. */
  async stop(): Promise<void> {
    this.closed = true;
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    await this.ticking;
    await Promise.all([...this.workers.keys()].map((id) => this.halt(id)));
    await this.changes.close();
  }

  private async halt(id: string): Promise<void> {
    const worker = this.workers.get(id);
    if (!worker) return;
    worker.stopping = true;
    await worker.done;
  }

  /**
   * Takes the run's lease and works it; answers once the claim is settled. `force` (one process on
   * SQLite, at start) takes a lease its dead predecessor still holds.
   */
  private launch(id: string, force = false): Promise<{ claimed: boolean; unknown: number }> {
    if (this.closed || this.workers.has(id)) return Promise.resolve({ claimed: false, unknown: 0 });
    const runs = this.deps.repos.runs;
    const worker = new Worker(id);
    this.workers.set(id, worker);
    let settle: (claim: { claimed: boolean; unknown: number }) => void = () => {};
    const claim = new Promise<{ claimed: boolean; unknown: number }>((r) => {
      settle = r;
    });
    worker.done = (async () => {
      const now = new Date();
      worker.claimed = await runs.claim(
        id,
        this.owner,
        this.leaseUntil(),
        force ? new Date('9999-12-31T23:59:59.999Z') : now,
      );
      if (!worker.claimed) {
        settle({ claimed: false, unknown: 0 });
        return;
      }
      // Rows in flight under an earlier holder may or may not have gone out: never again.
      const unknown = await runs.markInterrupted(id);
      if (unknown > 0) this.changed(id);
      settle({ claimed: true, unknown });
      await this.work(worker);
    })()
      .catch(async (err: unknown) => {
        settle({ claimed: worker.claimed, unknown: 0 });
        if (worker.lost) return;
        this.deps.logger.error({ err, runId: id }, 'run failed');
        await runs
          .setStatus(id, 'failed', {
            message: err instanceof Error ? err.message : String(err),
            finished: true,
          })
          .catch(() => undefined);
        this.changed(id);
      })
      .finally(async () => {
        this.workers.delete(id);
        if (worker.claimed) await runs.release(id, this.owner).catch(() => undefined);
      });
    return claim;
  }

  private async work(worker: Worker): Promise<void> {
    const run = await this.record(worker.runId);
    const { env, command } = this.resolve(run.environment_id, run.service, run.command);
    const user: Principal = {
      username: run.started_by,
      role: run.started_role as Principal['role'],
      via: 'session',
    };
    if (run.kind === 'pages') await this.workPages(worker, run, env, command, user);
    else await this.workRows(worker, run, env, command, user);
  }

  /**
   * Waits for the run's next turn (evenly spaced at its pace) and then for a place in the limiter
   * shared with single calls; null when the run was stopped meanwhile. The place is stamped just
   * before the call goes out (decision 026).
   */
  private async pace(
    worker: Worker,
    run: RunRecord,
    env: ResolvedEnvironment,
    command: CatalogCommand,
  ): Promise<RateSlot | null> {
    const limit = rateLimitFor(env, command);
    const target = Math.max(0.05, Math.min(limit, run.rate_per_sec ?? limit) * worker.factor);
    const now = performance.now();
    const turn = Math.max(now, worker.nextSlot);
    worker.nextSlot = turn + 1000 / target;
    while (performance.now() < turn) {
      if (worker.stopping) return null;
      await sleep(Math.min(turn - performance.now(), 250));
    }
    for (;;) {
      if (worker.stopping) return null;
      const slot = await this.deps.limiter.admit(env, command, Math.max(1, target));
      if (typeof slot !== 'number') return slot;
      await sleep(Math.min(slot, 250));
    }
  }

  /** Throttle answers halve the pace; a spell without them brings it back. */
  private adjust(worker: Worker, errorCode: number | null): void {
    const now = performance.now();
    if (errorCode !== null && THROTTLE_CODES.has(errorCode)) {
      worker.factor = Math.max(0.05, worker.factor / 2);
      worker.lastAdjust = now;
    } else if (worker.factor < 1 && now - worker.lastAdjust > RECOVER_MS) {
      worker.factor = Math.min(1, worker.factor * 1.25);
      worker.lastAdjust = now;
    }
  }

  private async sendRow(
    worker: Worker,
    run: RunRecord,
    env: ResolvedEnvironment,
    command: CatalogCommand,
    user: Principal,
    row: RunRowRecord,
  ): Promise<void> {
    const runs = this.deps.repos.runs;
    // The row's turn and its place in the limit come first: a row waiting for them is still queued,
    // so a stop meanwhile leaves nothing `sending` that was never sent.
    const slot = await this.pace(worker, run, env, command);
    if (slot === null) return;
    const historyId = newId();
    // THE rule: the row is `sending` in the store before its call can go out.
    if (
      !(await runs.markSending(run.id, row.row_no, historyId, this.owner).catch((err: unknown) => {
        slot.release();
        throw err;
      }))
    ) {
      slot.release();
      return;
    }
    // The send service stamps the place after the pending history row, right before the HTTP send.
    const entry = await this.deps.send.sendRunRow(
      user,
      env,
      command,
      JSON.parse(row.body) as JsonObject,
      historyId,
      slot,
    );
    await runs.finishRow(run.id, row.row_no, {
      state: stateOf(entry),
      requestId: entry.requestId,
      actionStatus: entry.actionStatus,
      errorCode: entry.errorCode,
      errorInfo: entry.errorInfo ?? entry.failure?.message ?? null,
    });
    this.changed(run.id);
    worker.completions.push(performance.now());
    this.adjust(worker, entry.errorCode);
  }

  private async workRows(
    worker: Worker,
    run: RunRecord,
    env: ResolvedEnvironment,
    command: CatalogCommand,
    user: Principal,
  ): Promise<void> {
    const runs = this.deps.repos.runs;
    const inFlight = new Set<Promise<void>>();
    let failure: unknown;
    let after = 0;
    let buffer: RunRowRecord[] = [];
    for (;;) {
      if (worker.stopping || failure !== undefined) break;
      if (buffer.length === 0) {
        buffer = await runs.nextQueued(run.id, after, 200);
        if (buffer.length === 0) break;
      }
      while (inFlight.size >= run.concurrency) await Promise.race(inFlight);
      if (worker.stopping) break;
      const row = buffer.shift();
      if (!row) continue;
      after = row.row_no;
      const p = this.sendRow(worker, run, env, command, user, row)
        .catch((err: unknown) => {
          failure = err;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
    if (worker.stopping) return;
    const counts = await runs.counts(run.id);
    if (counts.queued === 0 && counts.sending === 0) {
      await runs.setStatus(run.id, 'done', { finished: true });
      this.changed(run.id);
    }
  }

  private async workPages(
    worker: Worker,
    run: RunRecord,
    env: ResolvedEnvironment,
    command: CatalogCommand,
    user: Principal,
  ): Promise<void> {
    const runs = this.deps.repos.runs;
    const rule = cursorRuleFor(command.service, command.command);
    if (!rule) throw new Error(`${command.service}/${command.command} has no cursor rule`);
    const maxPages = run.max_pages ?? RUN_DEFAULT_MAX_PAGES;
    // Where the last run of this worker got to: the last page's request and answer give the next.
    let next: JsonObject | null = JSON.parse(run.template) as JsonObject;
    let page = 0;
    let last: RunRowRecord | undefined;
    for await (const p of runs.rows(run.id)) {
      if (p.state !== 'ok') {
        await runs.setStatus(run.id, 'failed', {
          message: `page ${p.row_no} ended ${p.state}${p.error_code === null ? '' : ` (${p.error_code})`}: the pages after it cannot be followed`,
          finished: true,
        });
        this.changed(run.id);
        return;
      }
      page = p.row_no;
      last = p;
    }
    if (last?.history_id) {
      // Resuming: the next request is made again from the last page's request and stored answer.
      const entry = await this.deps.repos.history.get(last.history_id);
      next = entry?.response
        ? followCursor(rule, JSON.parse(last.body) as JsonObject, entry.response).next
        : null;
    }
    while (next !== null && page < maxPages) {
      const slot = await this.pace(worker, run, env, command);
      if (slot === null) return;
      if (worker.stopping) {
        slot.release();
        return;
      }
      page += 1;
      const historyId = newId();
      let added: boolean;
      try {
        added = await runs.addPage(
          run.id,
          { rowNo: page, line: page, values: {}, body: JSON.stringify(next) },
          historyId,
          this.owner,
        );
      } catch (err) {
        slot.release();
        throw err;
      }
      if (!added) {
        // Another replica holds the run now: it goes on from the last stored page.
        slot.release();
        worker.lost = true;
        return;
      }
      const entry = await this.deps.send.sendRunRow(user, env, command, next, historyId, slot);
      const answer = entry.response;
      const step =
        entry.outcome === 'ok' && answer ? followCursor(rule, next, answer) : { items: [], next: null };
      await runs.finishRow(run.id, page, {
        state: stateOf(entry),
        requestId: entry.requestId,
        actionStatus: entry.actionStatus,
        errorCode: entry.errorCode,
        errorInfo: entry.errorInfo ?? entry.failure?.message ?? null,
        items: step.items,
      });
      this.changed(run.id);
      worker.completions.push(performance.now());
      if (entry.outcome !== 'ok') {
        await runs.setStatus(run.id, 'failed', {
          message: `page ${page} failed${entry.errorCode === null ? '' : ` with ${entry.errorCode} ${entry.errorInfo ?? ''}`}`,
          finished: true,
        });
        this.changed(run.id);
        return;
      }
      next = step.next;
      if (worker.stopping) return;
    }
    await runs.setStatus(run.id, 'done', {
      finished: true,
      message: next !== null ? `stopped at the page cap (${maxPages}); more pages remain` : null,
    });
    this.changed(run.id);
  }
}

function csvCell(value: string): string {
  // Spreadsheet formula injection: a cell starting with = + - @ is read as text.
  const safe = /^[=+@\t\r]|^-(?![\d.])/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
