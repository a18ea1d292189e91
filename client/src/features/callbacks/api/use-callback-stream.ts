import { type CallbackFilter, callbackEntrySchema } from '@console/shared/api';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { filterParams, storeCallback } from './callbacks';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * Live callbacks: the server's event stream puts each new or forwarded entry that fits the filter
 * into the list and its detail. The browser reconnects by itself after a drop; the state says so.
 */
export function useCallbackStream(filter: CallbackFilter): StreamState {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  // The list's key is the whole filter; the stream is re-opened only when what it carries changes.
  const current = useRef(filter);
  current.current = filter;
  const { environmentId, command, verdict } = filter;
  useEffect(() => {
    const params = filterParams({ environmentId, command, verdict });
    const source = new EventSource(`/api/callbacks/stream?${params}`);
    setState('connecting');
    source.addEventListener('open', () => setState('live'));
    source.addEventListener('error', () => setState('reconnecting'));
    source.addEventListener('callback', (event) => {
      const parsed = callbackEntrySchema.safeParse(JSON.parse(String((event as MessageEvent).data)));
      if (parsed.success) storeCallback(client, current.current, parsed.data);
    });
    return () => source.close();
  }, [environmentId, command, verdict, client]);
  return state;
}
