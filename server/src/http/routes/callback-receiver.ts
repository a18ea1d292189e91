import { CALLBACK_BODY_MAX_BYTES } from '@console/shared/api';
import { type Request, type Response, Router } from 'express';
import type { CallbackService } from '../../services/callbacks/service';

/** Query parameters kept, and the longest value of each: Tencent sends six short ones. */
const MAX_PARAMS = 32;
const MAX_VALUE = 512;

/** The first value of each parameter, as Tencent sends them (a repeated one keeps its first). */
function queryOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  const search = new URL(req.originalUrl, 'http://receiver').searchParams;
  for (const [name, value] of search) {
    if (Object.keys(out).length >= MAX_PARAMS) break;
    if (!(name in out) && name.length <= 64) out[name] = value.slice(0, MAX_VALUE);
  }
  return out;
}

/**
 * Reads the body up to the cap. Past it, reading stops counting (the rest is drained and dropped)
 * and the answer is null, so a large body is recorded as rejected with 413 instead of being held.
 */
function readCapped(req: Request, cap: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > cap;
    if (over) {
      req.resume();
      resolve(null);
      return;
    }
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > cap) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * `POST /callbacks/:environmentId` — Tencent's third-party callbacks. No session: the signature is
 * the authentication (decision 036). Mounted before every body parser.
 */
export function callbackReceiverRoutes(callbacks: CallbackService): Router {
  const router = Router();
  router.post('/callbacks/:environmentId', async (req: Request, res: Response) => {
    const startedAt = performance.now();
    const environmentId = String(req.params.environmentId);
    const query = queryOf(req);
    let body: Buffer | null;
    try {
      body = await readCapped(req, CALLBACK_BODY_MAX_BYTES);
    } catch {
      // The caller went away mid-body: there is no one to answer.
      res.destroy();
      return;
    }
    if (body === null) res.set('Connection', 'close');
    const answer = await callbacks.receive({
      environmentId,
      query,
      body,
      clientAddress: req.ip ?? null,
      startedAt,
    });
    res.set('Cache-Control', 'no-store');
    res.status(answer.status).json(answer.answer);
  });
  return router;
}
