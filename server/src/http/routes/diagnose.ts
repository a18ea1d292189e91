import { Router } from 'express';
import type { DiagnoseService } from '../../services/diagnose';
import { principalOf, requireRole } from '../middleware/auth';

/** Operators and admins: the diagnosis makes a signed call and probes the network on their behalf. */
export function diagnoseRoutes(diagnose: DiagnoseService): Router {
  const router = Router();
  router.post('/environments/:id/diagnose', requireRole('operator'), async (req, res) => {
    res.json(await diagnose.diagnose(principalOf(req), String(req.params.id)));
  });
  return router;
}
