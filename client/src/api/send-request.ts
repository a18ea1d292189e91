import type { SendRequest } from '@console/shared/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { postRecordedCall, type RecordedCall, rememberRecordedCall } from './recorded-call';

/** POST /api/requests. A FAIL envelope and a recorded transport failure (502/504) are both answers. */
export function sendRequest(request: SendRequest): Promise<RecordedCall> {
  return postRecordedCall('/api/requests', request);
}

export function useSendRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendRequest,
    // Settled, not only succeeded: a call that timed out on the way back may still have been recorded.
    onSettled: (call) => rememberRecordedCall(queryClient, call),
  });
}
