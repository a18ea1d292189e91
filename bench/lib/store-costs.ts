import { pendingOf } from '../../server/src/adapters/db/call-recorder';
import { createRepositories, openDatabase } from '../../server/src/adapters/db/index';
import { seedEntry, seedHistory } from '../../server/src/adapters/db/testing';
import { tokenCacheTtlMs } from '../../server/src/adapters/db/token-cache';
import { createTokenRepository } from '../../server/src/adapters/db/token-repository';
import type { HistoryEntry } from '../../shared/src/api/index';
import { type Timing, timeLoop } from './stats';
import { makeTempDir, removeTempDir } from './temp';

export interface StoreCosts {
  /** The history row alone, in its own transaction (what a call cost before the call recorder). */
  historyInsert: Timing;
  /** The audit row alone, in its own transaction. */
  auditAppend: Timing;
  /** What a call writes now: both rows in one transaction (`repos.calls.record`), one call at a time. */
  callRecord: Timing;
  /**
   * `repos.calls.record` with `concurrentCalls` calls in flight, as under load: they share commits
   * (group commit, decision 018). Each sample is one round of `concurrentCalls` records divided by
   * their number, so `meanMs` is the store time per record; `iterations` counts records.
   */
  callRecordConcurrent: Timing;
  /**
   * What a call writes since issue 12: a `pending` row before it is sent (`calls.begin`), then its
   * result and audit row (`calls.complete`), one call at a time. Minus `callRecord`, the cost of
   * writing the call before it goes out.
   */
  callBeginComplete: Timing;
  /** `callBeginComplete` with `concurrentCalls` calls in flight (both steps group-committed). */
  callBeginCompleteConcurrent: Timing;
  /**
   * What `Authorization: Bearer` costs per request: token and owner in one read. The last-used
   * stamp is written at most once a minute, so it is not part of a call's cost.
   */
  tokenAuth: Timing;
  /** `tokenAuth` when the verified-token cache (decision 040) has nothing: the database read. */
  tokenAuthRead: Timing;
}

/** Calls in flight for `callRecordConcurrent`, as in the benchmark's 32-connection load. */
export const concurrentCalls = 32;

const callAudit = (target: string) => ({
  actor: 'bench',
  action: 'request.send' as const,
  target,
  details: {
    environmentId: 'bench-upstream',
    service: 'im_open_login_svc',
    command: 'account_check',
    outcome: 'ok',
  },
});

/**
 * The store work one `POST /api/requests` does, each step timed alone in this process against a
 * SQLite file like the server's: the part of the per-call cost a CPU profile shows only as
 * `executeQuery`.
 */
export async function measureStoreCosts(seconds: number): Promise<StoreCosts> {
  const dir = makeTempDir('store');
  const db = await openDatabase({ dataDir: dir });
  try {
    await seedHistory(db, 10_000);
    const repos = createRepositories(db);
    await repos.users.create({ username: 'bench', passwordHash: 'x', role: 'admin' });
    await repos.tokens.create({
      id: 'bench-token',
      name: 'bench',
      owner: 'bench',
      tokenHash: 'h',
      expiresAt: null,
    });
    const historyInsert = await timeLoop((i) => repos.history.insert(seedEntry(10_000 + i, new Date())), {
      seconds,
    });
    const auditAppend = await timeLoop(
      (i) =>
        repos.audit.append({
          actor: 'bench',
          action: 'request.send',
          target: `entry-${i}`,
          details: {
            environmentId: 'bench-upstream',
            service: 'im_open_login_svc',
            command: 'account_check',
            outcome: 'ok',
          },
        }),
      { seconds },
    );
    const callRecord = await timeLoop(
      (i) => {
        const entry = seedEntry(1_000_000 + i, new Date());
        return repos.calls.record(entry, callAudit(entry.id));
      },
      { seconds },
    );
    const rounds = await timeLoop(
      (round) =>
        Promise.all(
          Array.from({ length: concurrentCalls }, (_, k) => {
            const entry = seedEntry(2_000_000 + round * concurrentCalls + k, new Date());
            return repos.calls.record(entry, callAudit(entry.id));
          }),
        ),
      { seconds, warmup: 10, minIterations: 10 },
    );
    const callRecordConcurrent: Timing = {
      iterations: rounds.iterations * concurrentCalls,
      p50Ms: rounds.p50Ms / concurrentCalls,
      p99Ms: rounds.p99Ms / concurrentCalls,
      meanMs: rounds.meanMs / concurrentCalls,
    };
    const beginComplete = async (entry: HistoryEntry) => {
      await repos.calls.begin(pendingOf(entry), JSON.stringify(entry.requestBody));
      await repos.calls.complete(entry, callAudit(entry.id));
    };
    const callBeginComplete = await timeLoop((i) => beginComplete(seedEntry(3_000_000 + i, new Date())), {
      seconds,
    });
    const beginRounds = await timeLoop(
      (round) =>
        Promise.all(
          Array.from({ length: concurrentCalls }, (_, k) =>
            beginComplete(seedEntry(4_000_000 + round * concurrentCalls + k, new Date())),
          ),
        ),
      { seconds, warmup: 10, minIterations: 10 },
    );
    const callBeginCompleteConcurrent: Timing = {
      iterations: beginRounds.iterations * concurrentCalls,
      p50Ms: beginRounds.p50Ms / concurrentCalls,
      p99Ms: beginRounds.p99Ms / concurrentCalls,
      meanMs: beginRounds.meanMs / concurrentCalls,
    };
    const tokenAuth = await timeLoop(
      async () => {
        const found = await repos.tokens.findByHashWithOwner('h');
        if (!found) throw new Error('the bench token is gone');
      },
      { seconds },
    );
    // A clock that jumps past the cache's second on every call: each lookup reads the database.
    let clock = Date.now() + 2 * tokenCacheTtlMs;
    const uncachedTokens = createTokenRepository(db, { now: () => (clock += 2 * tokenCacheTtlMs) });
    const tokenAuthRead = await timeLoop(
      async () => {
        const found = await uncachedTokens.findByHashWithOwner('h');
        if (!found) throw new Error('the bench token is gone');
      },
      { seconds },
    );
    return {
      historyInsert,
      auditAppend,
      callRecord,
      callRecordConcurrent,
      callBeginComplete,
      callBeginCompleteConcurrent,
      tokenAuth,
      tokenAuthRead,
    };
  } finally {
    await db.close();
    removeTempDir(dir);
  }
}
