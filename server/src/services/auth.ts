import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@console/shared/api';
import { DuplicateError, type Repositories } from '../adapters/db';
import { AppError } from '../core/errors';
import { burnPasswordCheck, generatePassword, hashPassword, verifyPassword } from './passwords';
import { SignInFailureLog } from './sign-in-failures';
import { SignInThrottle, type SignInThrottlePort } from './sign-in-throttle';
import { effectiveTokenRole } from './tokens';

/** Who is calling, however they proved it. */
export interface Principal {
  username: string;
  role: Role;
  via: 'session' | 'token' | 'proxy';
  /** The API token of a `token` principal: its calls count apart from its owner's on the dashboard. */
  token?: { id: string; name: string };
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
// Sliding expiry without a write on every request: refresh at most once a minute.
const TOUCH_AFTER_MS = 60 * 1000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const toMs = (value: Date | string | null): number | null =>
  value === null ? null : new Date(value).getTime();

export interface SignedIn {
  principal: Principal;
  /** The raw session id for the cookie; only its hash is stored. */
  sessionId: string;
}

export class AuthService {
  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
    private readonly throttle: SignInThrottlePort = new SignInThrottle(),
    private readonly failures: SignInFailureLog = new SignInFailureLog(repos.audit),
  ) {}

  async signIn(username: string, password: string, address: string | undefined): Promise<SignedIn> {
    try {
      await this.throttle.check(username, address);
    } catch (err) {
      await this.failed(username, 'throttled', address);
      throw err;
    }
    const user = await this.repos.users.get(username);
    if (!user) {
      await burnPasswordCheck(password);
      await this.throttle.failed(username, address);
      await this.failed(username, 'unknown-user', address);
      throw new AppError('auth/invalid-credentials', 401, 'wrong username or password');
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      await this.throttle.failed(username, address);
      await this.failed(username, 'wrong-password', address);
      throw new AppError('auth/invalid-credentials', 401, 'wrong username or password');
    }
    await this.throttle.succeeded(username);
    if (user.disabled) {
      await this.failed(username, 'disabled', address);
      throw new AppError('auth/disabled', 403, 'this account is disabled; ask an administrator');
    }
    const sessionId = await this.openSession(username);
    await this.repos.audit.append({
      actor: username,
      action: 'session.sign-in',
      target: username,
      details: { address: address ?? null },
    });
    return { principal: { username, role: user.role, via: 'session' }, sessionId };
  }

  /** Audited at a bounded cost: a flood of failures is counted, not written row by row. */
  private async failed(username: string, reason: string, address: string | undefined) {
    await this.failures.failed(username, reason, address);
  }

  private async openSession(username: string): Promise<string> {
    const sessionId = randomBytes(32).toString('base64url');
    await this.repos.sessions.create({
      idHash: sha256(sessionId),
      username,
      expiresAt: new Date(this.now() + SESSION_TTL_MS),
    });
    return sessionId;
  }

  /** A live session of an enabled user, extended by sliding expiry; undefined otherwise. */
  async authenticateSession(sessionId: string): Promise<Principal | undefined> {
    const idHash = sha256(sessionId);
    const session = await this.repos.sessions.get(idHash);
    if (!session) return undefined;
    const now = this.now();
    const expiresAt = toMs(session.expiresAt) ?? 0;
    if (expiresAt <= now) {
      await this.repos.sessions.delete(idHash);
      return undefined;
    }
    // A disabled user is checked on every request, so disabling takes effect at once.
    const user = await this.repos.users.get(session.username);
    if (!user || user.disabled) return undefined;
    if (now - (toMs(session.lastSeenAt) ?? 0) > TOUCH_AFTER_MS) {
      await this.repos.sessions.touch(idHash, new Date(now + SESSION_TTL_MS));
    }
    return { username: user.username, role: user.role, via: 'session' };
  }

  async authenticateToken(token: string): Promise<Principal | undefined> {
    // Token and owner in one read, on every call: a revoked token or a disabled owner stops at once.
    const found = await this.repos.tokens.findByHashWithOwner(sha256(token));
    if (!found) return undefined;
    const { token: record, owner: user } = found;
    if (record.revokedAt !== null) return undefined;
    const now = this.now();
    const expiresAt = toMs(record.expiresAt);
    if (expiresAt !== null && expiresAt <= now) return undefined;
    if (user.disabled) return undefined;
    // Like the session's sliding expiry: a write per scripted call would cost more than the call.
    if (now - (toMs(record.lastUsedAt) ?? 0) > TOUCH_AFTER_MS) {
      await this.repos.tokens.markUsed(record.id, new Date(now));
    }
    return {
      username: user.username,
      role: effectiveTokenRole(record.role, user.role),
      via: 'token',
      token: { id: record.id, name: record.name },
    };
  }

  async signOut(sessionId: string | undefined, principal: Principal): Promise<void> {
    if (sessionId !== undefined) await this.repos.sessions.delete(sha256(sessionId));
    await this.repos.audit.append({
      actor: principal.username,
      action: 'session.sign-out',
      target: principal.username,
      details: null,
    });
  }

  /** Changes the caller's password and ends every other session; answers the new session id. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<string> {
    // Guessing the current password from a borrowed session counts against the same throttle.
    await this.throttle.check(principal.username, undefined);
    const user = await this.repos.users.get(principal.username);
    if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
      await this.throttle.failed(principal.username, undefined);
      throw new AppError('auth/invalid-credentials', 401, 'the current password is wrong');
    }
    await this.repos.users.update(user.username, { passwordHash: await hashPassword(newPassword) });
    await this.repos.sessions.deleteForUser(user.username);
    await this.repos.audit.append({
      actor: user.username,
      action: 'session.password-change',
      target: user.username,
      details: null,
    });
    return this.openSession(user.username);
  }

  /**
   * On first start, creates `admin`. Returns the generated password when none was configured so the
   * caller can show it once; undefined when users already exist or the password was configured.
   */
  async bootstrapAdmin(configuredPassword: string | undefined): Promise<string | undefined> {
    if ((await this.repos.users.count()) > 0) return undefined;
    const password = configuredPassword ?? generatePassword();
    try {
      await this.repos.users.create({
        username: 'admin',
        passwordHash: await hashPassword(password),
        role: 'admin',
      });
    } catch (err) {
      // Replicas starting at once on an empty database: another one created the admin first.
      if (err instanceof DuplicateError) return undefined;
      throw err;
    }
    return configuredPassword === undefined ? password : undefined;
  }
}
