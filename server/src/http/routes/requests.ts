import { pipeline } from 'node:stream/promises';
import {
  exportQuerySchema,
  type HistoryEntry,
  historyQuerySchema,
  replayRequestSchema,
  sendRequestSchema,
} from '@console/shared/api';
import { type RequestHandler, type Response, Router } from 'express';
import type { HistoryService } from '../../services/history';
import type { SendRequestService } from '../../services/send-request';
import { principalOf } from '../middleware/auth';
import { bodyOf } from '../middleware/body';
import { addLogFields } from '../middleware/request-log';

/** The upstream call goes on the request's own log line; failed transports are logged by the error handler. */
function logCall(res: Response, entry: HistoryEntry): void {
  addLogFields(res, {
    call: {
      historyId: entry.id,
      environmentId: entry.environmentId,
      command: `${entry.service}/${entry.command}`,
      outcome: entry.outcome,
      errorCode: entry.errorCode,
      upstreamRequestId: entry.requestId,
      durationMs: entry.durationMs,
    },
  });
}

/** `POST /api/requests`: routed by Express and served by the fast path (decision 049) alike. */
export function sendRoute(send: SendRequestService): RequestHandler {
  return async (req, res) => {
    const input = sendRequestSchema.parse(bodyOf(req));
    const entry = await send.send(principalOf(req), input);
    logCall(res, entry);
    res.status(201).json(entry);
  };
}

export function requestRoutes(send: SendRequestService, history: HistoryService): Router {
  const router = Router();

  router.post('/requests', sendRoute(send));

  router.get('/requests', async (req, res) => {
    const query = historyQuerySchema.parse(req.query);
    res.json(await history.list(query));
  });

  router.get('/requests/export', async (req, res) => {
    const query = exportQuerySchema.parse(req.query);
    const out = await history.export(principalOf(req), query);
    res.status(200);
    res.set({
      'Content-Type': out.contentType,
      'Content-Disposition': `attachment; filename="${out.fileName}"`,
      'Cache-Control': 'no-store',
    });
    try {
      // pipeline propagates backpressure and, when the client goes away, stops reading the store.
      if (out.serializer) await pipeline(out.source, out.serializer, res);
      else await pipeline(out.source, res);
    } catch (err) {
      // Headers are gone once streaming started: the only honest signal left is a cut connection.
      req.log.warn({ err }, 'history export aborted');
      res.destroy();
    }
  });

  router.get('/requests/:id', async (req, res) => {
    res.json(await history.get(req.params.id));
  });

  router.post('/requests/:id/replay', async (req, res) => {
    const input = replayRequestSchema.parse(bodyOf(req));
    const entry = await send.replay(principalOf(req), req.params.id, input);
    logCall(res, entry);
    res.status(201).json(entry);
  });

  return router;
}
