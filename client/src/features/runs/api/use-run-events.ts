import { runSchema } from '@console/shared/api';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { runKeys } from '../../../api/runs';

/** Live progress: the server's event stream writes each new state of the run into the query cache. */
export function useRunEvents(id: string | null, live: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (id === null || !live) return;
    const source = new EventSource(`/api/runs/${encodeURIComponent(id)}/events`);
    source.addEventListener('run', (event) => {
      const parsed = runSchema.safeParse(JSON.parse(String((event as MessageEvent).data)));
      if (!parsed.success) return;
      client.setQueryData(runKeys.one(id), parsed.data);
      if (parsed.data.status !== 'running' && parsed.data.status !== 'queued') {
        source.close();
        void client.invalidateQueries({ queryKey: runKeys.list() });
      }
    });
    // The stream ends when the run does; the browser would reconnect, which is not wanted.
    source.addEventListener('error', () => source.close());
    return () => source.close();
  }, [id, live, client]);
}
