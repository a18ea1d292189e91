import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, DuplicateError, type Repositories } from './index';
import { openTempDatabase, seedEntry } from './testing';

let store: Awaited<ReturnType<typeof openTempDatabase>>;
let repos: Repositories;

beforeEach(async () => {
  store = await openTempDatabase();
  repos = createRepositories(store.db);
});
afterEach(async () => {
  await store.cleanup();
});

const auditFor = (target: string) => ({
  actor: 'alice',
  action: 'request.send' as const,
  target,
  details: { outcome: 'ok' },
});

describe('call recorder', () => {
  it('commits the history entry and its audit row together, call after call', async () => {
    const first = seedEntry(1, new Date('2026-11-26T10:00:00.000Z'));
    const second = { ...seedEntry(2, new Date('2026-11-26T10:00:01.000Z')), errorDoc: null, failure: null };
    await repos.calls.record(first, auditFor(first.id));
    await repos.calls.record(second, auditFor(second.id));

    expect(await repos.history.get(first.id)).toEqual(first);
    expect(await repos.history.get(second.id)).toEqual(second);
    const audit = await repos.audit.list({ limit: 10 });
    expect(audit.items.map((a) => [a.target, a.action, a.details])).toEqual([
      [second.id, 'request.send', { outcome: 'ok' }],
      [first.id, 'request.send', { outcome: 'ok' }],
    ]);
  });

  it('writes neither row when the history entry cannot be stored', async () => {
    const entry = seedEntry(1, new Date('2026-11-26T10:00:00.000Z'));
    await repos.calls.record(entry, auditFor(entry.id));
    await expect(repos.calls.record(entry, auditFor('second-attempt'))).rejects.toBeInstanceOf(
      DuplicateError,
    );
    const audit = await repos.audit.list({ limit: 10 });
    expect(audit.items.map((a) => a.target)).toEqual([entry.id]);
  });
});
