// The store work the console must do for every call, and nothing else (decision 062): the bare proxy
// of `bench/floor-proxy-main.ts` with `FLOOR_STORE_DIR` set opens a store like the console's (same
// migrations, WAL, checkpoint worker, call recorder with its group commit and rollups) and, around
// each upstream call, writes the pending history row before sending and completes it with its audit
// row after, as `SendRequestService.dispatch` does. Issue 18 forbids switching either commit off, so
// its CPU per call is the least any console that keeps the guarantees can cost here.
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

export async function openRecording(dataDir: string): Promise<Recording> {
  const db = await openDatabase({ dataDir });
  const calls = createCallRecorder(db);
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
        begin: () => calls.begin({ ...base, ...pendingResult }, bodyText),
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
          return calls.complete(
            entry,
            {
              actor: operator,
              action: 'request.send',
              target: entry.id,
              details: { environmentId: BENCH_ENVIRONMENT, service, command, outcome: entry.outcome },
            },
            rollupOperator,
          );
        },
      };
    },
    close: () => db.close(),
  };
}
