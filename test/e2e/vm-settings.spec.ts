import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { gatewayUrl } from './support/gateway-url';
import { InventoryPage } from './pages/inventory.page';
import { ShellPage } from './pages/shell.page';

// The settings editor's devices, in browser mode against the lab (same machine: the lab host sees this ISO file).
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const suffix = Date.now().toString(36);

test('an off VM shows "—" for memory demand; adding a disk, inserting an ISO and setting a VLAN persist and show', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  const name = `e2e-dev-${suffix}`;
  await inv.createVm(name);
  await inv.expectState(name, 'Off');
  const panel = await inv.open(name);

  const summary = panel.getByTestId('vm-summary');
  await expect(summary.getByTestId('details-memory-demand')).toHaveText('—');
  await expect(summary.getByTestId('details-memory-assigned')).toHaveText('—');
  await expect(summary.getByTestId('details-cpu')).toHaveText('—');
  await expect(summary).not.toContainText(/(^|[^0-9.])0 (byte|B)\b/);
  await expect(summary.getByTestId('details-vcpus')).toHaveText(/^\d+$/);

  const iso = join(mkdtempSync(join(tmpdir(), 'hd-e2e-iso-')), 'setup.iso');
  writeFileSync(iso, 'not really an ISO');

  await panel.getByTestId('tab-settings').click();
  const form = panel.getByTestId('vm-settings');
  await form.getByTestId('set-disk-add').click();
  const newDisk = form.getByTestId('set-disk-new');
  await expect(newDisk.getByTestId('set-disk-new-path')).toHaveValue(/\.vhdx$/);
  const diskPath = await newDisk.getByTestId('set-disk-new-path').inputValue();
  await newDisk.getByTestId('set-disk-new-size').fill('0');
  await expect(newDisk.getByTestId('set-disk-new-size-error')).toBeVisible();
  await newDisk.getByTestId('set-disk-new-size').fill('20');
  await expect(newDisk.getByTestId('set-disk-new-size-error')).toHaveCount(0);

  await form.getByTestId('set-dvd-add').click();
  await form.getByTestId('set-dvd-new-path').fill(iso);

  const adapter = form.locator('[data-testid^="set-adapter-Microsoft"]').first();
  await adapter.getByTestId('set-vlan-enabled').check();
  await adapter.getByTestId('set-vlan-id').fill('5000');
  await expect(adapter.getByTestId('set-vlan-error')).toBeVisible();
  await expect(form.getByTestId('settings-save')).toBeDisabled();
  await adapter.getByTestId('set-vlan-id').fill('42');
  await expect(adapter.getByTestId('set-vlan-error')).toHaveCount(0);

  await form.getByTestId('settings-save').click();
  await expect(form.getByTestId('settings-result')).toHaveAttribute('role', 'status', { timeout: 60_000 });

  await panel.getByTestId('tab-summary').click();
  await expect(summary.getByTestId('details-disk').filter({ hasText: diskPath })).toContainText('20 GB');
  await expect(summary.getByTestId('details-dvd')).toContainText(iso);
  await expect(summary.getByTestId('details-adapter-vlan').first()).toHaveText('42');

  // The change is one task; View PowerShell shows the cmdlets by VM name.
  const tasks = await inv.openTasks();
  const task = tasks.locator('[data-testid="task-row"][data-task-kind="vm.settings"]').first();
  await expect(task).toHaveAttribute('data-task-status', 'succeeded');
  await task.getByTestId('task-view-ps').click();
  const ps = task.getByTestId('ps-command');
  await expect(ps).toContainText(`Add-VMHardDiskDrive -VMName '${name}'`);
  await expect(ps).toContainText(`Add-VMDvdDrive -VMName '${name}'`);
  await expect(ps).toContainText('Set-VMNetworkAdapterVlan -Access -VlanId 42');
  expect(shell.problems).toEqual([]);
});
