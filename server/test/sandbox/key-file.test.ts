import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSandboxKey } from '../../src/sandbox/index';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sandbox-key-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('loadOrCreateSandboxKey', () => {
  it('creates a 64-hex key readable only by its owner, and returns the same key on the next start', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const first = await loadOrCreateSandboxKey(dataDir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dataDir, 'sandbox-secret.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateSandboxKey(dataDir)).toBe(first);
    expect((await readFile(file, 'utf8')).trim()).toBe(first);
  });

  it('gives two data directories different keys', async () => {
    const a = await loadOrCreateSandboxKey(path.join(dir, 'a'));
    const b = await loadOrCreateSandboxKey(path.join(dir, 'b'));
    expect(a).not.toBe(b);
  });

  it('refuses a key file that does not hold a key, without echoing its content', async () => {
    await writeFile(path.join(dir, 'sandbox-secret.key'), 'hunter2-not-a-key');
    const err = await loadOrCreateSandboxKey(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String(err)).toContain('sandbox-secret.key');
    expect(String(err)).not.toContain('hunter2');
  });
});
