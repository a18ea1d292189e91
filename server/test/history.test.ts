import {
  errorBodySchema,
  type HistoryEntry,
  historyEntrySchema,
  historyPageSchema,
} from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '../src/adapters/db';
import { hashPassword } from '../src/services/passwords';
import { type Harness, obj, startHarness } from './support/harness';

let h: Harness;
let cookie: string;
const sent: HistoryEntry[] = [];

const check = (userId: string, environmentId = 'fake') => ({
  environmentId,
  service: 'im_open_login_svc',
  command: 'account_check',
  body: { CheckItem: [{ UserID: userId }] },
});

async function send(json: unknown, as = cookie): Promise<HistoryEntry> {
  const res = await h.call('POST', '/api/requests', { json, cookie: as });
  const parsed = res.status === 201 ? res.json : obj(res.json).entry;
  const entry = historyEntrySchema.parse(parsed);
  sent.push(entry);
  return entry;
}

async function list(query: string): Promise<{ items: HistoryEntry[]; nextCursor: string | null }> {
  const res = await h.call('GET', `/api/requests${query}`, { cookie });
  expect(res.status, res.text).toBe(200);
  return historyPageSchema.parse(res.json);
}

beforeAll(async () => {
  // Nothing here hangs: a generous timeout keeps a loaded machine from turning an ok call into an error.
  h = await startHarness({ env: { UPSTREAM_TIMEOUT_MS: '10000' } });
  cookie = await h.signIn();
  const db = await openDatabase({ dataDir: h.dataDir, databaseUrl: h.databaseUrl });
  await createRepositories(db).users.create({
    username: 'sam',
    passwordHash: await hashPassword('sam-password'),
    role: 'operator',
  });
  await db.close();
  const sam = await h.signIn('sam', 'sam-password');

  await send(check('alice'));
  await send(check('bob'));
  h.upstream.mode = 'fail';
  await send(check('carol'));
  h.upstream.mode = 'ok';
  await send(check('dave', 'refused'));
  await send({ environmentId: 'fake', service: 'openconfigsvr', command: 'getappinfo', body: {} }, sam);
  await send(check('erin'));
});
afterAll(async () => {
  await h.stop();
});

const ids = (items: HistoryEntry[]) => items.map((e) => e.id);

describe('GET /api/requests by a pasted RequestId', () => {
  const okEntry = () => {
    const entry = sent.find((e) => e.outcome === 'ok' && e.requestId);
    if (!entry?.requestId) throw new Error('setup did not record a call with a RequestId');
    return { id: entry.id, requestId: entry.requestId };
  };

  it.each([
    ['quoted', (r: string) => `"${r}"`],
    ['labelled', (r: string) => `RequestId: ${r}`],
    ['a JSON fragment', (r: string) => `"RequestId":"${r}",`],
    ['with spaces and a line break', (r: string) => `  ${r}\n`],
  ])('finds the call when the ID is %s', async (_how, paste) => {
    const { id, requestId } = okEntry();
    const page = await list(`?requestId=${encodeURIComponent(paste(requestId))}`);
    expect(ids(page.items)).toEqual([id]);
  });

  it('finds calls by the start of their RequestId, and only those', async () => {
    const { id, requestId } = okEntry();
    const page = await list(`?requestIdPrefix=${encodeURIComponent(`"${requestId.slice(0, -2)}`)}`);
    expect(ids(page.items)).toContain(id);
    for (const item of page.items) expect(item.requestId?.startsWith(requestId.slice(0, -2))).toBe(true);
    expect((await list(`?requestId=${encodeURIComponent(requestId.slice(0, -2))}`)).items).toEqual([]);
    expect((await list('?requestIdPrefix=Id-no-such-prefix')).items).toEqual([]);
  });

  it('answers 400 for a prefix too short to mean anything', async () => {
    const res = await h.call('GET', '/api/requests?requestIdPrefix=%22Id%22', { cookie });
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(res.json).error.code).toBe('request/invalid');
  });
});

describe('GET /api/requests', () => {
  it('lists every call newest first', async () => {
    const page = await list('');
    expect(ids(page.items)).toEqual(ids([...sent].reverse()));
    expect(page.nextCursor).toBeNull();
  });

  it('filters by each field', async () => {
    const failed = sent.find((e) => e.outcome === 'fail');
    const errored = sent.find((e) => e.outcome === 'error');
    if (!failed || !errored) throw new Error('setup did not produce a fail and an error');

    expect(ids((await list(`?requestId=${failed.requestId}`)).items)).toEqual([failed.id]);
    expect(ids((await list('?errorCode=70107')).items)).toEqual([failed.id]);
    expect(ids((await list('?environmentId=refused')).items)).toEqual([errored.id]);
    expect((await list('?service=openconfigsvr')).items.map((e) => e.command)).toEqual(['getappinfo']);
    expect((await list('?command=account_check')).items).toHaveLength(5);
    expect((await list('?operator=sam')).items.map((e) => e.command)).toEqual(['getappinfo']);
    expect(ids((await list('?outcome=fail')).items)).toEqual([failed.id]);
    expect(ids((await list('?outcome=error')).items)).toEqual([errored.id]);
    expect((await list('?outcome=ok')).items).toHaveLength(4);
    expect((await list('?q=carol')).items.map((e) => e.requestBody)).toEqual([check('carol').body]);

    const first = sent[0];
    const third = sent[2];
    if (!first || !third) throw new Error('setup');
    const from = encodeURIComponent(third.createdAt);
    expect((await list(`?from=${from}`)).items.every((e) => e.createdAt >= third.createdAt)).toBe(true);
    const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    expect((await list(`?from=${future}`)).items).toHaveLength(0);
    // `to` is exclusive, so consecutive windows never count an entry twice.
    const to = encodeURIComponent(new Date(Date.parse(first.createdAt) + 1).toISOString());
    const upToFirst = (await list(`?to=${to}`)).items;
    expect(upToFirst.map((e) => e.id)).toContain(first.id);
    expect(upToFirst.every((e) => e.createdAt <= first.createdAt)).toBe(true);
  });

  it('answers 400 request/invalid for a bad filter or cursor', async () => {
    for (const q of [
      '?outcome=maybe',
      '?limit=0',
      '?limit=9999',
      '?from=yesterday',
      '?errorCode=abc',
      '?cursor=zzz',
    ]) {
      const res = await h.call('GET', `/api/requests${q}`, { cookie });
      expect(res.status, q).toBe(400);
      expect(errorBodySchema.parse(res.json).error.code).toBe('request/invalid');
    }
  });

  it('pages without overlap or gaps while new entries arrive', async () => {
    const before = await list('?limit=500');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...ids(page.items));
      await send(check('newcomer'));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids(before.items));
  });
});

