// Mantine's Loader renders a bare <span>; axe rejects aria-label on a span without a role
// (aria-prohibited-attr, serious). A spinner that needs a name goes through
// client/src/components/Spinner.tsx, which adds role="status". The axe check in e2e only sees a
// spinner when a page is caught loading, so this scan holds the rule every time.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return sources(path);
      return Promise.resolve(/\.tsx?$/.test(e.name) ? [path] : []);
    }),
  );
  return nested.flat();
}

describe('labelled spinners', () => {
  it('never puts aria-label on a Mantine Loader outside the Spinner component', async () => {
    const offenders: string[] = [];
    for (const file of await sources(join(root, 'client', 'src'))) {
      if (file.endsWith(join('components', 'Spinner.tsx'))) continue;
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/<Loader\b[^>]*>/g)) {
        if (/aria-label/.test(match[0])) offenders.push(`${relative(root, file)}: ${match[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the Spinner gives its label a role that may carry it', async () => {
    const text = await readFile(join(root, 'client', 'src', 'components', 'Spinner.tsx'), 'utf8');
    expect(text).toMatch(/<Loader role="status" aria-label=\{label\}/);
  });
});
