import type { CatalogCommand } from '@console/shared/api';
import type { Principal } from './auth';
import type { ResolvedEnvironment } from './environments';
import { checkCommand } from './guard';

/**
 * The guard-rail seam (issue 7): roles × access class, read-only environments and confirmation on
 * production, checked before anything is signed. It throws an AppError to refuse. The rate limit is
 * the send service's own step, after these (decision 026).
 */
export type AuthorizeCommand = (
  user: Principal,
  env: ResolvedEnvironment,
  command: CatalogCommand,
  confirm: string | undefined,
) => Promise<void>;

export const allowEveryCommand: AuthorizeCommand = async () => {};

export const guardCommands: AuthorizeCommand = async (user, env, command, confirm) => {
  checkCommand({ role: user.role, env, command, confirm });
};
