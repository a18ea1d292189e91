import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../adapters/db';
import { openTempDatabase } from '../adapters/db/testing';
import { SignInFailureLog } from './sign-in-failures';

let store: Awaited<ReturnType<typeof openTempDatabase>>;
let repos: Repositories;
const clock = { now: Date.parse('2026-11-30T10:00:00.000Z') };
const WINDOW = 15 * 60 * 1000;

beforeEach(async () => {
  store = await openTempDatabase();
  repos = createRepositories(store.db);
});
afterEach(async () => {
  await store.cleanup();
});

const rows = async () =>
  (await repos.audit.list({ limit: 500, action: 'session.sign-in-failed' })).items.reverse();

describe('SignInFailureLog', () => {
  it('writes the first failure of a user and address, counts the rest of the window, then writes the count', async () => {
    const log = new SignInFailureLog(repos.audit, {}, () => clock.now);
    await log.failed('admin', 'wrong-password', '10.0.0.9');
    for (let i = 0; i < 1000; i++)
      await log.failed('admin', i < 4 ? 'wrong-password' : 'throttled', '10.0.0.9');
    expect(await rows()).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({
      actor: 'admin',
      details: { reason: 'wrong-password', address: '10.0.0.9' },
    });

    clock.now += WINDOW;
    await log.flush();
    const [, summary] = await rows();
    expect(summary).toMatchObject({
      actor: 'admin',
      target: 'admin',
      details: {
        reason: 'repeated',
        count: 1000,
        reasons: { 'wrong-password': 4, throttled: 996 },
        address: '10.0.0.9',
      },
    });

    // A new window opens with a row of its own again.
    await log.failed('admin', 'throttled', '10.0.0.9');
    expect(await rows()).toHaveLength(3);
  });

  it('bounds the rows of a flood of made-up users and addresses, counting the rest as one', async () => {
    const log = new SignInFailureLog(repos.audit, { maxRowsPerWindow: 20 }, () => clock.now);
    for (let i = 0; i < 300; i++) await log.failed(`ghost${i}`, 'unknown-user', `10.1.${i >> 8}.${i & 255}`);
    expect(await rows()).toHaveLength(20);
    await log.stop();
    const all = await rows();
    expect(all).toHaveLength(21);
    expect(all[20]).toMatchObject({
      actor: 'anonymous',
      target: null,
      details: { reason: 'repeated', count: 280, reasons: { 'unknown-user': 280 } },
    });
  });

  it('writes nothing more at stop when nothing was counted', async () => {
    const log = new SignInFailureLog(repos.audit, {}, () => clock.now);
    await log.failed('bob', 'wrong-password', undefined);
    await log.stop();
    expect(await rows()).toHaveLength(1);
  });
});
