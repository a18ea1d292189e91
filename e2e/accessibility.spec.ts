import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { ADMIN, expect, test } from './helpers';
import { consolePages } from './pages';

// The gate every page is held to: axe-core on every page of e2e/pages.ts, in both themes, fails on any
// critical or serious finding. WCAG 2.x A/AA rules plus axe's best practices (landmarks, names).
const BLOCKING = new Set(['critical', 'serious']);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every page has no critical or serious axe finding in the ${colorScheme} theme`, async ({ page }) => {
    // Sixteen-odd page loads, each with Monaco where the page has it.
    test.setTimeout(300_000);
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    const findings: string[] = [];
    const details: unknown[] = [];
    for (const target of consolePages) {
      await test.step(target.name, async () => {
        await page.context().clearCookies();
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
        for (const v of results.violations) {
          if (!BLOCKING.has(v.impact ?? '')) continue;
          details.push({
            page: target.name,
            rule: v.id,
            nodes: v.nodes.map((n) => [n.target, n.failureSummary, n.html]),
          });
          const where = v.nodes
            .slice(0, 3)
            .map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`)
            .join(' | ');
          findings.push(`${target.name} › ${v.id} (${v.impact}, ${v.nodes.length} nodes): ${where}`);
        }
      });
    }
    if (process.env.AXE_REPORT)
      writeFileSync(`${process.env.AXE_REPORT}-${colorScheme}.json`, JSON.stringify(details, null, 1));
    expect(findings, `axe findings in the ${colorScheme} theme`).toEqual([]);
  });
}
