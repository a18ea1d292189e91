import {
  type Failure,
  type HistoryEntry,
  historyEntrySchema,
  upstreamFailureResponseSchema,
} from '@console/shared/api';
import type { QueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../lib/api-client';
import { historyKeys } from './history-keys';

/**
 * The answer of a send or a replay: the recorded entry, and how the transport failed when it did
 * (a FAIL envelope is an answer, so `failure` is null for it).
 */
export type RecordedCall = { entry: HistoryEntry; failure: Failure | null };

/**
 * POST a call that the server records: 201 with the entry, or a 502/504 whose body carries the
 * entry beside the error. Both are answers here, since the call was made and recorded; every other
 * failure (refusal, bad input, lost connection) is thrown as an ApiError.
 */
export async function postRecordedCall(path: string, body: unknown): Promise<RecordedCall> {
  try {
    const entry = await api(path, { method: 'POST', body, schema: historyEntrySchema });
    return { entry, failure: entry.failure };
  } catch (error) {
    if (error instanceof ApiError) {
      const recorded = upstreamFailureResponseSchema.safeParse(error.body);
      if (recorded.success) {
        const { code, message } = recorded.data.error;
        return { entry: recorded.data.entry, failure: { code, message } };
      }
    }
    throw error;
  }
}

/** A new entry is known by its id at once, and every history list may now hold it. */
export function rememberRecordedCall(queryClient: QueryClient, call: RecordedCall | undefined) {
  if (call) queryClient.setQueryData(historyKeys.detail(call.entry.id), call.entry);
  return queryClient.invalidateQueries({ queryKey: historyKeys.lists() });
}
