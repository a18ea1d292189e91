/** Only a path inside the console: `next` comes from the URL, so it must not become an open redirect. */
export function safeNext(next: string | null): string {
  if (next === null) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/sign-in')) return '/';
  return next;
}
