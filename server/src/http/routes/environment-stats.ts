import { appStatsQuerySchema } from '@console/shared/api';
import { Router } from 'express';
import type { AppStatsService } from '../../services/app-stats';
import { principalOf } from '../middleware/auth';

/** Per-environment panels of the dashboard: the app's own statistics. */
export function environmentStatsRoutes(appStats: AppStatsService): Router {
  const router = Router();
  router.get('/environments/:id/app-stats', async (req, res) => {
    const query = appStatsQuerySchema.parse(req.query);
    res.json(await appStats.get(principalOf(req), req.params.id, query.refresh === '1'));
  });
  return router;
}
