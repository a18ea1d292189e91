import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from './index';
import { openTempDatabase } from './testing';

let store: Awaited<ReturnType<typeof openTempDatabase>>;
let repos: Repositories;

beforeAll(async () => {
  store = await openTempDatabase();
  repos = createRepositories(store.db);
});
afterAll(async () => {
  await store.cleanup();
});

const at = '2026-11-30T12:00:00.000Z';
const rowsOf = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    rowNo: from + i,
    line: from + i + 1,
    values: { user: `u${from + i}` },
    body: JSON.stringify({ UserID: `u${from + i}` }),
  }));

function runRecord(id: string) {
  return {
    id,
    kind: 'rows' as const,
    status: 'running' as const,
    environment_id: 'qa',
    service: 'im_open_login_svc',
    command: 'account_import',
    template: '{"UserID":"{{user}}"}',
    columns: '["user"]',
    started_by: 'alice',
    started_role: 'operator',
    created_at: at,
    updated_at: at,
    finished_at: null,
    total: 3000,
    rate_per_sec: null,
    concurrency: 4,
    max_pages: null,
    message: null,
    retry_of: null,
    lease_owner: null,
    lease_until: null,
  };
}

describe('run creation in batches', () => {
  it('keeps the rows of a run stored batch by batch, and drops those of a creation cut short', async () => {
    await repos.runs.addRows('RUN-A', rowsOf(1, 1500), at);
    await repos.runs.addRows('RUN-A', rowsOf(1501, 1500), at);
    await repos.runs.create(runRecord('RUN-A'), []);
    // A creation that stopped after its first batch: rows without a run.
    await repos.runs.addRows('RUN-B', rowsOf(1, 1000), at);
    expect(await repos.runs.get('RUN-B')).toBeUndefined();

    expect(await repos.runs.dropOrphanRows()).toBe(1000);
    expect(await repos.runs.dropOrphanRows()).toBe(0);
    const counts = await repos.runs.counts('RUN-A');
    expect(counts.queued).toBe(3000);
    const next = await repos.runs.nextQueued('RUN-A', 2999, 10);
    expect(next.map((r) => r.row_no)).toEqual([3000]);
  });

  it('drops only the named run’s rows when its own creation fails', async () => {
    await repos.runs.addRows('RUN-C', rowsOf(1, 10), at);
    await repos.runs.addRows('RUN-D', rowsOf(1, 20), at);
    expect(await repos.runs.dropOrphanRows('RUN-C')).toBe(10);
    expect(await repos.runs.dropOrphanRows()).toBe(20);
  });

  it('keeps orphan rows written since `before` (a replica may be creating that run right now)', async () => {
    await repos.runs.addRows('RUN-OLD', rowsOf(1, 5), '2020-01-01T00:00:00.000Z');
    await repos.runs.addRows('RUN-NEW', rowsOf(1, 7), at);
    expect(await repos.runs.dropOrphanRows(undefined, '2021-01-01T00:00:00.000Z')).toBe(5);
    expect(await repos.runs.dropOrphanRows()).toBe(7);
  });
});
