import { createTokenResponseSchema } from '../../shared/src/api/index';
import { BENCH_ADMIN_PASSWORD } from './processes';

export interface Credentials {
  /** Headers that authenticate every benchmark request. */
  headers: Record<string, string>;
  via: 'token' | 'session';
  /** The session cookie, for the browser. */
  cookie: { name: string; value: string };
}

/**
 * Signs in as the bootstrap admin, then prefers an API token (what a script would use); falls back
 * to the session cookie while `POST /api/tokens` does not exist yet. Each figure records which it was.
 */
export async function authenticate(baseUrl: string): Promise<Credentials> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: BENCH_ADMIN_PASSWORD }),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  const pair = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const eq = pair.indexOf('=');
  if (eq < 1) throw new Error('sign-in set no session cookie');
  const cookie = { name: pair.slice(0, eq), value: pair.slice(eq + 1) };

  const tokenRes = await fetch(`${baseUrl}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: pair },
    body: JSON.stringify({ name: 'bench', expiresInDays: 1 }),
  });
  const text = await tokenRes.text();
  if (tokenRes.status === 201 || tokenRes.status === 200) {
    const parsed = createTokenResponseSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      return { headers: { authorization: `Bearer ${parsed.data.token}` }, via: 'token', cookie };
    }
  }
  return { headers: { cookie: pair }, via: 'session', cookie };
}
