import { readyResponseSchema } from '@console/shared/api';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '../src/adapters/db';
import { type Harness, startHarness } from './support/harness';
import { errorCode } from './support/users';

describe('health and readiness', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers /healthz and /readyz with the store and its migrations, without signing in', async () => {
    expect((await h.call('GET', '/healthz')).json).toEqual({ status: 'ok' });
    const ready = await h.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    const body = readyResponseSchema.parse(ready.json);
    expect(body.database).toBe(h.databaseUrl === undefined ? 'sqlite' : 'postgres');
    expect(body.migrations).toBeGreaterThanOrEqual(7);
  });

  it('is not ready while a migration of this build has not run, and says which', async () => {
    const db = await openDatabase({ dataDir: h.dataDir, databaseUrl: h.databaseUrl });
    try {
      const applied = await sql<{
        name: string;
      }>`select name, timestamp from kysely_migration where name = '0010-replicas'`.execute(db.kysely);
      expect(applied.rows).toHaveLength(1);
      await sql`delete from kysely_migration where name = '0010-replicas'`.execute(db.kysely);
      const res = await h.call('GET', '/readyz');
      expect(res.status).toBe(503);
      expect(errorCode(res.json)).toBe('service/not-ready');
      expect(res.text).toContain('0010-replicas');
      // Liveness does not depend on it.
      expect((await h.call('GET', '/healthz')).status).toBe(200);
      await sql`insert into kysely_migration (name, timestamp) values ('0010-replicas', ${new Date().toISOString()})`.execute(
        db.kysely,
      );
      expect((await h.call('GET', '/readyz')).status).toBe(200);
      expect(createRepositories(db)).toBeDefined();
    } finally {
      await db.close();
    }
  });

  it('stops being ready as soon as it starts stopping', async () => {
    const other = await startHarness();
    try {
      expect((await other.call('GET', '/readyz')).status).toBe(200);
      // Hold a connection open so the server is still there to answer while it stops.
      const stopping = other.server.stop();
      const res = await other.call('GET', '/readyz').catch(() => null);
      // Either refused already (the listener closed) or answered 503: never "ready".
      if (res !== null) {
        expect(res.status).toBe(503);
        expect(errorCode(res.json)).toBe('service/not-ready');
      }
      await stopping;
    } finally {
      await other.stop();
    }
  });
});
