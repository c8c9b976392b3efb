import { expect, test } from '@playwright/test';
import { CheckpointsPage } from './pages/checkpoints.page';
import { ShellPage } from './pages/shell.page';
import { gatewayUrl } from './support/gateway-url';

test.use({ locale: 'en-US' });
test.setTimeout(120_000);

// FS1 on HV-LAB01 starts with no checkpoints in the small-shop scenario, and no other e2e test uses it.
test('builds a three-level tree, applies the middle checkpoint: Now moves under it and a new branch starts', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  const cp = new CheckpointsPage(page);
  await cp.open();
  await cp.pickVm('HV-LAB01', 'FS1');

  await cp.create('e2e-A');
  await cp.create('e2e-B');
  await cp.create('e2e-C');
  const [a, b, c] = [await cp.idOf('e2e-A'), await cp.idOf('e2e-B'), await cp.idOf('e2e-C')];
  await expect(cp.row('e2e-B')).toHaveAttribute('data-parent', a);
  await expect(cp.row('e2e-C')).toHaveAttribute('data-parent', b);
  await expect(cp.now).toHaveAttribute('data-parent', c);
  const depthA = Number(await cp.row('e2e-A').getAttribute('data-depth'));
  await expect(cp.now).toHaveAttribute('data-depth', String(depthA + 3));

  await cp.apply('e2e-B');
  await expect(cp.now).toHaveAttribute('data-parent', b, { timeout: 30_000 });
  await expect(cp.now).toHaveAttribute('data-depth', String(depthA + 2));
  await expect(page.getByTestId('cp-task')).toHaveAttribute('data-status', 'succeeded');

  await cp.create('e2e-D');
  await expect(cp.row('e2e-D')).toHaveAttribute('data-parent', b);
  await expect(cp.row('e2e-C')).toHaveAttribute('data-parent', b); // the old branch stays
  await expect(cp.now).toHaveAttribute('data-parent', await cp.idOf('e2e-D'));

  // Keyboard: the tree is navigable; ArrowUp from Now selects the checkpoint above it.
  await cp.now.click();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('cp-details-name')).toHaveText('e2e-D');

  // The context menu acts: right-click "e2e-D" → Rename; Shift+F10 opens it from the keyboard too.
  await cp.menuAction('e2e-D', 'rename');
  const rename = page.getByTestId('cp-rename-dialog');
  await rename.getByTestId('cp-rename-name').fill('e2e-D renamed');
  await rename.getByTestId('cp-dialog-submit').click();
  await expect(cp.row('e2e-D renamed')).toHaveCount(1, { timeout: 30_000 });
  await cp.row('e2e-D renamed').click();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('cp-context-menu').locator('[role="menuitem"]').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cp-context-menu')).toHaveCount(0);
  // The type shown is Hyper-V's own SnapshotType, as the object reports it.
  await cp.create('e2e-P');
  await cp.row('e2e-P').click();
  await expect(page.getByTestId('cp-details-type')).toHaveText('Standard');

  expect(shell.problems).toEqual([]);
});

test('a domain controller refuses a standard checkpoint without an override, and takes a production one', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  const cp = new CheckpointsPage(page);
  await cp.open();
  await cp.pickVm('HV-LAB01', 'DC1');
  await expect(page.getByTestId('cp-role')).toHaveAttribute('data-dc', 'true');
  const rowsBefore = await cp.tree.getAttribute('data-rows');

  await page.getByTestId('cp-action-create').click();
  const dialog = page.getByTestId('cp-create-dialog');
  await expect(dialog.getByTestId('cp-create-dc-note')).toBeVisible();
  await expect(dialog.getByTestId('cp-create-kind-production')).toBeChecked(); // steered to production
  await dialog.getByTestId('cp-create-name').fill('e2e-dc-standard');
  await dialog.getByTestId('cp-create-kind-standard').check();
  await expect(dialog.getByTestId('cp-create-reason')).toBeVisible();
  await dialog.getByTestId('cp-dialog-submit').click();
  await expect(dialog.getByTestId('cp-dialog-error')).toContainText('Refused');
  await dialog.getByTestId('cp-dialog-cancel').click();
  await cp.page.getByTestId('cp-refresh').click();
  await expect(cp.tree).toHaveAttribute('data-rows', rowsBefore!);
  await expect(cp.row('e2e-dc-standard')).toHaveCount(0);

  await cp.create('e2e-dc-production', 'production');
  expect(shell.problems.filter((p) => !p.includes('409') && !p.includes('CONFLICT'))).toEqual([]);
});
