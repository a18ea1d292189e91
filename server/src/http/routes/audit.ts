import { pipeline } from 'node:stream/promises';
import { auditFilterSchema, auditQuerySchema } from '@console/shared/api';
import { Router } from 'express';
import type { AuditService } from '../../services/audit';
import { principalOf, requireRole } from '../middleware/auth';

/** The audit log; admin only. */
export function auditRoutes(audit: AuditService): Router {
  const router = Router();
  router.use('/audit', requireRole('admin'));

  router.get('/audit', async (req, res) => {
    res.json(await audit.list(auditQuerySchema.parse(req.query)));
  });

  router.get('/audit/export', async (req, res) => {
    const filter = auditFilterSchema.parse(req.query);
    const out = await audit.export(principalOf(req), filter);
    res.status(200);
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${out.fileName}"`,
      'Cache-Control': 'no-store',
    });
    try {
      await pipeline(out.source, out.serializer, res);
    } catch (err) {
      // Headers are gone once streaming started: the only honest signal left is a cut connection.
      req.log.warn({ err }, 'audit export aborted');
      res.destroy();
    }
  });

  return router;
}
