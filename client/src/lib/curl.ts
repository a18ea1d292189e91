import type { Environment, HistoryEntry } from '@console/shared/api';

/** The placeholder a reader replaces with their own ticket; a real UserSig never leaves the server. */
export const USERSIG_PLACEHOLDER = '$USERSIG';

/** Quotes for POSIX shells: inside single quotes nothing expands, and `'` itself is closed, escaped, reopened. */
export function shellSingleQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Double quotes so `$USERSIG` (and `$RANDOM`) expand; every other character special there is escaped. */
function shellDoubleQuote(value: string): string {
  return `"${value
    .split(/(\$USERSIG|\$RANDOM)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\"$`]/g, (c) => `\\${c}`)))
    .join('')}"`;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function baseOf(recorded: URL | null, environment?: Environment): string {
  const host = environment?.host;
  if (host) {
    if (/^https?:\/\//.test(host)) return host.replace(/\/+$/, '');
    const scheme = recorded?.protocol ?? (/^(localhost|127\.|\[::1\])/.test(host) ? 'http:' : 'https:');
    return `${scheme}//${host}`;
  }
  if (recorded) return `${recorded.protocol}//${recorded.host}`;
  return 'https://console.tim.qq.com';
}

/** Keeps a prefix the recorded URL had before `/v4/` (the sandbox lives under `/sandbox`). */
function pathOf(recorded: URL | null, service: string, command: string): string {
  const path = `/v4/${encodeURIComponent(service)}/${encodeURIComponent(command)}`;
  const recordedPath = recorded?.pathname ?? '';
  return recordedPath.endsWith(path) ? recordedPath : path;
}

function queryOf(recorded: URL | null, environment?: Environment): string {
  const pairs: string[] = [];
  let hasUserSig = false;
  for (const [key, value] of recorded?.searchParams ?? []) {
    if (key === 'usersig') {
      hasUserSig = true;
      pairs.push(`usersig=${USERSIG_PLACEHOLDER}`);
    } else {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    }
  }
  if (pairs.length === 0) {
    // No recorded query (a call that failed before its URL was built): rebuild it from the environment.
    if (environment) {
      pairs.push(
        `sdkappid=${environment.sdkAppId}`,
        `identifier=${encodeURIComponent(environment.adminIdentifier)}`,
      );
    }
    pairs.push(`usersig=${USERSIG_PLACEHOLDER}`, 'random=$RANDOM', 'contenttype=json');
    return pairs.join('&');
  }
  if (!hasUserSig) pairs.push(`usersig=${USERSIG_PLACEHOLDER}`);
  return pairs.join('&');
}

/**
 * A curl command that reproduces a recorded call: the real host, path and query, with
 * `usersig=$USERSIG` in place of the ticket, and the exact body that was sent.
 */
export function toCurl(entry: HistoryEntry, environment?: Environment): string {
  const recorded = parseUrl(entry.url);
  const url = `${baseOf(recorded, environment)}${pathOf(recorded, entry.service, entry.command)}?${queryOf(recorded, environment)}`;
  return [
    `curl -X POST ${shellDoubleQuote(url)}`,
    `  -H 'Content-Type: application/json'`,
    `  --data-raw ${shellSingleQuote(JSON.stringify(entry.requestBody))}`,
  ].join(' \\\n');
}
