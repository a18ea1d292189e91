import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  createRunSchema,
  RUN_INPUT_MAX_BYTES,
  retryRunSchema,
  rowsRunInputSchema,
  runResultsQuerySchema,
} from '@console/shared/api';
import express, { type RequestHandler, Router } from 'express';
import { AppError } from '../../core/errors';
import type { RunService } from '../../services/runs';
import { principalOf } from '../middleware/auth';
import { bodyOf } from '../middleware/body';

/** A comment line on a quiet events stream, so proxies keep it open. */
const KEEP_ALIVE_MS = 15_000;

/**
 * A run's input is larger than other bodies (a CSV of many rows): this parser comes before the
 * API's 1 MiB one and says the run limit when it is exceeded. JSON escaping adds a little to the CSV.
 */
const runParser = express.json({ limit: Math.ceil(RUN_INPUT_MAX_BYTES * 1.25), type: ['application/json'] });
export const runBody: RequestHandler = (req, res, next) => {
  runParser(req, res, (err?: unknown) => {
    if (typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.too.large') {
      next(
        new AppError(
          'request/too-large',
          413,
          `a run's input is limited to ${RUN_INPUT_MAX_BYTES} bytes (${RUN_INPUT_MAX_BYTES / 1024 / 1024} MiB)`,
          { details: { limit: RUN_INPUT_MAX_BYTES, unit: 'bytes' } },
        ),
      );
      return;
    }
    next(err);
  });
};

export function runRoutes(runs: RunService): Router {
  const router = Router();

  router.post('/runs/preview', async (req, res) => {
    const input = rowsRunInputSchema.parse(bodyOf(req));
    res.json(await runs.preview(principalOf(req), input));
  });

  router.post('/runs', async (req, res) => {
    const input = createRunSchema.parse(bodyOf(req));
    res.status(201).json(await runs.start(principalOf(req), input));
  });

  router.get('/runs', async (_req, res) => {
    res.json({ items: await runs.list() });
  });

  router.get('/runs/:id', async (req, res) => {
    res.json(await runs.get(req.params.id));
  });

  router.post('/runs/:id/pause', async (req, res) => {
    res.json(await runs.pause(principalOf(req), req.params.id));
  });
  router.post('/runs/:id/resume', async (req, res) => {
    res.json(await runs.resume(principalOf(req), req.params.id));
  });
  router.post('/runs/:id/cancel', async (req, res) => {
    res.json(await runs.cancel(principalOf(req), req.params.id));
  });
  router.post('/runs/:id/retry', async (req, res) => {
    const input = retryRunSchema.parse(bodyOf(req));
    res.status(201).json(await runs.retry(principalOf(req), req.params.id, input));
  });

  router.get('/runs/:id/results', async (req, res) => {
    const { format } = runResultsQuerySchema.parse(req.query);
    const id = req.params.id;
    await runs.get(id); // 404 before any header goes out
    res.status(200).set({
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="run-${id}.${format}"`,
      'Cache-Control': 'no-store',
    });
    try {
      await pipeline(Readable.from(runs.results(id, format)), res);
    } catch (err) {
      req.log.warn({ err }, 'run results download aborted');
      res.destroy();
    }
  });

  /**
   * Server-Sent Events: the run as it changes, until it ends or the browser goes away. Changes are
   * pushed, from this replica or another one (decision 053).
   */
  router.get('/runs/:id/events', async (req, res) => {
    const id = req.params.id;
    const first = await runs.get(id);
    res.status(200).set({
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(`event: run\ndata: ${JSON.stringify(first)}\n\n`);
    if (first.status === 'done' || first.status === 'cancelled' || first.status === 'failed') {
      res.end();
      return;
    }
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    const stop = runs.follow(id, first, {
      onRun: (run) => res.write(`event: run\ndata: ${JSON.stringify(run)}\n\n`),
      onEnd: () => {
        clearInterval(keepAlive);
        res.end();
      },
    });
    req.on('close', () => {
      clearInterval(keepAlive);
      stop();
    });
  });

  return router;
}
