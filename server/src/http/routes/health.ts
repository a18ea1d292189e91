import type { ReadyResponse } from '@console/shared/api';
import { Router } from 'express';
import type { Database } from '../../adapters/db';
import { AppError } from '../../core/errors';

/**
 * `/healthz`: liveness, the process answers (a database outage must not get every replica restarted).
 * `/readyz`: readiness, the store answers and is fully migrated, and the replica is not stopping.
 */
export function healthRoutes(db: Database, stopping: () => boolean = () => false): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (stopping()) throw new AppError('service/not-ready', 503, 'this replica is stopping');
    let pending: string[];
    try {
      await db.ping();
      pending = await db.pendingMigrations();
    } catch (err) {
      throw new AppError('service/not-ready', 503, 'the store does not answer', { cause: err });
    }
    if (pending.length > 0) {
      throw new AppError('service/not-ready', 503, `migrations not applied: ${pending.join(', ')}`, {
        details: { pending },
      });
    }
    const body: ReadyResponse = {
      status: 'ok',
      database: db.dialect,
      migrations: await db.appliedMigrations(),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}
