import { expect, test } from '@playwright/test';
import { InventoryPage } from './pages/inventory.page';
import { ShellPage } from './pages/shell.page';
import { TerminalPage } from './pages/terminal.page';
import { gatewayUrl } from './support/gateway-url';

test.use({ locale: 'en-US' });
test.setTimeout(180_000);

type Snapshot = { hosts: Array<{ hostId: string; vms: Array<{ id: string; name: string }> }> };

test('start a VM from the grid, find the exact command in the PowerShell ledger, send it to a terminal on that host without running it', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  const term = new TerminalPage(page);
  await shell.open(gatewayUrl());

  // A VM of our own, so other specs' VMs keep their states.
  const name = `e2e-ledger-${Date.now().toString(36)}`;
  await inv.createVm(name);
  await inv.expectState(name, 'Off');
  await inv.select(name);
  await page.getByTestId('bulk-start').click();
  await inv.expectState(name, 'Running');
  const snap = await term.invoke<Snapshot>('inventory.snapshot', {});
  const vm = snap.hosts.flatMap((h) => h.vms).find((v) => v.name === name)!;

  // The ledger shows the exact command the grid ran.
  await shell.navItem('ledger').click();
  await page.getByTestId('ledger-filter').fill(vm.id);
  const entry = page.locator('[data-testid="ledger-entry"][data-script="inventory/vm-action"]').filter({ hasText: 'Start-VM' }).first();
  await expect(entry).toBeVisible({ timeout: 30_000 });
  // First the cmdlet an admin would type, by name; the exact script call (by name, never a path) one click away.
  const command = (await entry.getByTestId('ledger-command').textContent())!;
  expect(command).toBe(`Start-VM -Name '${name}'`);
  await entry.getByTestId('show-full-script').click();
  await expect(entry.getByTestId('full-script')).toContainText(`vm-action.ps1 -Action 'start' -VmId @('${vm.id}')`);
  expect(await entry.innerText()).not.toMatch(/\/(work|home|tmp)\/|electron\/main/);

  // Explain names the cmdlet behind the click and the parameter set it binds to.
  await entry.getByRole('button', { name: 'Explain' }).click();
  await expect(entry.getByTestId('ledger-explain')).toContainText('Start-VM');
  await expect(entry.getByTestId('ledger-explain')).toContainText('Binds to parameter set: VMObject');

  // Run in terminal: the terminal docks under the ledger (which stays in view), a shell on the same host
  // opens with the command on its prompt line, not executed.
  await entry.getByTestId('ledger-run-in-terminal').click();
  await expect(term.dock).toBeVisible();
  await expect(page.getByTestId('terminal-tab')).toHaveCount(1, { timeout: 30_000 });
  await expect(entry).toBeVisible();
  const flat = command.replace(/\s+/g, ' ');
  await expect.poll(async () => (await term.text()).replace(/\s+/g, ' '), { timeout: 60_000 }).toContain(flat);
  await page.waitForTimeout(1_500);
  const lines = (await term.lines()).filter((l) => l.length > 0);
  const promptAt = lines.findLastIndex((l) => /^PS .*> /.test(l));
  expect(promptAt).toBeGreaterThanOrEqual(0);
  // Everything from the last prompt to the end of the screen is that prompt plus the pasted command: nothing ran.
  expect(lines.slice(promptAt).join('').replace(/\s+/g, ' ')).toMatch(new RegExp(`^PS .*> ${escape(flat)}$`));

  expect(shell.problems).toEqual([]);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
