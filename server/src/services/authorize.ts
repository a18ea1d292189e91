import type { CatalogCommand } from '@console/shared/api';
import type { Principal } from './auth';
import type { ResolvedEnvironment } from './environments';
import { checkCommand } from './guard';
import type { RateLimiter } from './rate-limiter';

/**
 * The guard-rail seam (issue 7): roles × access class, read-only environments, confirmation on
 * production and the rate limit, checked before anything is signed. It throws an AppError to refuse.
 */
export type AuthorizeCommand = (
  user: Principal,
  env: ResolvedEnvironment,
  command: CatalogCommand,
  confirm: string | undefined,
) => Promise<void>;

export const allowEveryCommand: AuthorizeCommand = async () => {};

/** Refusals first, so a call that is refused anyway never spends a slot of the rate limit. */
export function guardCommands(limiter: RateLimiter): AuthorizeCommand {
  return async (user, env, command, confirm) => {
    checkCommand({ role: user.role, env, command, confirm });
    await limiter.take(env, command);
  };
}
