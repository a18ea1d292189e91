import { Router } from 'express';
import type { Database } from '../../adapters/db';
import { AppError } from '../../core/errors';

export function healthRoutes(db: Database): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await db.ping();
    } catch (err) {
      throw new AppError('internal/error', 503, 'the store does not answer', { cause: err });
    }
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  return router;
}