describe('GET /api/requests/:id', () => {
  it('answers 404 history/not-found for an unknown id', async () => {
    const res = await h.call('GET', '/api/requests/01HZZZZZZZZZZZZZZZZZZZZZZZ', { cookie });
    expect(res.status).toBe(404);
    expect(errorBodySchema.parse(res.json).error.code).toBe('history/not-found');
  });
});

describe('POST /api/requests/:id/replay', () => {
  it('sends the recorded body again as it was and records the replay', async () => {
    const original = await send(check('replay-me'));
    h.upstream.calls.length = 0;
    const res = await h.call('POST', `/api/requests/${original.id}/replay`, { cookie, json: {} });
    expect(res.status).toBe(201);
    const replay = historyEntrySchema.parse(res.json);
    expect(replay.replayOf).toBe(original.id);
    expect(replay.id).not.toBe(original.id);
    expect(h.upstream.calls.map((c) => JSON.parse(c.body))).toEqual([original.requestBody]);
    expect(h.upstream.calls[0]?.path).toBe('/v4/im_open_login_svc/account_check');
    expect(ids((await list(`?replayOf=${original.id}`)).items)).toEqual([replay.id]);
  });

  it('sends an edited body when one is given, and also without any request body', async () => {
    const original = await send(check('edit-me'));
    h.upstream.calls.length = 0;
    const edited = { CheckItem: [{ UserID: 'edited' }] };
    const res = await h.call('POST', `/api/requests/${original.id}/replay`, {
      cookie,
      json: { body: edited },
    });
    expect(res.status).toBe(201);
    expect(historyEntrySchema.parse(res.json).requestBody).toEqual(edited);
    const bare = await h.call('POST', `/api/requests/${original.id}/replay`, { cookie });
    expect(bare.status).toBe(201);
    expect(h.upstream.calls.map((c) => JSON.parse(c.body))).toEqual([edited, original.requestBody]);
  });

  it('applies the same checks as a new call and answers 404 for an unknown id', async () => {
    const original = sent[0];
    if (!original) throw new Error('setup');
    h.upstream.calls.length = 0;
    const arrayBody = await h.call('POST', `/api/requests/${original.id}/replay`, {
      cookie,
      json: { body: [1] },
    });
    expect(arrayBody.status).toBe(400);
    const tooBig = await h.call('POST', `/api/requests/${original.id}/replay`, {
      cookie,
      json: { body: { Pad: 'x'.repeat(1024 * 1024) } },
    });
    expect(tooBig.status).toBe(413);
    const unknown = await h.call('POST', '/api/requests/01HZZZZZZZZZZZZZZZZZZZZZZZ/replay', {
      cookie,
      json: {},
    });
    expect(unknown.status).toBe(404);
    expect(errorBodySchema.parse(unknown.json).error.code).toBe('history/not-found');
    expect(h.upstream.calls).toHaveLength(0);
  });
});

describe('GET /api/requests/export', () => {
  it('streams every matching entry as JSON Lines', async () => {
    const total = (await list('?limit=500')).items.length;
    const res = await h.call('GET', '/api/requests/export?format=jsonl', { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="history-.*\.jsonl"$/);
    const lines = res.text.trimEnd().split('\n');
    expect(lines).toHaveLength(total);
    for (const line of lines) historyEntrySchema.parse(JSON.parse(line));
  });

  it('streams CSV with a header row and the filters applied', async () => {
    const all = await h.call('GET', '/api/requests/export?format=csv', { cookie });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toMatch(/text\/csv/);
    expect(all.headers.get('content-disposition')).toMatch(/^attachment; filename="history-.*\.csv"$/);
    const rows = all.text.trimEnd().split('\n');
    expect(rows[0]).toBe(
      'id,createdAt,operator,environmentId,service,command,outcome,httpStatus,durationMs,actionStatus,' +
        'errorCode,errorInfo,requestId,replayOf,requestBody,response',
    );
    expect(rows.length - 1).toBe((await list('?limit=500')).items.length);

    const failed = await h.call('GET', '/api/requests/export?format=csv&outcome=fail', { cookie });
    const failedRows = failed.text.trimEnd().split('\n');
    expect(failedRows).toHaveLength(2);
    expect(failedRows[1]).toContain('70107');
  });

  it('answers 400 for an unknown format', async () => {
    const res = await h.call('GET', '/api/requests/export?format=xml', { cookie });
    expect(res.status).toBe(400);
  });
});
