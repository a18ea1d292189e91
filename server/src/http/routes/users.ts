import { createUserRequestSchema, type UsersResponse, updateUserRequestSchema } from '@console/shared/api';
import { Router } from 'express';
import type { UserService } from '../../services/users';
import { principalOf, requireRole } from '../middleware/auth';
import { bodyOf } from '../middleware/body';

/** People and roles; admin only. */
export function userRoutes(users: UserService): Router {
  const router = Router();
  router.use('/users', requireRole('admin'));

  router.get('/users', async (_req, res) => {
    const body: UsersResponse = { users: await users.list() };
    res.json(body);
  });

  router.post('/users', async (req, res) => {
    const input = createUserRequestSchema.parse(bodyOf(req));
    res.status(201).json(await users.create(principalOf(req), input));
  });

  router.patch('/users/:username', async (req, res) => {
    const patch = updateUserRequestSchema.parse(bodyOf(req));
    res.json(await users.update(principalOf(req), req.params.username, patch));
  });

  return router;
}
