import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from './open';

/**
 * Live updates between replicas on one PostgreSQL (issue 17 item 5, decision 047): PostgreSQL
 * `LISTEN/NOTIFY` on one channel. An event names what changed (`callback` and its id, `run` and its
 * id), never its content: a notification's payload is limited to 8000 bytes and every replica reads
 * the store anyway. A replica hears its own events too; they carry its `origin` so it can skip them.
 */
export type LiveEventKind = 'callback' | 'run';

export interface LiveEvent {
  kind: LiveEventKind;
  id: string;
}

export type LiveListener = (event: LiveEvent) => void;

export interface LiveBus {
  /** Tells the other replicas; resolves once PostgreSQL took the notification. */
  publish(event: LiveEvent): Promise<void>;
  /** Events from other replicas (never this one's own). */
  subscribe(listener: LiveListener): () => void;
  /** Resolves once the listening connection is listening (tests; a replica does not wait). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export const LIVE_CHANNEL = 'console_live';
const KINDS: readonly LiveEventKind[] = ['callback', 'run'];

/** One replica alone (SQLite): nobody to tell. */
export const noLiveBus: LiveBus = {
  publish: async () => {},
  subscribe: () => () => {},
  ready: async () => {},
  close: async () => {},
};

export interface LiveBusOptions {
  /** Told when the listening connection fails; it is opened again after `retryMs`. */
  onError?: (err: unknown) => void;
  retryMs?: number;
}

/**
 * One dedicated connection (outside the pool, which hands connections to anyone) LISTENs; publishing
 * goes through the pool with `pg_notify`. A lost connection is reopened; events sent while it was
 * down are missed, which the pages tolerate (the runs stream also reads the store on a slow timer,
 * the callbacks page lists from the store when it opens).
 */
export function createLiveBus(db: Database, connectionString: string, opts: LiveBusOptions = {}): LiveBus {
  if (db.dialect !== 'postgres') return noLiveBus;
  const origin = randomBytes(6).toString('hex');
  const listeners = new Set<LiveListener>();
  const retryMs = opts.retryMs ?? 1_000;
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  let readyOnce: Promise<void> = new Promise<void>((r) => {
    markReady = r;
  });

  const deliver = (payload: string | undefined) => {
    if (payload === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null) return;
    const { o, k, i } = parsed as { o?: unknown; k?: unknown; i?: unknown };
    if (o === origin || typeof i !== 'string' || !KINDS.includes(k as LiveEventKind)) return;
    const event: LiveEvent = { kind: k as LiveEventKind, id: i };
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (err) {
        opts.onError?.(err);
      }
    }
  };

  const connect = async (): Promise<void> => {
    if (closed) return;
    const c = new pg.Client({ connectionString });
    client = c;
    c.on('notification', (n) => {
      if (n.channel === LIVE_CHANNEL) deliver(n.payload);
    });
    c.on('error', (err) => {
      opts.onError?.(err);
      reconnect(c);
    });
    c.on('end', () => reconnect(c));
    try {
      await c.connect();
      await c.query(`listen ${LIVE_CHANNEL}`);
      markReady();
    } catch (err) {
      opts.onError?.(err);
      reconnect(c);
    }
  };

  const reconnect = (c: pg.Client) => {
    if (closed || client !== c || retry !== undefined) return;
    client = undefined;
    c.removeAllListeners('notification');
    void c.end().catch(() => undefined);
    // Not ready until listening again.
    readyOnce = new Promise<void>((r) => {
      markReady = r;
    });
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, retryMs);
    retry.unref();
  };

  void connect();

  return {
    async publish(event) {
      const payload = JSON.stringify({ o: origin, k: event.kind, i: event.id });
      await sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`.execute(db.kysely);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    ready: () => readyOnce,
    async close() {
      closed = true;
      if (retry !== undefined) clearTimeout(retry);
      const c = client;
      client = undefined;
      listeners.clear();
      if (c) await c.end().catch(() => undefined);
    },
  };
}
