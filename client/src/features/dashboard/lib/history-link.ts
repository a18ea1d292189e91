/** A link to the History page filtered to what a dashboard number counts (decision 032). */
export function historyLink(filter: {
  environmentId?: string | undefined;
  from: string;
  to: string;
  outcome?: 'ok' | 'fail' | 'error' | undefined;
  errorCode?: number | undefined;
  service?: string | undefined;
  command?: string | undefined;
  operator?: string | undefined;
}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return `/history?${params.toString().replaceAll('%2F', '/').replaceAll('%3A', ':')}`;
}
