import {
  type Failure,
  type HistoryEntry,
  historyEntrySchema,
  type SendRequest,
  upstreamFailureResponseSchema,
} from '@console/shared/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';

export type SendResult = { entry: HistoryEntry; failure: Failure | null };

/**
 * POST /api/requests. A FAIL envelope is an answer (201); a transport failure (502/504) is also an
 * answer here, since the call was recorded and its entry comes back with the error.
 */
export async function sendRequest(request: SendRequest): Promise<SendResult> {
  try {
    const entry = await api('/api/requests', { method: 'POST', body: request, schema: historyEntrySchema });
    return { entry, failure: entry.failure };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 502 || error.status === 504)) {
      const parsed = upstreamFailureResponseSchema.safeParse(error.body);
      if (parsed.success) {
        const { code, message } = parsed.data.error;
        return { entry: parsed.data.entry, failure: { code, message } };
      }
    }
    throw error;
  }
}

export function useSendRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendRequest,
    // History lists now have a new first row; the key prefix is the history feature's `historyKeys.all`.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['history'] }),
  });
}
