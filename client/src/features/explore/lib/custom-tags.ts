import { customProfileTagSchema, maxCustomProfileTags } from '@console/shared/api';
import { useCallback, useState } from 'react';
import { readStored, writeStored } from '../../../lib/storage';

const storageKey = (environmentId: string) => `console.explorer.customProfileTags.${environmentId}`;

/** The custom profile fields remembered for an environment: valid names only, at most the API's limit. */
export function parseCustomTags(text: string | null): string[] {
  if (text === null) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    const tags = value.filter((t): t is string => customProfileTagSchema.safeParse(t).success);
    return [...new Set(tags)].slice(0, maxCustomProfileTags);
  } catch {
    return [];
  }
}

/**
 * The app's custom profile fields the user page reads (Tencent answers only the tags asked for by
 * name), remembered per environment in this browser.
 */
export function useCustomProfileTags(environmentId: string): [string[], (tags: string[]) => void] {
  const [state, setState] = useState(() => ({
    environmentId,
    tags: parseCustomTags(readStored(storageKey(environmentId))),
  }));
  // Another environment picked: read its own list.
  const current =
    state.environmentId === environmentId
      ? state
      : { environmentId, tags: parseCustomTags(readStored(storageKey(environmentId))) };
  if (current !== state) setState(current);
  const set = useCallback(
    (tags: string[]) => {
      writeStored(storageKey(environmentId), tags.length === 0 ? null : JSON.stringify(tags));
      setState({ environmentId, tags });
    },
    [environmentId],
  );
  return [current.tags, set];
}
