import { Router } from 'express';
import { AppError } from '../../core/errors';
import type { AuthService } from '../../services/auth';
import type { Metrics } from '../../services/metrics';
import { bearerToken } from '../middleware/auth';

/**
 * `GET /metrics` for Prometheus: an API token of any role, never a cookie (a scraper has none) and
 * never anonymously — the figures name environments, commands and error rates.
 */
export function metricsRoute(auth: AuthService, metrics: Metrics): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    const token = bearerToken(req);
    if (token === undefined) {
      throw new AppError(
        'auth/unauthenticated',
        401,
        'GET /metrics needs an API token: Authorization: Bearer …',
      );
    }
    if (!(await auth.authenticateToken(token))) {
      throw new AppError('auth/unauthenticated', 401, 'the API token is not valid');
    }
    const { contentType, body } = await metrics.text();
    res.set({ 'Content-Type': contentType, 'Cache-Control': 'no-store' }).send(body);
  });
  return router;
}
