import type { Role } from '@console/shared/api';
import { type Harness, obj } from './harness';

/** Creates a user through the admin API and answers its session cookie. */
export async function userWithRole(
  h: Harness,
  adminCookie: string,
  username: string,
  role: Role,
): Promise<{ username: string; password: string; cookie: string }> {
  const password = `${username}-password-123`;
  const created = await h.call('POST', '/api/users', {
    cookie: adminCookie,
    json: { username, password, role },
  });
  if (created.status !== 201) throw new Error(`creating ${username}: ${created.status} ${created.text}`);
  return { username, password, cookie: await h.signIn(username, password) };
}

/** Creates an API token for the signed-in user behind `cookie`; answers its id and secret. */
export async function tokenFor(
  h: Harness,
  cookie: string,
  name = 'script',
): Promise<{ id: string; token: string }> {
  const res = await h.call('POST', '/api/tokens', { cookie, json: { name } });
  if (res.status !== 201) throw new Error(`creating a token: ${res.status} ${res.text}`);
  const body = obj(res.json);
  return { id: String(body.id), token: String(body.token) };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The `error.code` of an error answer, or undefined. */
export function errorCode(json: unknown): string | undefined {
  const error = obj(json).error;
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
