import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SANDBOX_KEY_FILE = 'sandbox-secret.key';

const KEY_PATTERN = /^[0-9a-f]{64}$/;

export function sandboxKeyPath(dataDir: string): string {
  return path.join(dataDir, SANDBOX_KEY_FILE);
}

/**
 * Reads DATA_DIR/sandbox-secret.key, creating it on first start. The key must survive restarts so
 * UserSigs cached by the console (and by other tools) stay valid.
 */
export async function loadOrCreateSandboxKey(dataDir: string): Promise<string> {
  const file = sandboxKeyPath(dataDir);
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (!KEY_PATTERN.test(existing)) {
      // Never echo the content: it is (or was meant to be) a secret.
      throw new Error(
        `${file} does not hold a 64-hex-character sandbox key; delete it to generate a new one`,
      );
    }
    return existing;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  try {
    // 'wx' so two processes starting at once cannot overwrite each other's key.
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if (isExists(err)) return loadOrCreateSandboxKey(dataDir);
    throw err;
  }
}

function errCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
}
function isNotFound(err: unknown): boolean {
  return errCode(err) === 'ENOENT';
}
function isExists(err: unknown): boolean {
  return errCode(err) === 'EEXIST';
}
