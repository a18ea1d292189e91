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

/** One parameter of the call's query: its ticket and nonce are written by whoever runs the copy. */
export type QueryParam =
  | { key: string; kind: 'value'; value: string }
  | { key: 'usersig'; kind: 'usersig' }
  | { key: 'random'; kind: 'random' };

/**
 * The query of a recorded call, in its order: `usersig` is always a placeholder (the recorded one is
 * `REDACTED` anyway), the recorded `random` is kept. Without a usable recorded URL (a call that
 * failed before its URL was built) it is rebuilt from the environment, with a fresh `random`.
 */
function queryParams(recorded: URL | null, environment?: Environment): QueryParam[] {
  const params: QueryParam[] = [];
  for (const [key, value] of recorded?.searchParams ?? []) {
    params.push(key === 'usersig' ? { key, kind: 'usersig' } : { key, kind: 'value', value });
  }
  if (params.length === 0) {
    if (environment) {
      params.push(
        { key: 'sdkappid', kind: 'value', value: String(environment.sdkAppId) },
        { key: 'identifier', kind: 'value', value: environment.adminIdentifier },
      );
    }
    params.push(
      { key: 'usersig', kind: 'usersig' },
      { key: 'random', kind: 'random' },
      { key: 'contenttype', kind: 'value', value: 'json' },
    );
  } else if (!params.some((p) => p.kind === 'usersig')) {
    params.push({ key: 'usersig', kind: 'usersig' });
  }
  return params;
}

/** Where a recorded call goes (scheme, host, path, no query) and its query's parameters. */
export function callTarget(
  entry: HistoryEntry,
  environment?: Environment,
): { endpoint: string; params: QueryParam[] } {
  const recorded = parseUrl(entry.url);
  return {
    endpoint: `${baseOf(recorded, environment)}${pathOf(recorded, entry.service, entry.command)}`,
    params: queryParams(recorded, environment),
  };
}

/**
 * A curl command that reproduces a recorded call: the real host, path and query, with
 * `usersig=$USERSIG` in place of the ticket, and the exact body that was sent.
 */
export function toCurl(entry: HistoryEntry, environment?: Environment): string {
  const { endpoint, params } = callTarget(entry, environment);
  const query = params.map((p) => {
    if (p.kind === 'usersig') return `usersig=${USERSIG_PLACEHOLDER}`;
    if (p.kind === 'random') return 'random=$RANDOM';
    return `${encodeURIComponent(p.key)}=${encodeURIComponent(p.value)}`;
  });
  const url = `${endpoint}?${query.join('&')}`;
  return [
    `curl -X POST ${shellDoubleQuote(url)}`,
    `  -H 'Content-Type: application/json'`,
    `  --data-raw ${shellSingleQuote(JSON.stringify(entry.requestBody))}`,
  ].join(' \\\n');
}
