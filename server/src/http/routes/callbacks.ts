import {
  type CallbackEntry,
  callbackFilterSchema,
  callbackForwardInputSchema,
  callbackQuerySchema,
  callbackSummaryQuerySchema,
} from '@console/shared/api';
import { Router } from 'express';
import type { CallbackService } from '../../services/callbacks/service';
import { principalOf, requireRole } from '../middleware/auth';
import { bodyOf } from '../middleware/body';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

/** The inspector's API: every signed-in role reads; operators re-send to a forward target. */
export function callbackRoutes(callbacks: CallbackService): Router {
  const router = Router();

  router.get('/callbacks', async (req, res) => {
    res.json(await callbacks.list(callbackQuerySchema.parse(req.query)));
  });

  router.get('/callbacks/summary', async (req, res) => {
    res.json(await callbacks.summary(callbackSummaryQuerySchema.parse(req.query)));
  });

  router.get('/callbacks/endpoints', (_req, res) => {
    res.json({ endpoints: callbacks.endpoints() });
  });

  /** Server-Sent Events: each new or updated (forwarded) callback that fits the filter, as it happens. */
  router.get('/callbacks/stream', (req, res) => {
    const filter = callbackFilterSchema.parse(req.query);
    const fits = (e: CallbackEntry) =>
      (filter.environmentId === undefined || e.environmentId === filter.environmentId) &&
      (filter.command === undefined || e.command === filter.command) &&
      (filter.verdict === undefined || e.verdict === filter.verdict);
    res.status(200).set({
      'Content-Type': 'text/event-stream',
      // no-transform: compression would otherwise hold the events back until its buffer fills.
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(': connected\n\n');
    const unsubscribe = callbacks.hub.subscribe((entry) => {
      if (fits(entry)) res.write(`event: callback\nid: ${entry.id}\ndata: ${JSON.stringify(entry)}\n\n`);
    });
    const timer = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    req.on('close', () => {
      clearInterval(timer);
      unsubscribe();
    });
  });

  router.get('/callbacks/:id', async (req, res) => {
    res.json(await callbacks.get(req.params.id));
  });

  router.post('/callbacks/:id/forward', requireRole('operator'), async (req, res) => {
    const { target } = callbackForwardInputSchema.parse(bodyOf(req));
    res.json(await callbacks.resend(principalOf(req), String(req.params.id), target));
  });

  return router;
}
