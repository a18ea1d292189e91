import type { CallbackEntry } from '@console/shared/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CallbackRepository, createRepositories, newId } from './index';
import { openTempDatabase } from './testing';

let store: Awaited<ReturnType<typeof openTempDatabase>>;
let callbacks: CallbackRepository;

beforeEach(async () => {
  store = await openTempDatabase();
  callbacks = createRepositories(store.db).callbacks;
});
afterEach(async () => {
  await store.cleanup();
});

const base = Date.parse('2026-11-26T10:00:00.000Z');

function entry(second: number): CallbackEntry {
  const at = base + second * 1000;
  return {
    id: newId(at),
    receivedAt: new Date(at).toISOString(),
    environmentId: 'sandbox',
    command: 'C2C.CallbackAfterSendMsg',
    verdict: 'accepted',
    reason: 'after-callback recorded',
    decidedBy: null,
    query: { CallbackCommand: 'C2C.CallbackAfterSendMsg' },
    body: { n: second },
    httpStatus: 200,
    answer: { ActionStatus: 'OK', ErrorCode: 0 },
    durationMs: 1,
    clientAddress: '127.0.0.1',
    forwards: [],
  };
}

async function kept(): Promise<number[]> {
  const page = await callbacks.list({ limit: 100 });
  return page.items.map((c) => (c.body as { n: number }).n).sort((a, b) => a - b);
}

describe('callbacks.purge (retention, decision 036)', () => {
  it('deletes the callbacks older than the cut, then all but the newest ones, oldest first', async () => {
    for (let s = 0; s < 10; s++) await callbacks.insert(entry(s));
    expect(await callbacks.purge({ olderThan: new Date(base + 3_000) })).toBe(3);
    expect(await kept()).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(await callbacks.purge({ keepLatest: 4 })).toBe(3);
    expect(await kept()).toEqual([6, 7, 8, 9]);
    expect(await callbacks.purge({ keepLatest: 4 })).toBe(0);
    expect(await callbacks.purge({ olderThan: new Date(base + 7_000), keepLatest: 1 })).toBe(3);
    expect(await kept()).toEqual([9]);
    expect(await callbacks.purge({})).toBe(0);
    expect(await callbacks.purge({ keepLatest: 0 })).toBe(1);
    expect(await kept()).toEqual([]);
  });

  it('cuts between callbacks of the same millisecond by id', async () => {
    const same = [entry(1), entry(1), entry(1)].sort((a, b) => (a.id < b.id ? -1 : 1));
    same.forEach((e, i) => {
      e.body = { n: i };
    });
    for (const e of same) await callbacks.insert(e);
    expect(await callbacks.purge({ keepLatest: 2 })).toBe(1);
    expect(await kept()).toEqual([1, 2]);
  });
});
