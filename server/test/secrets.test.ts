import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxKeyPath } from '../src/sandbox';
import { type Harness, obj, startHarness } from './support/harness';

let h: Harness;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

beforeAll(async () => {
  // A silent upstream is tested here: give up on it quickly.
  h = await startHarness({ env: { UPSTREAM_TIMEOUT_MS: '300' } });
});
afterAll(async () => {
  await h.stop();
});

describe('secrets', () => {
  it('never shows the secret key or a UserSig in responses, headers, logs, history, exports or DATA_DIR', async () => {
    const cookie = await h.signIn();
    await h.call('POST', '/api/session', { json: { username: 'admin', password: 'wrong-password' } });
    const check = {
      environmentId: 'fake',
      service: 'im_open_login_svc',
      command: 'account_check',
      body: { CheckItem: [{ UserID: 'alice' }] },
    };
    const sent: string[] = [];
    for (const mode of ['ok', 'fail', 'not-json', 'http-500', 'array', 'hang', 'no-action-status'] as const) {
      h.upstream.mode = mode;
      const res = await h.call('POST', '/api/requests', { cookie, json: check });
      const body = obj(res.json);
      const id = res.status === 201 ? body.id : obj(body.entry).id;
      if (typeof id === 'string') sent.push(id);
    }
    h.upstream.mode = 'ok';
    await h.call('POST', '/api/requests', { cookie, json: { ...check, environmentId: 'refused' } });
    await h.call('POST', '/api/requests', { cookie, json: { ...check, environmentId: 'sandbox' } });
    await h.call('POST', '/api/requests', { cookie, json: { ...check, body: [1] } });
    await h.call('POST', '/api/requests', {
      cookie,
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    for (const id of sent) {
      await h.call('GET', `/api/requests/${id}`, { cookie });
      await h.call('POST', `/api/requests/${id}/replay`, { cookie, json: {} });
    }
    await h.call('GET', '/api/requests?limit=500', { cookie });
    await h.call('GET', '/api/requests/export?format=csv', { cookie });
    await h.call('GET', '/api/requests/export?format=jsonl', { cookie });
    await h.call('GET', '/api/environments', { cookie });
    await h.call('GET', '/api/catalog', { cookie });
    await h.call('GET', '/api/nowhere', { cookie });
    await h.call('GET', '/healthz');
    await h.call('DELETE', '/api/session', { cookie });

    const sigs = h.upstream.userSigs();
    expect(sigs.length).toBeGreaterThan(0);
    expect(h.upstream.calls.every((c) => c.sigCheck === 'valid')).toBe(true);
    const sandboxKey = readFileSync(sandboxKeyPath(h.dataDir), 'utf8').trim();

    // Stop first so the log is flushed and the store has closed its files.
    await h.server.stop();
    const texts: Array<[string, string]> = [
      ...h.seen.map((t, i): [string, string] => [`response ${i}`, t]),
      ...h.logs.map((t, i): [string, string] => [`log line ${i}`, t]),
    ];
    expect(h.logs.length).toBeGreaterThan(20);
    for (const [where, text] of texts) {
      expect(text.includes(h.secretKey), `secret key in ${where}`).toBe(false);
      expect(text.includes(sandboxKey), `sandbox key in ${where}`).toBe(false);
      for (const sig of sigs) expect(text.includes(sig), `UserSig in ${where}`).toBe(false);
      expect(/usersig=(?!REDACTED)/i.test(text), `unredacted usersig in ${where}`).toBe(false);
    }
    const files = filesUnder(h.dataDir);
    if (h.databaseUrl !== undefined) {
      // PostgreSQL: every row of every table, as text.
      const client = new pg.Client({ connectionString: h.databaseUrl });
      await client.connect();
      try {
        const tables = await client.query<{ name: string }>(
          `select table_name as name from information_schema.tables where table_schema = 'public'`,
        );
        expect(tables.rows.map((t) => t.name)).toContain('history');
        for (const { name } of tables.rows) {
          const rows = await client.query<{ row: string }>(`select t::text as row from "${name}" t`);
          const text = rows.rows.map((r) => r.row).join('\n');
          expect(text.includes(h.secretKey), `secret key in table ${name}`).toBe(false);
          expect(text.includes(sandboxKey), `sandbox key in table ${name}`).toBe(false);
          for (const sig of sigs) expect(text.includes(sig), `UserSig in table ${name}`).toBe(false);
        }
      } finally {
        await client.end();
      }
    } else {
      expect(files.some((f) => f.endsWith('.sqlite'))).toBe(true);
    }
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.includes(h.secretKey), `secret key in ${file}`).toBe(false);
      for (const sig of sigs) expect(bytes.includes(sig), `UserSig in ${file}`).toBe(false);
      if (file !== sandboxKeyPath(h.dataDir)) {
        expect(bytes.includes(sandboxKey), `sandbox key in ${file}`).toBe(false);
      }
    }
  });
});
