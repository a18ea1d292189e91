import type { Repositories } from '../adapters/db';
import type { Logger } from '../logger';
import { startPeriodic } from './periodic';

export interface RetentionPolicy {
  maxAgeDays: number | null;
  maxEntries: number | null;
  /** Audit rows are kept this long (AUDIT_MAX_AGE_DAYS). */
  auditMaxAgeDays: number;
  /** Recorded callbacks: CALLBACK_MAX_AGE_DAYS and CALLBACK_MAX_ENTRIES. */
  callbackMaxAgeDays?: number;
  callbackMaxEntries?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes history beyond the configured age and count, and records the purge in the audit log. */
export async function purgeHistory(
  repos: Repositories,
  policy: RetentionPolicy,
  now = Date.now(),
): Promise<number> {
  if (policy.maxAgeDays === null && policy.maxEntries === null) return 0;
  const olderThan = policy.maxAgeDays === null ? undefined : new Date(now - policy.maxAgeDays * DAY_MS);
  const keepLatest = policy.maxEntries ?? undefined;
  const deleted = await repos.history.purge({
    ...(olderThan ? { olderThan } : {}),
    ...(keepLatest !== undefined ? { keepLatest } : {}),
  });
  // The dashboard's rollups follow: nothing counted there is older than what the history keeps.
  const oldestKept = keepLatest === undefined ? undefined : await repos.stats.oldestHistoryAt();
  const cuts = [olderThan?.getTime(), oldestKept === undefined ? undefined : Date.parse(oldestKept)].filter(
    (t): t is number => t !== undefined,
  );
  if (cuts.length > 0) await repos.stats.prune(new Date(Math.max(...cuts)));
  await repos.audit.append({
    actor: 'system',
    action: 'history.purge',
    target: null,
    details: {
      deleted,
      olderThan: olderThan?.toISOString() ?? null,
      keepLatest: keepLatest ?? null,
    },
  });
  return deleted;
}

/** Deletes audit rows older than the policy's age; the purge itself is recorded when it removed any. */
export async function purgeAudit(
  repos: Repositories,
  policy: RetentionPolicy,
  now = Date.now(),
): Promise<number> {
  const olderThan = new Date(now - policy.auditMaxAgeDays * DAY_MS);
  const deleted = await repos.audit.purge(olderThan);
  if (deleted > 0) {
    await repos.audit.append({
      actor: 'system',
      action: 'audit.purge',
      target: null,
      details: { deleted, olderThan: olderThan.toISOString() },
    });
  }
  return deleted;
}

/** Deletes recorded callbacks beyond the policy's age and count (decision 036). */
export async function purgeCallbacks(
  repos: Repositories,
  policy: RetentionPolicy,
  now = Date.now(),
): Promise<number> {
  const { callbackMaxAgeDays: days, callbackMaxEntries: keep } = policy;
  if (days === undefined && keep === undefined) return 0;
  return repos.callbacks.purge({
    ...(days === undefined ? {} : { olderThan: new Date(now - days * DAY_MS) }),
    ...(keep === undefined ? {} : { keepLatest: keep }),
  });
}

/**
 * Runs a job only where no other replica is running it (a PostgreSQL advisory lock); answers whether
 * it ran. One SQLite process always runs it.
 */
export type ExclusiveRunner = (name: string, job: () => Promise<void>) => Promise<boolean>;

const alwaysRun: ExclusiveRunner = async (_name, job) => {
  await job();
  return true;
};

/**
 * Hourly housekeeping, also once at start: history, callback and audit retention, expired sessions and (with
 * replicas) idle shared windows. With several replicas one of them does it at a time.
 */
export function startRetentionJob(
  repos: Repositories,
  policy: RetentionPolicy,
  logger: Logger,
  intervalMs = 60 * 60 * 1000,
  exclusive: ExclusiveRunner = alwaysRun,
  extra: () => Promise<void> = async () => {},
): () => Promise<void> {
  return startPeriodic(
    async () => {
      const ran = await exclusive('console:retention', () => housekeeping(repos, policy, logger, extra));
      if (!ran) logger.debug('housekeeping skipped: another replica is doing it');
    },
    intervalMs,
    (err) => logger.error({ err }, 'housekeeping failed'),
  );
}

async function housekeeping(
  repos: Repositories,
  policy: RetentionPolicy,
  logger: Logger,
  extra: () => Promise<void>,
): Promise<void> {
  const sessions = await repos.sessions.deleteExpired(new Date());
  if (sessions > 0) logger.info({ sessions }, 'expired sessions removed');
  if (policy.maxAgeDays !== null || policy.maxEntries !== null) {
    logger.info({ deleted: await purgeHistory(repos, policy) }, 'history retention purge');
  }
  const callbacks = await purgeCallbacks(repos, policy);
  if (callbacks > 0) logger.info({ deleted: callbacks }, 'callback retention purge');
  const audit = await purgeAudit(repos, policy);
  if (audit > 0) logger.info({ deleted: audit }, 'audit retention purge');
  await extra();
}
