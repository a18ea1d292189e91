import {
  explorerGroupIdSchema,
  explorerUserIdSchema,
  explorerUserQuerySchema,
  groupMembersQuerySchema,
} from '@console/shared/api';
import { Router } from 'express';
import type { ExplorerService } from '../../services/explorer';
import { principalOf } from '../middleware/auth';

/**
 * The support explorer (issue 15): read-only lookups, open to every role since each upstream call
 * is a read command held to the guard rails by the send service. Actions are ordinary sends
 * (POST /api/requests), so they meet the role checks and confirmations there (decision 030).
 */
export function explorerRoutes(explorer: ExplorerService): Router {
  const router = Router();
  router.get('/environments/:id/users/:userId', async (req, res) => {
    const userId = explorerUserIdSchema.parse(req.params.userId);
    const query = explorerUserQuerySchema.parse(req.query);
    res.json(await explorer.user(principalOf(req), req.params.id, userId, query));
  });
  router.get('/environments/:id/groups/:groupId', async (req, res) => {
    const groupId = explorerGroupIdSchema.parse(req.params.groupId);
    const page = groupMembersQuerySchema.parse(req.query);
    res.json(await explorer.group(principalOf(req), req.params.id, groupId, page));
  });
  router.get('/environments/:id/groups/:groupId/members', async (req, res) => {
    const groupId = explorerGroupIdSchema.parse(req.params.groupId);
    const page = groupMembersQuerySchema.parse(req.query);
    res.json(await explorer.members(principalOf(req), req.params.id, groupId, page));
  });
  return router;
}
