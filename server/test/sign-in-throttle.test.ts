import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '../src/adapters/db';
import { ADMIN_PASSWORD, type Harness, startHarness } from './support/harness';
import { errorCode, userWithRole } from './support/users';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const attempt = (username: string, password: string) =>
  h.call('POST', '/api/session', { json: { username, password } });

describe('failed sign-in throttling', () => {
  it('answers 429 auth/throttled with Retry-After after five failures, even to the right password', async () => {
    const admin = await h.signIn();
    await userWithRole(h, admin, 'tina', 'viewer');
    for (let i = 0; i < 5; i++) {
      const res = await attempt('tina', `wrong-${i}`);
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const throttled = await attempt('tina', 'tina-password-123');
    expect(throttled.status).toBe(429);
    expect(errorCode(throttled.json)).toBe('auth/throttled');
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(throttled.headers.get('set-cookie')).toBeNull();
  });

  it('throttles per username: another user from the same address still signs in', async () => {
    expect((await attempt('admin', ADMIN_PASSWORD)).status).toBe(200);
  });

  it('forgives earlier failures once the right password gets through', async () => {
    const admin = await h.signIn();
    await userWithRole(h, admin, 'uma', 'viewer');
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await attempt('uma', 'nope-nope')).status).toBe(401);
      expect((await attempt('uma', 'uma-password-123')).status).toBe(200);
    }
  });

  it('throttles an address after twenty failures across usernames', async () => {
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++) {
      last = (await attempt(`ghost${i}`, 'guess-guess')).status;
    }
    expect(last).toBe(429);
    const admin = await attempt('admin', ADMIN_PASSWORD);
    expect(admin.status).toBe(429);
  });
});

describe('failed sign-ins in the audit log', () => {
  it('costs one audit row however long an anonymous flood of one user goes on', async () => {
    // Read from the store: this address is throttled by now, so even admin cannot sign in to look.
    const count = async () => {
      const db = await openDatabase({ dataDir: h.dataDir, databaseUrl: h.databaseUrl });
      try {
        const page = await createRepositories(db).audit.list({
          limit: 500,
          action: 'session.sign-in-failed',
          actor: 'flood',
        });
        return page.items.length;
      } finally {
        await db.close();
      }
    };
    const answers = await Promise.all(Array.from({ length: 300 }, () => attempt('flood', 'guess-guess')));
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(250);
    expect(await count()).toBe(1);
  });
});
