import { appendFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { ADMIN, expect, test } from './helpers';
import { consolePages } from './pages';

// The gate every page is held to: axe-core on every page of e2e/pages.ts, in both themes, fails on any
// critical or serious finding. WCAG 2.x A/AA rules plus axe's best practices (landmarks, names).
const BLOCKING = new Set(['critical', 'serious']);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${colorScheme} theme`, () => {
    test.use({ colorScheme, viewport: { width: 1280, height: 800 } });

    for (const target of consolePages) {
      test(`${target.name}: no critical or serious axe finding`, async ({ page }) => {
        // Pages with Monaco take a while on a busy machine; axe itself takes seconds on big pages.
        test.setTimeout(120_000);
        if (!target.signedOut) {
          const signedIn = await page.request.post('/api/session', { data: ADMIN });
          expect(signedIn.status()).toBe(200);
        }
        const path = typeof target.path === 'string' ? target.path : await target.path(page);
        await page.goto(path);
        await target.ready(page);
        await target.act?.(page);
        // Mantine's transitions (menus, modals) end within 200 ms; axe measures colours as painted.
        await page.waitForTimeout(250);
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
        if (process.env.AXE_REPORT && blocking.length > 0) {
          appendFileSync(
            process.env.AXE_REPORT,
            `${JSON.stringify({ page: target.name, colorScheme, violations: blocking.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => [n.target, n.failureSummary, n.html]) })) })}\n`,
          );
        }
        const findings = blocking.map((v) => {
          const where = v.nodes
            .slice(0, 3)
            .map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`)
            .join(' | ');
          return `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${where}`;
        });
        expect(findings, `axe findings on ${path} in the ${colorScheme} theme`).toEqual([]);
      });
    }
  });
}
