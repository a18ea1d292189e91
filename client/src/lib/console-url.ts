/** Query strings the way people read them: `command=openim/sendmsg`, not `openim%2Fsendmsg`. */
export function readableSearch(params: URLSearchParams): string {
  const text = params.toString().replaceAll('%2F', '/');
  return text ? `?${text}` : '';
}

/** The console's URL is its state: a link to a command in an environment can be shared. */
export function consoleHref(environmentId: string | null, commandKey: string): string {
  const params = new URLSearchParams();
  if (environmentId) params.set('env', environmentId);
  params.set('command', commandKey);
  return `/${readableSearch(params)}`;
}

/**
 * The console lives at `/console`; `/` is the dashboard, except for links made before it existed
 * (`/?env=…&command=…`, `/?from={historyId}`), which still open the console.
 */
export function isConsoleLocation(pathname: string, search: string): boolean {
  if (pathname === '/console') return true;
  if (pathname !== '/') return false;
  const params = new URLSearchParams(search);
  return params.has('env') || params.has('command') || params.has('from');
}
