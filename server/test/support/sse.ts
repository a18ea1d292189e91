/** One Server-Sent Event as a test reads it. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Opens an events stream and hands its events over as they come (comments such as keep-alives are
 * skipped); `next()` answers undefined once the stream ended. The console's streams subscribe in the
 * same turn as they send their headers, so once this resolves, what happens next is streamed.
 */
export async function openSse(
  url: string,
  cookie: string,
): Promise<{ status: number; headers: Headers; next(): Promise<SseEvent | undefined>; close(): void }> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { cookie }, signal: controller.signal });
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let ended = false;
  return {
    status: res.status,
    headers: res.headers,
    async next() {
      for (;;) {
        const cut = text.indexOf('\n\n');
        if (cut >= 0) {
          const block = text.slice(0, cut);
          text = text.slice(cut + 2);
          const lines = block.split('\n');
          const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6));
          if (data.length === 0) continue;
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
          return { event, data: data.join('\n') };
        }
        if (ended || !reader) return undefined;
        const { value, done } = await reader.read();
        if (done) ended = true;
        else text += decoder.decode(value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}
