import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/axe-violations';
import { walkEveryView } from './support/view-walk';

test.setTimeout(400_000);
test.use({ locale: 'en-US' });

// axe at every stop of the walk (every view and dialog). The zh-TW walk runs axe too, in locale-walk.spec.ts:
// one walk there serves both the axe check and the English-word check, instead of walking every view twice.
test('every view and dialog has no serious or critical axe violation (en-US)', async ({ page }) => {
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
