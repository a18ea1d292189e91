import { type AuditEntry, auditActions, auditPageSchema } from '@console/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Harness, obj, startHarness } from './support/harness';
import { errorCode, tokenFor, userWithRole } from './support/users';

let h: Harness;
let admin: string;

beforeAll(async () => {
  // A retention policy makes the start-up purge run, and record itself.
  h = await startHarness({
    env: { HISTORY_MAX_ENTRIES: '100000' },
    // A sandbox environment whose callbacks go on to a target, so one can be re-sent (callback.forward).
    extraEnvironments: (upstreamUrl) => [
      { id: 'hooks', label: 'Hooks', sandbox: true, callback: { forwardTo: [`${upstreamUrl}/hook`] } },
    ],
  });
  admin = await h.signIn();
});
afterAll(async () => {
  await h.stop();
});

async function page(query: string): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const res = await h.call('GET', `/api/audit${query}`, { cookie: admin });
  expect(res.status, res.text).toBe(200);
  return auditPageSchema.parse(res.json);
}

/** Every row matching `query` (e.g. `?actor=kim`), following the cursor page by page. */
async function everything(query = ''): Promise<AuditEntry[]> {
  const params = new URLSearchParams(query);
  const all: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    if (cursor !== null) params.set('cursor', cursor);
    const p = await page(`?${params}`);
    all.push(...p.items);
    cursor = p.nextCursor;
  } while (cursor !== null);
  return all;
}

