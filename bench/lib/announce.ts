import type { Server } from 'node:http';

/**
 * What the bench's child servers (upstream, bare proxy) do to start: keep connections open longer
 * than any pause between runs, so neither side pays for reconnecting mid-measurement; listen on
 * PORT (or any free port) on loopback; print `{"port":N}`, which `bench/lib/processes.ts` waits for.
 */
export function listenAndAnnounce(server: Server): void {
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('not on a TCP port');
    process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
  });
}
