import type { AuditAction } from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '../src/adapters/db';
import { loadConfig } from '../src/config';
import { createServer } from '../src/server';
import { type Harness, obj, startHarness } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { HISTORY_MAX_ENTRIES: '2' } });
});
afterAll(async () => {
  await h.stop();
});

async function auditActions(): Promise<AuditAction[]> {
  const db = await openDatabase({ dataDir: h.dataDir, databaseUrl: h.databaseUrl });
  try {
    const page = await createRepositories(db).audit.list({ limit: 500 });
    return page.items.map((e) => e.action);
  } finally {
    await db.close();
  }
}

describe('audit and retention', () => {
  it('writes one audit row per kind of action this server performs', async () => {
    await h.call('POST', '/api/session', { json: { username: 'admin', password: 'wrong-password' } });
    const cookie = await h.signIn();
    const json = {
      environmentId: 'fake',
      service: 'im_open_login_svc',
      command: 'account_check',
      body: { CheckItem: [{ UserID: 'a' }] },
    };
    const sent = await h.call('POST', '/api/requests', { cookie, json });
    const id = obj(sent.json).id;
    await h.call('POST', `/api/requests/${String(id)}/replay`, { cookie, json: {} });
    await h.call('GET', '/api/requests/export?format=csv', { cookie });
    await h.call('DELETE', '/api/session', { cookie });
    const actions = await auditActions();
    for (const action of [
      'config.load',
      'session.sign-in-failed',
      'session.sign-in',
      'request.send',
      'request.replay',
      'request.export',
      'session.sign-out',
    ] as const) {
      expect(actions, action).toContain(action);
    }
  });

  it('purges audit rows older than AUDIT_MAX_AGE_DAYS at start and records the purge', async () => {
    const db = await openDatabase({ dataDir: h.dataDir, databaseUrl: h.databaseUrl });
    const old = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    try {
      await createRepositories(db).audit.append({
        actor: 'someone',
        action: 'user.create',
        target: 'long-ago',
        details: null,
        at: old,
      });
    } finally {
      await db.close();
    }
    const second = createServer(
      loadConfig({
        PORT: '0',
        DATA_DIR: h.dataDir,
        ...(h.databaseUrl ? { DATABASE_URL: h.databaseUrl } : {}),
        SANDBOX: 'off',
        AUDIT_MAX_AGE_DAYS: '30',
        LOG_LEVEL: 'silent',
      }),
    );
    await second.start();
    await second.stop();
    const after = await openDatabase({ dataDir: h.dataDir, databaseUrl: h.databaseUrl });
    try {
      const audit = createRepositories(after).audit;
      const rows = (await audit.list({ limit: 500 })).items;
      expect(rows.some((e) => e.target === 'long-ago')).toBe(false);
      expect(rows.some((e) => e.action === 'request.send')).toBe(true);
      const purge = await audit.list({ limit: 5, action: 'audit.purge' });
      expect(purge.items[0]).toMatchObject({ actor: 'system', details: { deleted: 1 } });
    } finally {
      await after.close();
    }
  });

  it('purges history beyond HISTORY_MAX_ENTRIES at start and records the purge', async () => {
    const cookie = await h.signIn();
    for (let i = 0; i < 4; i++) {
      await h.call('POST', '/api/requests', {
        cookie,
        json: { environmentId: 'fake', service: 'openconfigsvr', command: 'getappinfo', body: {} },
      });
    }
    // A second server on the same DATA_DIR runs the job at its start.
    const config = loadConfig({
      PORT: '0',
      DATA_DIR: h.dataDir,
      ...(h.databaseUrl ? { DATABASE_URL: h.databaseUrl } : {}),
      SANDBOX: 'off',
      HISTORY_MAX_ENTRIES: '2',
      LOG_LEVEL: 'silent',
    });
    const second = createServer(config);
    await second.start();
    await second.stop();
    const db = await openDatabase({ dataDir: h.dataDir, databaseUrl: h.databaseUrl });
    try {
      const repos = createRepositories(db);
      expect(await repos.history.count()).toBe(2);
      const purges = await repos.audit.list({ limit: 50, action: 'history.purge' });
      expect(purges.items.some((e) => e.actor === 'system' && Number(e.details?.deleted) > 0)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
