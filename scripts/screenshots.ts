// Screenshots for the README, light and dark, at 1280×800 and 1920×1080: docs/screenshots/{console,history}-{light,dark}-{1280,1920}.png.
// Usage: pnpm --filter @console/client build && node --import tsx scripts/screenshots.ts
// Starts its own server (sandbox, temp DATA_DIR) on SCREENSHOT_PORT (default 8977).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from '@playwright/test';

const port = Number(process.env.SCREENSHOT_PORT ?? 8977);
const origin = `http://127.0.0.1:${port}`;
const password = 'screenshot-admin-password';
const outDir = join(process.cwd(), 'docs/screenshots');
const executablePath =
  process.env.CONSOLE_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

function startServer(): ChildProcess {
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'console-screens-')),
      CONSOLE_ADMIN_PASSWORD: password,
      CONSOLE_CONFIG: join(process.cwd(), 'e2e/environments.e2e.json'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return server;
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not answer on ${origin}/healthz`);
}

const sizes = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

async function shoot(
  browser: Browser,
  scheme: 'light' | 'dark',
  size: (typeof sizes)[number],
): Promise<void> {
  const context = await browser.newContext({ colorScheme: scheme, viewport: size });
  const page = await context.newPage();
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();

  await page.goto(`${origin}/?env=sandbox&command=profile/portrait_get`);
  const editor = page.getByRole('region', { name: 'Request body' }).locator('.monaco-editor .view-lines');
  await editor.waitFor({ timeout: 60_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // One line, then Format: Monaco auto-indents (and auto-closes) inserted line breaks as if typed.
  await page.keyboard.insertText(
    JSON.stringify({ To_Account: ['no-such-user'], TagList: ['Tag_Profile_IM_Nick'] }),
  );
  await page.getByRole('button', { name: 'Format' }).click();
  await page.keyboard.press('Control+Enter');
  const response = page.getByRole('region', { name: 'Response' });
  await response
    .getByTestId('action-status')
    .waitFor()
    .catch(async (e) => {
      await page.screenshot({ path: '/tmp/shot-debug.png' });
      throw e;
    });
  await response.locator('.monaco-editor .view-lines').waitFor({ timeout: 60_000 });
  // Let Monaco finish tokenizing and the schema markers settle before the picture.
  await page.waitForTimeout(1500);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(outDir, `console-${scheme}-${size.width}.png`) });

  // History at the same size: the table has the width the command list used to take.
  await page.goto(`${origin}/history`);
  await page.getByRole('region', { name: 'History entries' }).locator('tbody tr').first().waitFor();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(outDir, `history-${scheme}-${size.width}.png`) });

  if (scheme === 'light' && size.width === 1280) {
    // The production guard rail: a destructive command on a production environment.
    await page.goto(`${origin}/?env=prod-rehearsal&command=im_open_login_svc/account_delete`);
    await page.getByRole('region', { name: 'Request body' }).locator('.monaco-editor .view-lines').waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByLabel('Type account_delete to confirm').fill('account_del');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(outDir, 'console-production-confirm.png') });
  }
  await context.close();
}

const server = startServer();
try {
  await waitForHealth();
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    for (const size of sizes) {
      await shoot(browser, 'light', size);
      await shoot(browser, 'dark', size);
    }
  } finally {
    await browser.close();
  }
  console.log(
    `wrote console-*-{1280,1920}.png, history-*-{1280,1920}.png and console-production-confirm.png in ${outDir}`,
  );
} finally {
  // Wait for the graceful shutdown, so a next run finds the port free.
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}
