import { createRepositories, openDatabase } from '../../server/src/adapters/db/index';
import { seedEntry, seedHistory } from '../../server/src/adapters/db/testing';
import { type Timing, timeLoop } from './stats';
import { makeTempDir, removeTempDir } from './temp';

export interface StoreCosts {
  historyInsert: Timing;
  auditAppend: Timing;
  /** What `Authorization: Bearer` costs per request: token by hash, its user, last-used stamp. */
  tokenAuth: Timing;
}

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
    const tokenAuth = await timeLoop(
      async () => {
        const token = await repos.tokens.findByHash('h');
        if (!token) throw new Error('the bench token is gone');
        await repos.users.get(token.owner);
        await repos.tokens.markUsed(token.id, new Date());
      },
      { seconds },
    );
    return { historyInsert, auditAppend, tokenAuth };
  } finally {
    await db.close();
    removeTempDir(dir);
  }
}
