import type { Role } from '@console/shared/api';
import { hasRole } from '@console/shared/guard-rails';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../../core/errors';
import type { AuthService, Principal } from '../../services/auth';
import { SESSION_TTL_MS } from '../../services/auth';

export const SESSION_COOKIE = 'console_session';

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Drops a session cookie set earlier in this response, so the newest one is the only one sent. */
function replaceSessionCookie(res: Response): void {
  const existing = res.getHeader('Set-Cookie');
  const list = typeof existing === 'string' ? [existing] : Array.isArray(existing) ? existing : [];
  const kept = list.filter((c) => !c.startsWith(`${SESSION_COOKIE}=`));
  if (kept.length === 0) res.removeHeader('Set-Cookie');
  else res.setHeader('Set-Cookie', kept);
}

export function setSessionCookie(req: Request, res: Response, sessionId: string): void {
  replaceSessionCookie(res);
  res.cookie(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: SESSION_TTL_MS,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  replaceSessionCookie(res);
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export function hasBearerToken(req: Request): boolean {
  return bearerToken(req) !== undefined;
}

/**
 * Sets `req.principal` from a bearer token or the session cookie; refuses with 401 otherwise.
 * A principal already set by the trusted proxy's header is kept.
 */
export function requireAuth(auth: AuthService): RequestHandler {
  return async (req, res, next) => {
    if (req.principal !== undefined) {
      next();
      return;
    }
    const token = bearerToken(req);
    if (token !== undefined) {
      const principal = await auth.authenticateToken(token);
      if (!principal) throw new AppError('auth/unauthenticated', 401, 'the API token is not valid');
      req.principal = principal;
      next();
      return;
    }
    const sessionId = readCookie(req, SESSION_COOKIE);
    const principal = sessionId === undefined ? undefined : await auth.authenticateSession(sessionId);
    if (!principal || sessionId === undefined) {
      throw new AppError('auth/unauthenticated', 401, 'sign in first');
    }
    setSessionCookie(req, res, sessionId);
    req.principal = principal;
    next();
  };
}

/** Refuses with 403 unless the caller's role is at least `role`. Use after `requireAuth`. */
export function requireRole(role: Role): RequestHandler {
  return (req, _res, next) => {
    const principal = req.principal;
    if (!principal) throw new AppError('auth/unauthenticated', 401, 'sign in first');
    if (!hasRole(principal.role, role)) {
      throw new AppError('auth/forbidden', 403, `this needs the ${role} role (you are ${principal.role})`, {
        details: { requiredRole: role, role: principal.role },
      });
    }
    next();
  };
}

/** The signed-in caller; routes behind `requireAuth` only. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new AppError('auth/unauthenticated', 401, 'sign in first');
  return req.principal;
}
