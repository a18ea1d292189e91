import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { fetchesSettled } from './sign-out';

/** A query whose fetch ends when the returned function is called. */
function pendingFetch(client: QueryClient) {
  let finish: () => void = () => {};
  const answered = new Promise<string>((resolve) => {
    finish = () => resolve('answer');
  });
  void client.fetchQuery({ queryKey: ['slow'], queryFn: () => answered });
  return finish;
}

describe('fetchesSettled: the session ends only after the reads sent with it are answered', () => {
  it('resolves at once when nothing is fetching', async () => {
    await expect(fetchesSettled(new QueryClient(), 10_000)).resolves.toBeUndefined();
  });

  it('waits for a read on its way, and resolves when it is answered', async () => {
    const client = new QueryClient();
    const finish = pendingFetch(client);
    let settled = false;
    const waiting = fetchesSettled(client, 10_000).then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    finish();
    await waiting;
    expect(settled).toBe(true);
    expect(client.getQueryData(['slow'])).toBe('answer');
  });

  it('gives up waiting after the timeout, so signing out never hangs', async () => {
    const client = new QueryClient();
    pendingFetch(client);
    await expect(fetchesSettled(client, 30)).resolves.toBeUndefined();
    expect(client.isFetching()).toBe(1);
  });
});
