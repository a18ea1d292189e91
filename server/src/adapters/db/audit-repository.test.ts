import type { AuditEntry } from '@console/shared/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditRepository, createRepositories, InvalidCursorError } from './index';
import { openTempDatabase } from './testing';

let store: Awaited<ReturnType<typeof openTempDatabase>>;
let audit: AuditRepository;

beforeEach(async () => {
  store = await openTempDatabase();
  audit = createRepositories(store.db).audit;
});
afterEach(async () => {
  await store.cleanup();
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 10, minute));

async function appendSample(): Promise<AuditEntry[]> {
  return [
    await audit.append({
      actor: 'system',
      action: 'config.load',
      target: null,
      details: { environments: 3 },
      at: at(0),
    }),
    await audit.append({
      actor: 'alice',
      action: 'session.sign-in',
      target: 'alice',
      details: null,
      at: at(1),
    }),
    await audit.append({
      actor: 'alice',
      action: 'request.send',
      target: '01HISTORY',
      details: { command: 'openim/sendmsg' },
      at: at(2),
    }),
    await audit.append({
      actor: 'admin',
      action: 'user.create',
      target: 'bob',
      details: { role: 'viewer' },
      at: at(3),
    }),
    await audit.append({
      actor: 'alice',
      action: 'request.send',
      target: '01HISTORY2',
      details: null,
      at: at(4),
    }),
  ];
}

describe('audit repository', () => {
  it('appends an entry and answers it as stored', async () => {
    const e = await audit.append({
      actor: 'admin',
      action: 'token.revoke',
      target: 'tok-1',
      details: { name: 'ci', nested: { n: 1 } },
    });
    expect(e).toMatchObject({
      actor: 'admin',
      action: 'token.revoke',
      target: 'tok-1',
      details: { name: 'ci', nested: { n: 1 } },
    });
    expect(Date.parse(e.at)).toBeGreaterThan(Date.now() - 5000);
    expect((await audit.list({ limit: 10 })).items).toEqual([e]);
  });

  it('lists newest first and filters by actor, action and time (from inclusive, to exclusive)', async () => {
    const all = await appendSample();
    const ids = (items: AuditEntry[]) => items.map((e) => e.id);
    expect(ids((await audit.list({ limit: 50 })).items)).toEqual(ids([...all].reverse()));
    expect(ids((await audit.list({ limit: 50, actor: 'alice' })).items)).toEqual(
      ids([all[4]!, all[2]!, all[1]!]),
    );
    expect(ids((await audit.list({ limit: 50, action: 'request.send' })).items)).toEqual(
      ids([all[4]!, all[2]!]),
    );
    expect(
      ids((await audit.list({ limit: 50, from: at(1).toISOString(), to: at(3).toISOString() })).items),
    ).toEqual(ids([all[2]!, all[1]!]));
    expect(ids((await audit.list({ limit: 50, actor: 'alice', action: 'session.sign-in' })).items)).toEqual([
      all[1]!.id,
    ]);
  });

  it('pages without overlap or gap while new entries are appended', async () => {
    const all = await appendSample();
    const seen: AuditEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit.list({ limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      await audit.append({ actor: 'system', action: 'history.purge', target: null, details: { removed: 0 } });
    } while (cursor !== undefined);
    expect(seen.map((e) => e.id)).toEqual([...all].reverse().map((e) => e.id));
  });

  it('throws InvalidCursorError for a cursor it did not write', async () => {
    await expect(audit.list({ limit: 2, cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('streams every matching entry in batches, newest first', async () => {
    const all = await appendSample();
    const streamed: AuditEntry[] = [];
    for await (const e of audit.stream({}, 2)) streamed.push(e);
    expect(streamed).toEqual([...all].reverse());
    const sends: AuditEntry[] = [];
    for await (const e of audit.stream({ action: 'request.send' }, 1)) sends.push(e);
    expect(sends.map((e) => e.target)).toEqual(['01HISTORY2', '01HISTORY']);
  });

  it('offers no way to change an entry; entries leave only by age, through retention', () => {
    expect(Object.keys(audit).sort()).toEqual(['append', 'list', 'purge', 'stream']);
  });
});
