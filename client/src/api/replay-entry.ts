import type { JsonObject, ReplayRequest } from '@console/shared/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { postRecordedCall, type RecordedCall, rememberRecordedCall } from './recorded-call';

export type ReplayInput = { id: string; body?: JsonObject; confirm?: string };

/** POST /api/requests/:id/replay: the recorded body again, or an edited one, with `replayOf` set. */
export function replayEntry({ id, body, confirm }: ReplayInput): Promise<RecordedCall> {
  const request: ReplayRequest = { ...(body ? { body } : {}), ...(confirm ? { confirm } : {}) };
  return postRecordedCall(`/api/requests/${encodeURIComponent(id)}/replay`, request);
}

export function useReplayEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replayEntry,
    // Every list may now hold the new entry, including "replayed by" of the original.
    onSettled: (call) => rememberRecordedCall(queryClient, call),
  });
}
