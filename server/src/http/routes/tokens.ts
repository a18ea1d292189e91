import { createTokenRequestSchema, type TokensResponse } from '@console/shared/api';
import { Router } from 'express';
import type { TokenService } from '../../services/tokens';
import { principalOf } from '../middleware/auth';
import { bodyOf } from '../middleware/body';

/** API tokens for scripts: everyone manages their own; an admin may revoke anyone's. */
export function tokenRoutes(tokens: TokenService): Router {
  const router = Router();

  router.post('/tokens', async (req, res) => {
    const input = createTokenRequestSchema.parse(bodyOf(req));
    const created = await tokens.create(principalOf(req), input);
    // The one answer that carries the token: keep it out of every cache.
    res.set('Cache-Control', 'no-store');
    res.status(201).json(created);
  });

  router.get('/tokens', async (req, res) => {
    const body: TokensResponse = { tokens: await tokens.list(principalOf(req)) };
    res.json(body);
  });

  router.delete('/tokens/:id', async (req, res) => {
    await tokens.revoke(principalOf(req), req.params.id);
    res.status(204).end();
  });

  return router;
}
