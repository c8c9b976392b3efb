import { expect, test } from '@playwright/test';
import { CheckpointsPage } from './pages/checkpoints.page';
import { InventoryPage } from './pages/inventory.page';
import { ShellPage } from './pages/shell.page';
import { gatewayUrl } from './support/gateway-url';

test.use({ locale: 'en-US' });
test.setTimeout(120_000);

const suffix = Date.now().toString(36);

// A checkpoint export runs for seconds on the lab host (it copies the VM's files in timed steps) and is
// cancellable: long enough to catch it running and cancel it from the task panel.
test('a running task is cancelled from the task panel and ends cancelled', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  const name = `e2e-cancel-${suffix}`;
  await inv.createVm(name);
  const hostName = await inv.hostOf(name);

  const cp = new CheckpointsPage(page);
  await cp.open();
  await cp.pickVm(hostName, name);
  await cp.create('e2e-to-export');
  await cp.row('e2e-to-export').click();
  await page.getByTestId('cp-action-export').click();
  const dialog = page.getByTestId('cp-export-dialog');
  await dialog.getByTestId('cp-export-path').fill(`e2e-exports-${suffix}`);
  await dialog.getByTestId('cp-dialog-submit').click();
  await expect(dialog).toHaveCount(0);

  const tasks = await inv.openTasks();
  const task = tasks.locator('[data-testid="task-row"][data-task-kind="checkpoint.export"]').first();
  await expect(task).toHaveAttribute('data-task-status', 'running');
  await task.getByTestId('task-cancel').click();
  await expect(task).toHaveAttribute('data-task-status', 'cancelled', { timeout: 30_000 });
  await expect(task.getByTestId('task-cancel')).toHaveCount(0); // a finished task offers no cancel
  await expect(page.getByTestId('cp-task')).toHaveAttribute('data-status', 'cancelled');
  // The cancellation was the user's: no error is reported as if the export had failed.
  expect(shell.problems).toEqual([]);
});
