import type { CreateUserRequest, Role, UpdateUserRequest, User } from '@console/shared/api';
import { DuplicateError, LastAdminError, type Repositories, type UserRecord } from '../adapters/db';
import { AppError } from '../core/errors';
import { hashPassword } from './passwords';

/** Whoever acts: a signed-in admin, or `system` for sign-on through the proxy. */
export interface Actor {
  username: string;
}

/** Never the password hash. */
export function publicUser(u: UserRecord): User {
  return {
    username: u.username,
    role: u.role,
    disabled: u.disabled,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

// Not a scrypt hash, so no password ever verifies against it: proxy users sign in only through the proxy.
export const NO_PASSWORD = '!no-password';

export class UserService {
  constructor(private readonly repos: Repositories) {}

  async list(): Promise<User[]> {
    return (await this.repos.users.list()).map(publicUser);
  }

  async create(actor: Actor, input: CreateUserRequest): Promise<User> {
    let created: UserRecord;
    try {
      created = await this.repos.users.create({
        username: input.username,
        passwordHash: await hashPassword(input.password),
        role: input.role,
      });
    } catch (err) {
      if (err instanceof DuplicateError) {
        throw new AppError('user/exists', 409, `the user "${input.username}" already exists`);
      }
      throw err;
    }
    await this.repos.audit.append({
      actor: actor.username,
      action: 'user.create',
      target: created.username,
      details: { role: created.role },
    });
    return publicUser(created);
  }

  /**
   * Changes role, disabled and/or password. Disabling or resetting the password ends the user's
   * sessions at once (tokens stop working too: authentication checks `disabled` on every request).
   * An admin cannot disable or demote themselves, so the console always keeps an admin who can sign in.
   */
  async update(actor: Actor, username: string, patch: UpdateUserRequest): Promise<User> {
    const before = await this.repos.users.get(username);
    if (!before) throw new AppError('user/not-found', 404, `no user "${username}"`);
    if (actor.username === username) {
      if (patch.disabled === true) {
        throw new AppError('user/self-lockout', 400, 'you cannot disable your own account');
      }
      if (patch.role !== undefined && patch.role !== before.role && before.role === 'admin') {
        throw new AppError('user/self-lockout', 400, 'you cannot take the admin role from yourself');
      }
    }
    let after: UserRecord | undefined;
    try {
      after = await this.repos.users.update(username, {
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.disabled !== undefined && { disabled: patch.disabled }),
        ...(patch.password !== undefined && { passwordHash: await hashPassword(patch.password) }),
      });
    } catch (err) {
      if (err instanceof LastAdminError) {
        throw new AppError(
          'user/last-admin',
          409,
          `"${username}" is the only enabled admin; make another user admin before demoting or disabling this one`,
        );
      }
      throw err;
    }
    if (!after) throw new AppError('user/not-found', 404, `no user "${username}"`);
    const endsSessions = (patch.disabled === true && !before.disabled) || patch.password !== undefined;
    const sessionsEnded = endsSessions ? await this.repos.sessions.deleteForUser(username) : 0;
    const changes: Record<string, unknown> = {};
    if (patch.role !== undefined && patch.role !== before.role)
      changes.role = { from: before.role, to: patch.role };
    if (patch.disabled !== undefined && patch.disabled !== before.disabled) changes.disabled = patch.disabled;
    if (patch.password !== undefined) changes.passwordReset = true;
    await this.repos.audit.append({
      actor: actor.username,
      action: patch.disabled === true && !before.disabled ? 'user.disable' : 'user.update',
      target: username,
      details: { ...changes, sessionsEnded },
    });
    return publicUser(after);
  }

  /**
   * The user a trusted proxy vouches for: created on first sight, its role kept in step with the
   * proxy's groups when the proxy sends them (`role` defined), else left as an admin set it. The last
   * enabled admin keeps the role whatever the groups say: losing it would lock everyone out of the
   * admin pages, and the proxy's request is still served, as an admin (decision 022).
   */
  async signOnFromProxy(username: string, role: Role | undefined, fallbackRole: Role): Promise<UserRecord> {
    const existing = await this.repos.users.get(username);
    if (!existing) {
      let created: UserRecord;
      try {
        created = await this.repos.users.create({
          username,
          passwordHash: NO_PASSWORD,
          role: role ?? fallbackRole,
        });
      } catch (err) {
        // Two first requests of the same user raced; the other one created it.
        if (!(err instanceof DuplicateError)) throw err;
        const raced = await this.repos.users.get(username);
        if (!raced) {
          throw new AppError(
            'auth/unauthenticated',
            401,
            `the proxy's user "${username}" differs from an existing user only in letter case`,
          );
        }
        return raced;
      }
      await this.repos.audit.append({
        actor: 'system',
        action: 'user.create',
        target: username,
        details: { role: created.role, via: 'proxy' },
      });
      return created;
    }
    if (role === undefined || role === existing.role || existing.disabled) return existing;
    let updated: UserRecord;
    try {
      updated = (await this.repos.users.update(username, { role })) ?? existing;
    } catch (err) {
      if (err instanceof LastAdminError) return existing;
      throw err;
    }
    await this.repos.audit.append({
      actor: 'system',
      action: 'user.update',
      target: username,
      details: { role: { from: existing.role, to: role }, via: 'proxy' },
    });
    return updated;
  }
}
