import type { CallbackEntry } from '@console/shared/api';
import { shellSingleQuote } from '../../../lib/curl';

/** Placeholders the reader fills in: the console never shows a callback token or a usable Sign. */
export const SIGN_PLACEHOLDER = '$SIGN';
export const REQUEST_TIME_PLACEHOLDER = '$REQUEST_TIME';

/** The receiver's URL for an environment, as Tencent's console wants it (Tencent appends the query). */
export function callbackUrl(origin: string, environmentId: string): string {
  return `${origin.replace(/\/+$/, '')}/callbacks/${encodeURIComponent(environmentId)}`;
}

/**
 * A cURL command that re-creates the call to the console's receiver: the recorded query and body,
 * with RequestTime and Sign as shell variables computed from the token (lines before the command).
 */
export function toCallbackCurl(entry: CallbackEntry, origin: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(entry.query)) {
    if (name !== 'RequestTime' && name !== 'Sign') params.set(name, value);
  }
  // URLSearchParams percent-encodes `$`, quotes, backslashes and backticks: only the two variables expand.
  const query = params.toString();
  const url = `${callbackUrl(origin, entry.environmentId)}?${query}${query ? '&' : ''}RequestTime=${REQUEST_TIME_PLACEHOLDER}&Sign=${SIGN_PLACEHOLDER}`;
  const body = typeof entry.body === 'string' ? entry.body : JSON.stringify(entry.body ?? {});
  return [
    '# CALLBACK_TOKEN is the environment’s callback.token',
    'REQUEST_TIME=$(date +%s)',
    'SIGN=$(printf \'%s%s\' "$CALLBACK_TOKEN" "$REQUEST_TIME" | sha256sum | cut -d" " -f1)',
    `curl -X POST "${url}" \\`,
    "  -H 'Content-Type: application/json' \\",
    `  --data-raw ${shellSingleQuote(body)}`,
  ].join('\n');
}
