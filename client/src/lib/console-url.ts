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
