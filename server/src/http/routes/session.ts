import { changePasswordRequestSchema, type SessionResponse, signInRequestSchema } from '@console/shared/api';
import { type RequestHandler, Router } from 'express';
import { AppError } from '../../core/errors';
import type { AuthService } from '../../services/auth';
import type { Metrics } from '../../services/metrics';
import {
  clearSessionCookie,
  principalOf,
  readCookie,
  SESSION_COOKIE,
  setSessionCookie,
} from '../middleware/auth';
import { bodyOf } from '../middleware/body';

/** `POST /api/session` is open; mount it before `requireAuth`. */
export function signInRoute(auth: AuthService, metrics?: Metrics): Router {
  const router = Router();
  router.post('/session', async (req, res) => {
    const input = signInRequestSchema.parse(bodyOf(req));
    let signedIn: Awaited<ReturnType<AuthService['signIn']>>;
    try {
      signedIn = await auth.signIn(input.username, input.password, req.ip);
    } catch (err) {
      if (err instanceof AppError) {
        if (err.code === 'auth/invalid-credentials') metrics?.signInFailed('invalid-credentials');
        if (err.code === 'auth/throttled') metrics?.signInFailed('throttled');
        if (err.code === 'auth/disabled') metrics?.signInFailed('disabled');
      }
      throw err;
    }
    const { principal, sessionId } = signedIn;
    setSessionCookie(req, res, sessionId);
    const body: SessionResponse = {
      user: { username: principal.username, role: principal.role },
      via: 'session',
    };
    res.json(body);
  });
  return router;
}

export function sessionRoutes(auth: AuthService): Router {
  const router = Router();
  const current: RequestHandler = (req, res) => {
    const principal = principalOf(req);
    const body: SessionResponse = {
      user: { username: principal.username, role: principal.role },
      via: principal.via,
    };
    res.json(body);
  };
  router.get('/session', current);
  router.delete('/session', async (req, res) => {
    await auth.signOut(readCookie(req, SESSION_COOKIE), principalOf(req));
    clearSessionCookie(req, res);
    res.status(204).end();
  });
  router.post('/session/password', async (req, res) => {
    const input = changePasswordRequestSchema.parse(bodyOf(req));
    const principal = principalOf(req);
    const sessionId = await auth.changePassword(principal, input.currentPassword, input.newPassword);
    if (principal.via === 'session') setSessionCookie(req, res, sessionId);
    res.status(204).end();
  });
  return router;
}
