import type { HistoryEntry, HistoryQuery } from '@console/shared/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type HistoryRepository, InvalidCursorError, newId } from './index';
import { openTempDatabase, seedHistory } from './testing';

let store: Awaited<ReturnType<typeof openTempDatabase>>;
let history: HistoryRepository;

beforeEach(async () => {
  store = await openTempDatabase();
  history = createRepositories(store.db).history;
});
afterEach(async () => {
  await store.cleanup();
});

const base = Date.parse('2026-11-26T10:00:00.000Z');
let seq = 0;

function entry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  seq += 1;
  const createdAt = overrides.createdAt ?? new Date(base + seq * 1000).toISOString();
  return {
    id: newId(Date.parse(createdAt)),
    createdAt,
    operator: 'alice',
    environmentId: 'prod-sg',
    region: 'singapore',
    service: 'openim',
    command: 'sendmsg',
    requestBody: { From_Account: 'a', To_Account: 'b', MsgRandom: seq },
    url: 'https://adminapisgp.im.qcloud.com/v4/openim/sendmsg?sdkappid=1&identifier=admin&usersig=REDACTED&random=1&contenttype=json',
    httpStatus: 200,
    durationMs: 41.5,
    outcome: 'ok',
    actionStatus: 'OK',
    errorCode: 0,
    errorInfo: '',
    requestId: `Id-${seq}-O-Seq-${seq}`,
    response: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', MsgTime: 1764151200 },
    errorDoc: null,
    failure: null,
    replayOf: null,
    source: 'console',
    ...overrides,
  };
}

async function insertAll(entries: HistoryEntry[]): Promise<HistoryEntry[]> {
  for (const e of entries) await history.insert(e);
  return entries;
}

const list = (q: Partial<HistoryQuery>) => history.list({ limit: 50, ...q });
const ids = (entries: HistoryEntry[]) => entries.map((e) => e.id);
const newestFirst = (entries: HistoryEntry[]) =>
  [...entries].sort((a, b) =>
    a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt),
  );

describe('history repository: insert and get', () => {
  it('gives back exactly the entry that was inserted, JSON fields included', async () => {
    const failed = entry({
      outcome: 'fail',
      actionStatus: 'FAIL',
      errorCode: 70107,
      errorInfo: 'user not registered',
      errorDoc: {
        code: 70107,
        category: 'account',
        meaning: 'The account does not exist.',
        hint: 'Import the account first.',
        retryable: false,
        docUrl: 'https://trtc.io/document/34348',
      },
      replayOf: newId(),
    });
    const timedOut = entry({
      outcome: 'error',
      httpStatus: null,
      durationMs: null,
      actionStatus: null,
      errorCode: null,
      errorInfo: null,
      requestId: null,
      response: null,
      region: null,
      failure: { code: 'upstream/timeout', message: 'no answer within 10000 ms' },
    });
    await insertAll([failed, timedOut]);
    expect(await history.get(failed.id)).toEqual(failed);
    expect(await history.get(timedOut.id)).toEqual(timedOut);
  });

  it('answers undefined for an unknown id', async () => {
    expect(await history.get(newId())).toBeUndefined();
  });

  it('stores a createdAt given with an offset as the same instant in UTC', async () => {
    const e = entry({ createdAt: '2026-11-26T18:40:00+08:00' });
    await history.insert(e);
    expect((await history.get(e.id))?.createdAt).toBe('2026-11-26T10:40:00.000Z');
  });
});

