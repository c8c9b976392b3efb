import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { walkEveryView } from './support/view-walk';

test.setTimeout(400_000);

/**
 * axe-core on the whole page at every stop of the walk (every view and dialog), WCAG 2.x A and AA rules, colour
 * contrast included (AA: 4.5:1 for text). A stop lists each serious or critical violation with the nodes it hit.
 */
async function seriousViolations(page: Page, view: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${view} / ${v.id} (${v.impact}): ${n.target.join(' ')} ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()}`));
}

for (const locale of ['en-US', 'zh-TW']) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test(`every view and dialog has no serious or critical axe violation (${locale})`, async ({ page }) => {
      const found: string[] = [];
      let stops = 0;
      const shell = await walkEveryView(page, async (view) => {
        stops++;
        found.push(...(await seriousViolations(page, view)));
      });
      expect(stops).toBeGreaterThan(20);
      expect(found).toEqual([]);
      expect(shell.problems).toEqual([]);
    });
  });
}
