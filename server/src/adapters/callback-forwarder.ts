/** The outcome of one POST to a forward target. */
export interface ForwardResult {
  status: number | null;
  durationMs: number;
  error: string | null;
}

export const FORWARD_TIMEOUT_MS = 5_000;

/**
 * Posts a callback to a configured target and says how it went; never throws. The answer's body is
 * read and dropped: the target's verdict on a forwarded callback changes nothing (decision 036).
 */
export async function postCallback(
  url: string,
  body: string,
  timeoutMs = FORWARD_TIMEOUT_MS,
): Promise<ForwardResult> {
  const started = performance.now();
  const took = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return {
      status: res.status,
      durationMs: took(),
      error: ok ? null : `the target answered HTTP ${res.status}`,
    };
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
    const code = cause && 'code' in cause ? String(cause.code) : '';
    const error =
      name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : code === 'ECONNREFUSED'
          ? 'connection refused'
          : `the target could not be reached (${code || cause?.message || name || 'unknown error'})`;
    return { status: null, durationMs: took(), error };
  }
}
