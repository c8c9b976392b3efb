import { expect, test } from '@playwright/test';
import { CheckpointsPage } from './pages/checkpoints.page';
import { InventoryPage } from './pages/inventory.page';
import { ShellPage } from './pages/shell.page';
import { gatewayUrl } from './support/gateway-url';
import { invokeOverSocket } from './support/invoke-over-socket';

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
  // A new VM that never ran has an unknown role and is treated as a possible DC: a production checkpoint it is.
  await cp.create('e2e-to-export', 'production');
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

type Snapshot = { hosts: Array<{ hostId: string; vms: Array<{ id: string; name: string }> }> };

// View PowerShell shows what an admin would type, by name; the script is one click away; no path of this machine.
test('View PowerShell on a start shows Start-VM -Name and no path; the full script is one click away', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  const name = `e2e-ps-${suffix}`;
  await inv.createVm(name);
  await inv.expectState(name, 'Off');
  const panel = await inv.open(name);
  await panel.getByTestId('vm-action-start').click();
  await inv.expectState(name, 'Running');

  const tasks = await inv.openTasks();
  const start = tasks.locator('[data-testid="task-row"][data-task-kind="vm.start"]').filter({ hasText: name }).first();
  await expect(start).toHaveAttribute('data-task-status', 'succeeded');
  await expect(start).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/i); // the title names the VM, not its Id
  await start.getByTestId('task-view-ps').click();
  await expect(start.getByTestId('ps-command')).toHaveText(`Start-VM -Name '${name}'`);
  await start.getByTestId('show-full-script').click();
  const full = start.getByTestId('full-script');
  await expect(full).toContainText("vm-action.ps1 -Action 'start' -VmId @('");
  await expect(full).toContainText('param(');
  const shown = (await start.innerText()) + (await full.innerText());
  expect(shown).not.toMatch(/\/(work|home|tmp|usr)\/|[A-Z]:\\Users|electron\/main/);
  expect(shell.problems).toEqual([]);
});

// A VM asking for more memory than the host has cannot start (the lab refuses it as Hyper-V does).
test('a failing start toasts with the host\'s reason; the link opens its task; the bar counts it until seen', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  await inv.waitForHosts();
  const snap = await invokeOverSocket<Snapshot>(page, 'inventory.snapshot', {});
  const hostId = snap.hosts[0]!.hostId;
  const name = `e2e-nomem-${suffix}`;
  const spec = { name, generation: 2, memoryStartup: 2048 * 1024 ** 3, dynamicMemory: false, processorCount: 1, switchName: null, disk: { kind: 'none' }, isoPath: null, location: null };
  await invokeOverSocket(page, 'vms.create', { hostId, spec });
  await expect(inv.row(name)).toBeVisible({ timeout: 60_000 });
  const tasksPanel = page.getByTestId('task-panel');
  if ((await tasksPanel.getByTestId('task-panel-toggle').getAttribute('aria-expanded')) === 'true') await tasksPanel.getByTestId('task-panel-toggle').click();

  const panel = await inv.open(name);
  await panel.getByTestId('vm-action-start').click();
  const toast = page.getByTestId('toast').filter({ hasText: name });
  await expect(toast).toBeVisible({ timeout: 60_000 });
  await expect(toast).toContainText(`Start ${name}`);
  await expect(toast).toContainText('says:');
  await expect(toast).toContainText('Not enough memory');
  await expect(toast).not.toContainText('inventory/vm-action');
  await expect(page.getByTestId('task-unseen-failures')).toContainText(/\d+ failed/);

  await toast.getByTestId('toast-action').click();
  await expect(page.getByTestId('task-unseen-failures')).toHaveCount(0);
  const task = page.locator('[data-testid="task-row"].task--focused');
  await expect(task).toHaveAttribute('data-task-kind', 'vm.start');
  await expect(task).toHaveAttribute('data-task-status', 'failed');
  await expect(task.getByTestId('task-error-message')).toContainText('Not enough memory');
  await expect(task.getByTestId('ps-command')).toHaveText(`Start-VM -Name '${name}'`);
  await task.getByTestId('task-error-details').click();
  await expect(task.getByTestId('task-error')).toContainText('PS_ERROR');
  // The failure was reported to the user (toast, task): it is not a console error.
  expect(shell.problems).toEqual([]);
});

// Errors speak the user's language: a value outside what the host allows is refused next to its field.
test('typing 64 vCPUs in the new-VM wizard shows the host\'s limit next to the field and blocks Next', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  await new InventoryPage(page).waitForHosts();
  await page.getByTestId('new-vm').click();
  const wizard = page.getByTestId('new-vm-wizard');
  await wizard.getByTestId('wizard-name').fill(`e2e-cpus-${suffix}`);
  await wizard.getByTestId('wizard-next').click();
  await wizard.getByTestId('wizard-cpus').fill('64');
  // The lab's hosts have 16 and 12 logical processors.
  await expect(wizard.getByTestId('wizard-cpus-error')).toHaveText(/^1 to 1[26] on this host$/);
  await expect(wizard.getByTestId('wizard-next')).toBeDisabled();
  await wizard.getByTestId('wizard-cpus').fill('2');
  await expect(wizard.getByTestId('wizard-cpus-error')).toHaveCount(0);
  await expect(wizard.getByTestId('wizard-next')).toBeEnabled();
  expect(shell.problems).toEqual([]);
});

// Names, not GUIDs: after everything this run did, no task title or result line shows an object's Id.
test('no task title or result in the task panel contains a GUID', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  const tasks = await inv.openTasks();
  await expect(tasks.getByTestId('task-row').first()).toBeVisible({ timeout: 30_000 });
  const titles = await tasks.locator('.task__title, .task__items li').allInnerTexts();
  expect(titles.length).toBeGreaterThan(0);
  expect(titles.filter((t) => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.test(t))).toEqual([]);
  expect(shell.problems).toEqual([]);
});
