/**
 * Posts a run's input (a preview or a start) from a worker thread. A 100,000-row CSV is megabytes:
 * encoding it as JSON and handing it to fetch took the page's main thread 0.4 s in one task (measured
 * by e2e/runs.spec.ts), a freeze a person notices. Here that work runs beside the page, which only
 * hands over the file (a Blob, not copied) or the pasted text and reads the small answer.
 */
import type { PostRowsAnswer, PostRowsRequest } from './post-rows';

self.addEventListener('message', (event: MessageEvent<PostRowsRequest>) => {
  void post(event.data).then((answer) => self.postMessage(answer));
});

async function post({ path, fields, rows }: PostRowsRequest): Promise<PostRowsAnswer> {
  try {
    const csv = typeof rows === 'string' ? rows : await rows.text();
    const res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...fields, csv }),
    });
    return {
      kind: 'answer',
      status: res.status,
      text: await res.text(),
      retryAfter: res.headers.get('Retry-After'),
    };
  } catch {
    return { kind: 'unreachable' };
  }
}