describe('history repository: filters', () => {
  let all: HistoryEntry[];
  beforeEach(async () => {
    all = await insertAll([
      entry({ requestId: 'Id-aaa-O-Seq-1' }),
      entry({ environmentId: 'staging', operator: 'bob' }),
      entry({ outcome: 'fail', actionStatus: 'FAIL', errorCode: 70107, command: 'batchsendmsg' }),
      entry({ service: 'profile', command: 'portrait_get', requestBody: { To_Account: ['Carol_100%'] } }),
      entry({ outcome: 'error', errorCode: null, requestId: null, response: null, httpStatus: null }),
      entry({ environmentId: 'staging', outcome: 'fail', errorCode: 70107, operator: 'bob' }),
      entry({ response: { ActionStatus: 'OK', ErrorCode: 0, Note: 'under_score' } }),
      // Would match `100%` and `r_s` if % and _ were wildcards.
      entry({ requestBody: { To_Account: ['Carol_1000'], Note: 'underXscore' } }),
    ]);
  });

  const cases: [string, Partial<HistoryQuery>, number[]][] = [
    ['requestId (exact)', { requestId: 'Id-aaa-O-Seq-1' }, [0]],
    ['requestId does not match a prefix', { requestId: 'Id-aaa' }, []],
    ['errorCode', { errorCode: 70107 }, [2, 5]],
    ['environmentId', { environmentId: 'staging' }, [1, 5]],
    ['service', { service: 'profile' }, [3]],
    ['command', { command: 'batchsendmsg' }, [2]],
    ['operator', { operator: 'bob' }, [1, 5]],
    ['outcome', { outcome: 'error' }, [4]],
    [
      'environment, outcome and operator combined',
      { environmentId: 'staging', outcome: 'fail', operator: 'bob' },
      [5],
    ],
    ['service and command combined', { service: 'openim', command: 'sendmsg' }, [0, 1, 4, 5, 6, 7]],
    ['errorCode and environment combined', { errorCode: 70107, environmentId: 'prod-sg' }, [2]],
    ['q over the command, case-insensitively', { q: 'BATCHSEND' }, [2]],
    ['q over the request body', { q: 'carol_100' }, [3, 7]],
    ['q over the response text', { q: 'under_score' }, [6]],
    ['q over the RequestId', { q: 'aaa-o-seq' }, [0]],
    ['q with % matches a literal percent only', { q: '100%' }, [3]],
    ['q with _ matches a literal underscore only', { q: 'r_s' }, [6]],
    ['q with a backslash matches nothing when none is stored', { q: '\\' }, []],
    ['q combined with another filter', { q: 'sendmsg', environmentId: 'staging' }, [1, 5]],
  ];
  it.each(cases)('%s', async (_name, filter, expected) => {
    const page = await list(filter);
    expect(ids(page.items)).toEqual(ids(newestFirst(expected.map((i) => all[i]!))));
    expect(await history.count(filter)).toBe(expected.length);
  });

  it('treats from as inclusive and to as exclusive', async () => {
    const from = all[1]!.createdAt;
    const to = all[4]!.createdAt;
    expect(ids((await list({ from, to })).items)).toEqual(ids(newestFirst([all[1]!, all[2]!, all[3]!])));
  });

  it('accepts from/to with an offset as the same instant', async () => {
    const utc = new Date(all[5]!.createdAt);
    const plus8 = new Date(utc.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    expect(ids((await list({ from: plus8 })).items)).toEqual(ids(newestFirst(all.slice(5))));
  });

  it('finds replays of an entry', async () => {
    const replay = entry({ replayOf: all[2]!.id });
    await history.insert(replay);
    expect(ids((await list({ replayOf: all[2]!.id })).items)).toEqual([replay.id]);
  });

  it('counts everything without a filter', async () => {
    expect(await history.count()).toBe(8);
  });
});

describe('history repository: keyset paging', () => {
  async function readAll(limit: number, between?: (pageNo: number) => Promise<void>) {
    const seen: HistoryEntry[] = [];
    let cursor: string | undefined;
    let pageNo = 0;
    do {
      const page = await list({ limit, ...(cursor === undefined ? {} : { cursor }) });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pageNo += 1;
      if (between) await between(pageNo);
    } while (cursor !== undefined);
    return seen;
  }

  it('walks 7 entries two at a time, newest first, without overlap or gap', async () => {
    const all = await insertAll(Array.from({ length: 7 }, () => entry()));
    const seen = await readAll(2);
    expect(ids(seen)).toEqual(ids(newestFirst(all)));
  });

  it('orders entries of the same millisecond by id and pages through them', async () => {
    const at = '2026-11-26T12:00:00.000Z';
    const all = await insertAll(Array.from({ length: 5 }, () => entry({ createdAt: at })));
    expect(ids(await readAll(2))).toEqual(ids(newestFirst(all)));
  });

  it('neither repeats nor skips the original entries while new ones arrive between pages', async () => {
    const original = await insertAll(Array.from({ length: 7 }, () => entry()));
    const seen = await readAll(2, async () => {
      await history.insert(entry());
    });
    expect(ids(seen)).toEqual(ids(newestFirst(original)));
  });

  it('answers nextCursor null on the last page', async () => {
    await insertAll([entry(), entry()]);
    expect((await list({ limit: 2 })).nextCursor).toBeNull();
    expect((await list({ limit: 1 })).nextCursor).not.toBeNull();
  });

  it('keeps the filter across pages', async () => {
    const all = await insertAll(
      Array.from({ length: 6 }, (_, i) => entry({ operator: i % 2 ? 'bob' : 'alice' })),
    );
    const bob = all.filter((e) => e.operator === 'bob');
    const first = await list({ operator: 'bob', limit: 2 });
    const second = await list({ operator: 'bob', limit: 2, cursor: first.nextCursor! });
    expect(ids([...first.items, ...second.items])).toEqual(ids(newestFirst(bob)));
    expect(second.nextCursor).toBeNull();
  });

  it.each([
    ['not base64url', 'not a cursor!'],
    ['base64url of garbage', Buffer.from('hello').toString('base64url')],
    ['the wrong JSON shape', Buffer.from(JSON.stringify({ at: 1 })).toString('base64url')],
    [
      'a time that is not a stored time',
      Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url'),
    ],
  ])('throws InvalidCursorError for a cursor that is %s', async (_name, cursor) => {
    await expect(list({ cursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

/**
 * Turns of the event loop (its check phase) while `op` runs. A job that only awaits a synchronous
 * driver's promises lets microtasks through but never a turn, so for it the count stays 0.
 */
async function turnsDuring(op: () => Promise<void>): Promise<number> {
  let turns = 0;
  let counting = true;
  const tick = () => {
    if (!counting) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await op();
  } finally {
    counting = false;
  }
  return turns;
}

describe('history repository: stream', () => {
  it('yields every matching entry newest first with a small batch size', async () => {
    const all = await insertAll(
      Array.from({ length: 11 }, (_, i) => entry({ outcome: i === 4 ? 'error' : 'ok' })),
    );
    const streamed: HistoryEntry[] = [];
    for await (const e of history.stream({}, 3)) streamed.push(e);
    expect(ids(streamed)).toEqual(ids(newestFirst(all)));

    const errors: HistoryEntry[] = [];
    for await (const e of history.stream({ outcome: 'ok' }, 2)) errors.push(e);
    expect(errors).toHaveLength(10);
  });

  it('lets the event loop run between pages, so a long export does not hold up other requests', async () => {
    await insertAll(Array.from({ length: 10 }, () => entry()));
    let read = 0;
    const turns = await turnsDuring(async () => {
      // A consumer that never waits for I/O itself, as a fast HTTP client makes the export pipeline.
      for await (const _e of history.stream({}, 3)) read += 1;
    });
    expect(read).toBe(10);
    // Pages of 3, 3, 3, 1: a turn after each page that has a next one.
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('yields nothing from an empty store', async () => {
    const streamed: HistoryEntry[] = [];
    for await (const e of history.stream({})) streamed.push(e);
    expect(streamed).toEqual([]);
  });
});

describe('history repository: purge', () => {
  it('deletes entries older than a time and keeps the rest', async () => {
    const all = await insertAll(Array.from({ length: 5 }, () => entry()));
    const removed = await history.purge({ olderThan: new Date(all[2]!.createdAt) });
    expect(removed).toBe(2);
    const left = await list({});
    expect(ids(left.items)).toEqual(ids(newestFirst(all.slice(2))));
  });

  it('keeps only the newest N entries', async () => {
    const all = await insertAll(Array.from({ length: 6 }, () => entry()));
    expect(await history.purge({ keepLatest: 4 })).toBe(2);
    expect(ids((await list({})).items)).toEqual(ids(newestFirst(all.slice(2))));
    expect(await history.purge({ keepLatest: 4 })).toBe(0);
  });

  it('applies age and count together, answering the total removed', async () => {
    const all = await insertAll(Array.from({ length: 6 }, () => entry()));
    expect(await history.purge({ olderThan: new Date(all[1]!.createdAt), keepLatest: 3 })).toBe(3);
    expect(ids((await list({})).items)).toEqual(ids(newestFirst(all.slice(3))));
  });

  it('purges more rows than one delete batch holds, by age and then by count', async () => {
    const start = new Date('2026-01-01T00:00:00.000Z');
    await seedHistory(store.db, 12_000, { start, stepMs: 1000 });
    expect(await history.purge({ olderThan: new Date(start.getTime() + 5_500 * 1000) })).toBe(5_500);
    expect(await history.purge({ keepLatest: 1_000 })).toBe(5_500);
    expect(await history.count()).toBe(1_000);
    const oldest = await history.count({ to: new Date(start.getTime() + 11_000 * 1000).toISOString() });
    expect(oldest).toBe(0);
  });

  it('lets the event loop run between delete batches, so requests are answered during a long purge', async () => {
    await seedHistory(store.db, 4_500, { start: new Date('2026-01-01T00:00:00.000Z') });
    let removed = 0;
    const turns = await turnsDuring(async () => {
      removed = await history.purge({ keepLatest: 0 });
    });
    expect(removed).toBe(4_500);
    // Five batches of at most 1000 rows, a turn after each full one.
    expect(turns).toBeGreaterThanOrEqual(4);
  });

  it('keeps nothing with keepLatest 0 and does nothing without options', async () => {
    await insertAll([entry(), entry()]);
    expect(await history.purge({})).toBe(0);
    expect(await history.purge({ keepLatest: 0 })).toBe(2);
    expect(await history.count()).toBe(0);
  });
});
