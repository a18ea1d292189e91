// The store work the console must do for every call, and nothing else (decision 062): the bare proxy
// of `bench/floor-proxy-main.ts` with `FLOOR_STORE_DIR` set opens a store like the console's (same
// migrations, WAL, checkpoint worker, call recorder with its group commit and rollups) and, around
// each upstream call, writes the pending history row before sending and completes it with its audit
// row after, as `SendRequestService.dispatch` does. Issue 18 forbids switching either commit off, so
// its CPU per call is the least any console that keeps the guarantees can cost here.
//
// FLOOR_RECORDING picks how the record is made (decision 063 measured the three with
// bench/recording-designs.ts). Only `two-commits` is what the console does; the other two are
// designs it could adopt, measured so that their worth is known before anyone builds them:
// - `two-commits`: the pending row committed before sending, completed in a second commit (today's);
// - `one-commit`: the pending record appended to a journal file (a `write`, no b-tree page), the
//   whole row inserted with its audit row in one commit before answering;
// - `deferred`: both records appended to the journal, which is the durable record the answer waits
//   for; the history and audit rows are inserted from it in batches (every 256 calls or 50 ms), as a
//   log-structured store would.
import { openSync, writeSync } from 'node:fs';
import type { AuditEvent } from '../../server/src/adapters/db/audit-repository';
import {
  type CallResult,
  createCallRecorder,
  pendingResult,
} from '../../server/src/adapters/db/call-recorder';
import { newId, openDatabase } from '../../server/src/adapters/db/index';
import { tokenOperatorKey } from '../../server/src/adapters/db/stats-repository';
import type { HistoryEntry, JsonObject } from '../../shared/src/api/index';
import { BENCH_ENVIRONMENT } from './processes';

export interface RecordedCall {
  /** Writes the pending row (committed when this resolves): call before sending. */
  begin(): Promise<void>;
  /** Completes the row with the answer, and appends the audit row, in one commit. */
  complete(httpStatus: number, durationMs: number, answer: JsonObject): Promise<void>;
}

export interface Recording {
  call(service: string, command: string, body: JsonObject, bodyText: string, url: string): RecordedCall;
  close(): Promise<void>;
}

/** Who the console's bench calls are made as (an API token), and who the rollups count them under. */
const operator = 'admin';
const rollupOperator = tokenOperatorKey('bench-token');

export const recordingDesigns = ['two-commits', 'one-commit', 'deferred'] as const;
export type RecordingDesign = (typeof recordingDesigns)[number];

export async function openRecording(
  dataDir: string,
  design: RecordingDesign = 'two-commits',
): Promise<Recording> {
  const db = await openDatabase({ dataDir });
  const calls = createCallRecorder(db);
  const journal = design === 'two-commits' ? undefined : openSync(`${dataDir}/journal`, 'a');
  const append = (record: object) => {
    if (journal !== undefined) writeSync(journal, `${JSON.stringify(record)}\n`);
  };
  // `deferred`: journaled calls waiting to be inserted. No answer waits for their commit (only closing
  // does); the group commit writes each drained batch in one transaction.
  const waiting: [HistoryEntry, AuditEvent][] = [];
  let drainTimer: NodeJS.Timeout | undefined;
  const drain = () => {
    clearTimeout(drainTimer);
    drainTimer = undefined;
    return Promise.all(waiting.splice(0).map(([entry, audit]) => calls.record(entry, audit, rollupOperator)));
  };
  return {
    call(service, command, body, bodyText, url) {
      const base = {
        id: newId(),
        createdAt: new Date().toISOString(),
        operator,
        environmentId: BENCH_ENVIRONMENT,
        region: null,
        service,
        command,
        requestBody: body,
        url,
        replayOf: null,
        source: 'console' as const,
      };
      return {
        async begin() {
          if (design === 'two-commits') return calls.begin({ ...base, ...pendingResult }, bodyText);
          append({ pending: { ...base, requestBody: bodyText } });
        },
        complete(httpStatus, durationMs, answer) {
          const errorCode = typeof answer.ErrorCode === 'number' ? answer.ErrorCode : null;
          const actionStatus = typeof answer.ActionStatus === 'string' ? answer.ActionStatus : null;
          const result: CallResult = {
            httpStatus,
            durationMs,
            // TencentClient's rule: ActionStatus when the answer has one, else ErrorCode 0.
            outcome: (actionStatus !== null ? actionStatus === 'OK' : errorCode === 0) ? 'ok' : 'fail',
            actionStatus,
            errorCode,
            errorInfo: typeof answer.ErrorInfo === 'string' ? answer.ErrorInfo : null,
            requestId: typeof answer.RequestId === 'string' ? answer.RequestId : null,
            response: answer,
            errorDoc: null,
            failure: null,
          };
          const entry: HistoryEntry = { ...base, ...result };
          const audit: AuditEvent = {
            actor: operator,
            action: 'request.send',
            target: entry.id,
            details: { environmentId: BENCH_ENVIRONMENT, service, command, outcome: entry.outcome },
          };
          if (design === 'two-commits') return calls.complete(entry, audit, rollupOperator);
          if (design === 'one-commit') return calls.record(entry, audit, rollupOperator);
          append({ entry, audit });
          waiting.push([entry, audit]);
          if (waiting.length >= 256) void drain();
          else drainTimer ??= setTimeout(drain, 50);
          return Promise.resolve();
        },
      };
    },
    async close() {
      await drain();
      await db.close();
    },
  };
}
