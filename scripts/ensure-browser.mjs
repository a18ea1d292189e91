// Finds a Chromium for the end-to-end tests: CONSOLE_CHROMIUM_PATH, then Debian's /usr/bin/chromium,
// then Playwright's own build (downloaded here if missing, as on a developer laptop).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const candidates = [process.env.CONSOLE_CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (found) {
  console.log(`e2e browser: ${found}`);
  process.exit(0);
}
if (existsSync(chromium.executablePath())) {
  console.log(`e2e browser: ${chromium.executablePath()}`);
  process.exit(0);
}
console.log('No Chromium found: installing Playwright’s own build (npx playwright install chromium)…');
execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
