import type { CatalogCommand } from '@console/shared/api';
import type { Principal } from './auth';
import type { ResolvedEnvironment } from './environments';

/**
 * The guard-rail seam (issue 7): roles × access class, production confirmation, read-only
 * environments and rate limits belong here. It throws an AppError to refuse; today it allows all.
 */
export type AuthorizeCommand = (
  user: Principal,
  env: ResolvedEnvironment,
  command: CatalogCommand,
  confirm: string | undefined,
) => Promise<void>;

export const allowEveryCommand: AuthorizeCommand = async () => {};
