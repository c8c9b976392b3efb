import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * axe-core on the whole page, WCAG 2.x A and AA rules, colour contrast included (AA: 4.5:1 for text). Lists each
 * serious or critical violation with the nodes it hit, prefixed with the stop of the walk (`view`).
 */
export async function seriousViolations(page: Page, view: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${view} / ${v.id} (${v.impact}): ${n.target.join(' ')} ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()}`));
}
