import type { RunKind, RunRowState, RunStatus } from '@console/shared/api';
import { sql } from 'kysely';
import type { Database } from './open';
import type { RunRowsTable, RunsTable } from './schema';

export type RunRecord = RunsTable & { kind: RunKind; status: RunStatus };
export type RunRowRecord = RunRowsTable & { state: RunRowState };

export type RunCounts = Record<RunRowState, number> & { items: number };

export interface NewRunRow {
  rowNo: number;
  line: number;
  values: Record<string, string>;
  body: string;
}

export interface RowResult {
  state: RunRowState;
  requestId: string | null;
  actionStatus: string | null;
  errorCode: number | null;
  errorInfo: string | null;
  items?: unknown[] | undefined;
}

const emptyCounts = (): RunCounts => ({
  queued: 0,
  sending: 0,
  ok: 0,
  fail: 0,
  error: 0,
  unknown: 0,
  cancelled: 0,
  items: 0,
});

/** Rows inserted per statement: well under SQLite's bound-parameter limit. */
const insertChunk = 500;

function rowOf(runId: string, r: NewRunRow, at: string) {
  return {
    run_id: runId,
    row_no: r.rowNo,
    line: r.line,
    row_values: JSON.stringify(r.values),
    body: r.body,
    state: 'queued' as const,
    history_id: null,
    request_id: null,
    action_status: null,
    error_code: null,
    error_info: null,
    items: null,
    item_count: 0,
    updated_at: at,
  };
}

export interface RunRepository {
  /** The run and the rows given here, in one transaction: the run exists with all of them or not at all. */
  create(run: RunsTable, rows: readonly NewRunRow[]): Promise<void>;
  /**
   * Stores rows of a run being created, in one transaction, before the run itself (a large input
   * is stored batch by batch so the server answers other requests meanwhile, decision 028). Rows
   * whose run never appears are dropped by `dropOrphanRows`.
   */
  addRows(runId: string, rows: readonly NewRunRow[], at: string): Promise<void>;
  /**
   * Rows of a run whose creation did not finish (failed, or the process stopped): answers how many.
   * `before` keeps rows written since then (another replica may be creating that run now).
   */
  dropOrphanRows(runId?: string, before?: string): Promise<number>;
  get(id: string): Promise<RunRecord | undefined>;
  list(limit: number): Promise<RunRecord[]>;
  withStatus(statuses: readonly RunStatus[]): Promise<RunRecord[]>;
  setStatus(
    id: string,
    status: RunStatus,
    opts?: { message?: string | null; finished?: boolean },
  ): Promise<void>;
  counts(id: string): Promise<RunCounts>;
  /** Rows still queued, in order, after `afterRow`. */
  nextQueued(id: string, afterRow: number, limit: number): Promise<RunRowRecord[]>;
  /**
   * Stores that the row's call is about to go out; answers false when the row was not queued any more,
   * or (given `owner`) when the run is no longer running under that replica's lease.
   */
  markSending(id: string, rowNo: number, historyId: string, owner?: string): Promise<boolean>;
  /**
   * Takes the run's lease for `owner` until `until` when it is free (never taken, released or
   * expired by `now`) or already `owner`'s, and the run is running or queued. A compare-and-set in
   * one UPDATE: of replicas claiming at once, exactly one gets it (decision 039).
   */
  claim(id: string, owner: string, until: Date, now: Date): Promise<boolean>;
  /** Extends `owner`'s lease; false when it lost it or the run stopped running (paused, cancelled). */
  renew(id: string, owner: string, until: Date): Promise<boolean>;
  release(id: string, owner: string): Promise<void>;
  /** Running or queued runs whose lease is free at `now`, oldest first. */
  claimable(now: Date): Promise<string[]>;
  finishRow(id: string, rowNo: number, result: RowResult): Promise<void>;
  /** A page of a pages run, stored as `sending` before it is requested; false when `owner` lost the lease. */
  addPage(id: string, row: NewRunRow, historyId: string, owner?: string): Promise<boolean>;
  cancelQueued(id: string): Promise<number>;
  /** Rows left `sending` by a process that died become `unknown` (one run's, or all); answers how many. */
  markInterrupted(runId?: string): Promise<number>;
  rows(id: string, states?: readonly RunRowState[]): AsyncIterable<RunRowRecord>;
  latestFailures(id: string, limit: number): Promise<RunRowRecord[]>;
}

