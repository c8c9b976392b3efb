import { expect, test, type Page } from '@playwright/test';
import { CheckpointsPage } from './pages/checkpoints.page';
import { InventoryPage } from './pages/inventory.page';
import { ShellPage } from './pages/shell.page';
import { gatewayUrl } from './support/gateway-url';

test.use({ locale: 'en-US' });
test.setTimeout(180_000);

/** Starts DC1 from its row menu (the other specs expect it running) unless it already runs. */
async function startDc1(page: Page): Promise<void> {
  const inv = new InventoryPage(page);
  await page.getByTestId('nav-inventory').click();
  await inv.waitForHosts();
  if ((await inv.row('DC1').getAttribute('data-vm-state')) === 'Running') return;
  const menu = await inv.menuOf('DC1');
  await menu.getByTestId('menu-start').click();
  await inv.expectState('DC1', 'Running');
}

// Issue #13: an Off DC reports nothing through KVP; its last reported role (kept by VM Id) must still warn.
test('a turned-off DC still warns: Apply shows the VM-GenerationID/USN warning and New checkpoint defaults to Production', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  const cp = new CheckpointsPage(page);
  const inv = new InventoryPage(page);
  try {
    // Seen running once: the guest reports ProductType 2 and main remembers it.
    await cp.open();
    await cp.pickVm('HV-LAB01', 'DC1');
    await expect(page.getByTestId('cp-role')).toHaveAttribute('data-dc', 'true');
    await cp.create('e2e-dc-off', 'production');

    // Turned off through the UI, confirming.
    await page.getByTestId('nav-inventory').click();
    await inv.waitForHosts();
    const panel = await inv.open('DC1');
    await panel.getByTestId('vm-action-turnoff').click();
    await expect(inv.confirm.getByTestId('confirm-vms')).toHaveText('DC1');
    await inv.confirm.getByTestId('confirm-ok').click();
    await inv.expectState('DC1', 'Off');

    await cp.open();
    await cp.pickVm('HV-LAB01', 'DC1');
    await page.getByTestId('cp-refresh').click();
    await expect(page.getByTestId('cp-role')).toHaveAttribute('data-dc', 'true', { timeout: 30_000 });

    // New checkpoint on the off DC: steered to Production.
    await page.getByTestId('cp-action-create').click();
    const create = page.getByTestId('cp-create-dialog');
    await expect(create.getByTestId('cp-create-dc-note')).toBeVisible();
    await expect(create.getByTestId('cp-create-kind-production')).toBeChecked();
    await create.getByTestId('cp-dialog-cancel').click();
    await expect(create).toHaveCount(0);

    // Apply warns as for a running DC, and cannot go ahead without the acknowledgement.
    await cp.row('e2e-dc-off').click();
    await page.getByTestId('cp-action-apply').click();
    const apply = page.getByTestId('cp-apply-dialog');
    const warning = apply.getByTestId('cp-apply-dc-warning');
    await expect(warning).toBeVisible({ timeout: 15_000 });
    await expect(apply.getByTestId('cp-apply-dc-title')).toHaveText('This VM is a domain controller');
    await expect(warning).toContainText('VM-GenerationID');
    await expect(warning).toContainText('USN rollback');
    await expect(apply.getByTestId('cp-dialog-submit')).toBeDisabled();
    await apply.getByTestId('cp-apply-ack-dc').check();
    await expect(apply.getByTestId('cp-dialog-submit')).toBeEnabled();
    await apply.getByTestId('cp-dialog-cancel').click();
    await expect(apply).toHaveCount(0);
    expect(shell.problems).toEqual([]);
  } finally {
    await startDc1(page);
  }
});
