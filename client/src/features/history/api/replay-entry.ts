import {
  type Failure,
  type HistoryEntry,
  historyEntrySchema,
  type JsonObject,
  upstreamFailureResponseSchema,
} from '@console/shared/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';
import { historyKeys } from './history-keys';

export type ReplayInput = { id: string; body?: JsonObject; confirm?: string };
/** A replay that reached the signer is recorded even when the upstream failed; `failure` says how. */
export type ReplayResult = { entry: HistoryEntry; failure: Failure | null };

export async function replayEntry({ id, body, confirm }: ReplayInput): Promise<ReplayResult> {
  try {
    const entry = await api(`/api/requests/${encodeURIComponent(id)}/replay`, {
      method: 'POST',
      body: { ...(body ? { body } : {}), ...(confirm ? { confirm } : {}) },
      schema: historyEntrySchema,
    });
    return { entry, failure: null };
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

export function useReplayEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replayEntry,
    onSuccess: async ({ entry }) => {
      queryClient.setQueryData(historyKeys.detail(entry.id), entry);
      // Every list may now hold the new entry, including "replayed by" of the original.
      await queryClient.invalidateQueries({ queryKey: historyKeys.lists() });
    },
  });
}
