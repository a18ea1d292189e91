import { type CallbackFilter, callbackFilterSchema } from '@console/shared/api';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type CallbackFilterPatch = { [K in keyof CallbackFilter]?: CallbackFilter[K] | null };

const keys = ['environmentId', 'command', 'verdict', 'from', 'to'] as const;

/** The filter and the open entry live in the URL, so a view can be linked and survives a reload. */
export function useCallbackFilter() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo<CallbackFilter>(() => {
    const raw: Record<string, string> = {};
    for (const key of keys) {
      const value = params.get(key);
      if (value) raw[key] = value;
    }
    const parsed = callbackFilterSchema.safeParse(raw);
    return parsed.success ? parsed.data : {};
  }, [params]);
  const selected = params.get('id');

  const update = (patch: CallbackFilterPatch) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(patch)) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  const clear = () =>
    setParams((prev) => {
      const next = new URLSearchParams();
      const id = prev.get('id');
      if (id) next.set('id', id);
      return next;
    });
  const select = (id: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id === null) next.delete('id');
      else next.set('id', id);
      return next;
    });
  return { filter, selected, update, clear, select };
}