export function createRunRepository(db: Database): RunRepository {
  const k = db.kysely;
  const now = () => new Date().toISOString();
  const asRun = (r: RunsTable) => r as RunRecord;
  const asRow = (r: RunRowsTable) => r as RunRowRecord;

  return {
    async create(run, rows) {
      await k.transaction().execute(async (trx) => {
        await trx.insertInto('runs').values(run).execute();
        for (let i = 0; i < rows.length; i += insertChunk) {
          await trx
            .insertInto('run_rows')
            .values(rows.slice(i, i + insertChunk).map((r) => rowOf(run.id, r, run.created_at)))
            .execute();
        }
      });
    },

    async addRows(runId, rows, at) {
      await k.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += insertChunk) {
          await trx
            .insertInto('run_rows')
            .values(rows.slice(i, i + insertChunk).map((r) => rowOf(runId, r, at)))
            .execute();
        }
      });
    },

    async dropOrphanRows(runId, before) {
      let query = k
        .deleteFrom('run_rows')
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('runs').select('runs.id').whereRef('runs.id', '=', 'run_rows.run_id'))),
        );
      if (runId !== undefined) query = query.where('run_id', '=', runId);
      if (before !== undefined) query = query.where('updated_at', '<', before);
      const res = await query.executeTakeFirst();
      return Number(res.numDeletedRows);
    },

    async get(id) {
      const r = await k.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
      return r && asRun(r);
    },

    async list(limit) {
      const rows = await k
        .selectFrom('runs')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(asRun);
    },

    async withStatus(statuses) {
      const rows = await k
        .selectFrom('runs')
        .selectAll()
        .where('status', 'in', [...statuses])
        .orderBy('created_at')
        .execute();
      return rows.map(asRun);
    },

    async setStatus(id, status, opts = {}) {
      const at = now();
      await k
        .updateTable('runs')
        .set({
          status,
          updated_at: at,
          ...(opts.message === undefined ? {} : { message: opts.message }),
          ...(opts.finished ? { finished_at: at } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    async counts(id) {
      const rows = await k
        .selectFrom('run_rows')
        .select([
          'state',
          sql<number>`count(*)`.as('n'),
          sql<number>`coalesce(sum(item_count), 0)`.as('items'),
        ])
        .where('run_id', '=', id)
        .groupBy('state')
        .execute();
      const out = emptyCounts();
      for (const r of rows) {
        out[r.state as RunRowState] = Number(r.n);
        out.items += Number(r.items);
      }
      return out;
    },

    async nextQueued(id, afterRow, limit) {
      const rows = await k
        .selectFrom('run_rows')
        .selectAll()
        .where('run_id', '=', id)
        .where('state', '=', 'queued')
        .where('row_no', '>', afterRow)
        .orderBy('row_no')
        .limit(limit)
        .execute();
      return rows.map(asRow);
    },

    async markSending(id, rowNo, historyId, owner) {
      let q = k
        .updateTable('run_rows')
        .set({ state: 'sending', history_id: historyId, updated_at: now() })
        .where('run_id', '=', id)
        .where('row_no', '=', rowNo)
        .where('state', '=', 'queued');
      if (owner !== undefined) {
        q = q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('runs')
              .select('id')
              .where('id', '=', id)
              .where('lease_owner', '=', owner)
              .where('status', 'in', ['running', 'queued']),
          ),
        );
      }
      const res = await q.executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async claim(id, owner, until, at) {
      const res = await k
        .updateTable('runs')
        .set({ lease_owner: owner, lease_until: until.toISOString() })
        .where('id', '=', id)
        .where('status', 'in', ['running', 'queued'])
        .where((eb) =>
          eb.or([
            eb('lease_owner', 'is', null),
            eb('lease_owner', '=', owner),
            eb('lease_until', '<', at.toISOString()),
          ]),
        )
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async renew(id, owner, until) {
      const res = await k
        .updateTable('runs')
        .set({ lease_until: until.toISOString() })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('status', 'in', ['running', 'queued'])
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async release(id, owner) {
      await k
        .updateTable('runs')
        .set({ lease_owner: null, lease_until: null })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },

    async claimable(at) {
      const rows = await k
        .selectFrom('runs')
        .select('id')
        .where('status', 'in', ['running', 'queued'])
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at.toISOString())]))
        .orderBy('created_at')
        .execute();
      return rows.map((r) => r.id);
    },

    async finishRow(id, rowNo, result) {
      await k
        .updateTable('run_rows')
        .set({
          state: result.state,
          request_id: result.requestId,
          action_status: result.actionStatus,
          error_code: result.errorCode,
          error_info: result.errorInfo,
          ...(result.items === undefined
            ? {}
            : { items: JSON.stringify(result.items), item_count: result.items.length }),
          updated_at: now(),
        })
        .where('run_id', '=', id)
        .where('row_no', '=', rowNo)
        .execute();
    },

    async addPage(id, row, historyId, owner) {
      const at = now();
      return k.transaction().execute(async (trx) => {
        // The lease first: a replica that lost the run adds no page another replica may also add.
        let lease = trx.updateTable('runs').set({ total: row.rowNo, updated_at: at }).where('id', '=', id);
        if (owner !== undefined) lease = lease.where('lease_owner', '=', owner);
        const held = await lease.executeTakeFirst();
        if (Number(held.numUpdatedRows) !== 1) return false;
        await trx
          .insertInto('run_rows')
          .values({
            run_id: id,
            row_no: row.rowNo,
            line: row.line,
            row_values: JSON.stringify(row.values),
            body: row.body,
            state: 'sending',
            history_id: historyId,
            request_id: null,
            action_status: null,
            error_code: null,
            error_info: null,
            items: null,
            item_count: 0,
            updated_at: at,
          })
          .execute();
        return true;
      });
    },

    async cancelQueued(id) {
      const res = await k
        .updateTable('run_rows')
        .set({ state: 'cancelled', updated_at: now() })
        .where('run_id', '=', id)
        .where('state', '=', 'queued')
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },

    async markInterrupted(runId) {
      let q = k
        .updateTable('run_rows')
        .set({
          state: 'unknown',
          error_info:
            'the console stopped while this row was in flight: it may or may not have been carried out',
          updated_at: now(),
        })
        .where('state', '=', 'sending');
      if (runId !== undefined) q = q.where('run_id', '=', runId);
      const res = await q.executeTakeFirst();
      return Number(res.numUpdatedRows);
    },

    async *rows(id, states) {
      let after = 0;
      for (;;) {
        let q = k.selectFrom('run_rows').selectAll().where('run_id', '=', id).where('row_no', '>', after);
        if (states) q = q.where('state', 'in', [...states]);
        const batch = await q.orderBy('row_no').limit(1000).execute();
        for (const r of batch) yield asRow(r);
        const last = batch[batch.length - 1];
        if (!last || batch.length < 1000) return;
        after = last.row_no;
      }
    },

    async latestFailures(id, limit) {
      const rows = await k
        .selectFrom('run_rows')
        .selectAll()
        .where('run_id', '=', id)
        .where('state', 'in', ['fail', 'error', 'unknown'])
        .orderBy('updated_at', 'desc')
        .orderBy('row_no', 'desc')
        .limit(limit)
        .execute();
      return rows.map(asRow);
    },
  };
}