describe('the audit log', () => {
  it('holds one row per kind of action, each with its actor and target', async () => {
    // First too: the sandbox raises a callback for an account kicked; an operator re-sends it to its target.
    await h.call('POST', '/api/requests', {
      cookie: admin,
      json: {
        environmentId: 'hooks',
        service: 'im_open_login_svc',
        command: 'kick',
        body: { UserID: 'user1' },
      },
    });
    let callbackId: string | undefined;
    for (let i = 0; i < 200 && callbackId === undefined; i++) {
      const list = obj((await h.call('GET', '/api/callbacks?environmentId=hooks', { cookie: admin })).json);
      const first: unknown = Array.isArray(list.items) ? list.items[0] : undefined;
      if (first !== undefined) callbackId = String(obj(first).id);
      else await new Promise((r) => setTimeout(r, 50));
    }
    const resent = await h.call('POST', `/api/callbacks/${callbackId}/forward`, {
      cookie: admin,
      json: { target: `${h.upstream.url}/hook` },
    });
    expect(resent.status, resent.text).toBe(200);
    // First, so that its own signed call is not the newest request.send checked below.
    await h.call('POST', '/api/environments/fake/diagnose', { cookie: admin, json: {} });
    await h.call('POST', '/api/session', { json: { username: 'admin', password: 'not-the-password' } });
    const kim = await userWithRole(h, admin, 'kim', 'operator');
    await h.call('PATCH', '/api/users/kim', { cookie: admin, json: { role: 'viewer' } });
    await h.call('PATCH', '/api/users/kim', { cookie: admin, json: { role: 'operator' } });
    const { id: tokenId } = await tokenFor(h, kim.cookie);
    await h.call('DELETE', `/api/tokens/${tokenId}`, { cookie: kim.cookie });
    const sent = await h.call('POST', '/api/requests', {
      cookie: kim.cookie,
      json: { environmentId: 'fake', service: 'openconfigsvr', command: 'getappinfo', body: {} },
    });
    const historyId = String(obj(sent.json).id);
    await h.call('POST', `/api/requests/${historyId}/replay`, { cookie: kim.cookie, json: {} });
    await h.call('GET', '/api/requests/export?format=jsonl', { cookie: kim.cookie });
    await h.call('POST', '/api/session/password', {
      cookie: kim.cookie,
      json: { currentPassword: kim.password, newPassword: 'kim-new-password' },
    });
    const kimAgain = await h.signIn('kim', 'kim-new-password');
    await h.call('DELETE', '/api/session', { cookie: kimAgain });
    await h.call('PATCH', '/api/users/kim', { cookie: admin, json: { disabled: true } });
    await h.call('GET', '/api/audit/export', { cookie: admin });
    // A run at 1 row/s is still going when it is paused, resumed and cancelled.
    const run = await h.call('POST', '/api/runs', {
      cookie: admin,
      json: {
        environmentId: 'fake',
        service: 'im_open_login_svc',
        command: 'account_import',
        template: '{"UserID":"{{user}}"}',
        csv: 'user\nrun-a\nrun-b\nrun-c\nrun-d\nrun-e',
        ratePerSec: 1,
      },
    });
    expect(run.status).toBe(201);
    const runId = String(obj(run.json).id);
    for (const step of ['pause', 'resume', 'cancel']) {
      expect((await h.call('POST', `/api/runs/${runId}/${step}`, { cookie: admin })).status).toBe(200);
    }

    const rows = await everything();
    const kinds = new Set(rows.map((r) => r.action));
    // audit.purge needs rows older than AUDIT_MAX_AGE_DAYS: audit.test.ts makes some.
    expect([...auditActions].filter((a) => !kinds.has(a) && a !== 'audit.purge')).toEqual([]);

    const first = (action: string) => rows.find((r) => r.action === action);
    expect(first('request.send')).toMatchObject({ actor: 'kim', target: historyId });
    expect(first('request.replay')).toMatchObject({ actor: 'kim', details: { replayOf: historyId } });
    expect(first('user.disable')).toMatchObject({ actor: 'admin', target: 'kim' });
    expect(first('token.create')).toMatchObject({ actor: 'kim', target: tokenId });
    expect(first('token.revoke')).toMatchObject({ actor: 'kim', target: tokenId });
    expect(first('run.start')).toMatchObject({ actor: 'admin', target: runId });
    expect(first('run.cancel')).toMatchObject({ actor: 'admin', target: runId });
    expect(first('session.sign-in-failed')).toMatchObject({
      target: 'admin',
      details: { reason: 'wrong-password' },
    });
    expect(first('config.load')).toMatchObject({ actor: 'system' });
    expect(first('history.purge')).toMatchObject({ actor: 'system' });
    expect(JSON.stringify(rows)).not.toContain('kim-new-password');
    expect(JSON.stringify(rows)).not.toContain(ADMIN_PASSWORD);
  });

  it('filters by actor, action and time, newest first', async () => {
    const byKim = await everything('?actor=kim');
    expect(byKim.length).toBeGreaterThan(3);
    expect(byKim.every((r) => r.actor === 'kim')).toBe(true);
    const sends = await everything('?action=request.send');
    expect(sends.every((r) => r.action === 'request.send')).toBe(true);
    expect(sends.length).toBeGreaterThan(0);
    const all = await everything();
    const ats = all.map((r) => r.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const middle = all[Math.floor(all.length / 2)];
    if (!middle) throw new Error('no rows');
    const from = await everything(`?from=${encodeURIComponent(middle.at)}`);
    expect(from.every((r) => r.at >= middle.at)).toBe(true);
    const to = await everything(`?to=${encodeURIComponent(middle.at)}`);
    expect(to.every((r) => r.at < middle.at)).toBe(true);
    expect(from.length + to.length).toBe(all.length);
  });

  it('pages with limit and cursor without overlap or gaps while new rows arrive', async () => {
    const all = await everything();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p = await page(`?limit=3${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(p.items.length).toBeLessThanOrEqual(3);
      seen.push(...p.items.map((r) => r.id));
      cursor = p.nextCursor;
      // Each page read through the API adds nothing, but a sign-in meanwhile adds a newer row.
      await h.signIn();
    } while (cursor !== null);
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it('answers 400 request/invalid for a bad cursor, action or limit', async () => {
    for (const query of ['?cursor=%%%', '?action=user.delete', '?limit=0', '?from=yesterday']) {
      const res = await h.call('GET', `/api/audit${query}`, { cookie: admin });
      expect(res.status, query).toBe(400);
      expect(errorCode(res.json)).toBe('request/invalid');
    }
  });

  it('exports the filtered log as CSV, newest first, and records the export', async () => {
    const res = await h.call('GET', '/api/audit/export?actor=kim', { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('id,at,actor,action,target,details');
    const kim = await everything('?actor=kim');
    expect(lines).toHaveLength(kim.length + 1);
    expect(lines[1]?.startsWith(`${kim[0]?.id},`)).toBe(true);
    const exports = await everything('?action=audit.export');
    expect(exports[0]).toMatchObject({ actor: 'admin', details: { filter: { actor: 'kim' } } });
  });
});
