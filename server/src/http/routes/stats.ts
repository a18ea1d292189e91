import { statsQuerySchema } from '@console/shared/api';
import { Router } from 'express';
import type { StatsService } from '../../services/stats';

/** Any signed-in role reads the dashboard: it shows counts, never a body or a key. */
export function statsRoutes(stats: StatsService): Router {
  const router = Router();
  router.get('/stats', async (req, res) => {
    const query = statsQuerySchema.parse(req.query);
    res.json(await stats.stats(query));
  });
  return router;
}
