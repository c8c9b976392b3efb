import { expect, type Locator, type Page } from '@playwright/test';
import { CheckpointsPage } from '../pages/checkpoints.page';
import { InventoryPage } from '../pages/inventory.page';
import { P2vPage } from '../pages/p2v.page';
import { ShellPage } from '../pages/shell.page';
import { TerminalPage } from '../pages/terminal.page';
import { gatewayUrl } from './gateway-url';

/** What a walk does at each stop: check the text, run axe... `name` says where it is. */
export type Visit = (name: string) => Promise<void>;

/** The name the walk types into the new-VM wizard (a name the user chose: allowed in any language). */
export const walkVmName = 'WALK-VM1';

/**
 * Every view and dialog of the app, in the language the page starts in, calling `visit` at each stop. It changes
 * nothing on the hosts (dialogs are opened and closed with Escape), so it can run in the shared gateway. Each
 * stop waits for the view's own content, not for a time.
 */
export async function walkEveryView(page: Page, visit: Visit): Promise<ShellPage> {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  const inv = new InventoryPage(page);
  await inv.waitForHosts();
  await visit('inventory');

  await inv.openTasks();
  await visit('tasks panel');

  const details = await inv.open('DC1');
  await visit('VM details: summary');
  await details.getByTestId('tab-settings').click();
  await expect(details.getByTestId('vm-settings')).toBeVisible({ timeout: 30_000 });
  await visit('VM details: settings editor');

  await inv.grid.focus();
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('command-palette')).toBeVisible();
  await visit('command palette');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('command-palette')).toHaveCount(0);

  await inv.grid.focus();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toBeVisible();
  await visit('shortcut help');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-help')).toHaveCount(0);

  await inv.row('DC1').click({ button: 'right' });
  await expect(page.getByTestId('context-menu')).toBeVisible();
  await visit('VM context menu');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('context-menu')).toHaveCount(0);

  await page.getByTestId('new-vm').click();
  const wizard = page.getByTestId('new-vm-wizard');
  await expect(wizard.getByTestId('wizard-name')).toBeVisible();
  await visit('new VM: name');
  await wizard.getByTestId('wizard-name').fill(walkVmName);
  await wizard.getByTestId('wizard-next').click();
  await expect(wizard.getByTestId('wizard-memory')).toBeVisible();
  await visit('new VM: hardware');
  await wizard.getByTestId('wizard-next').click();
  await expect(wizard.getByTestId('wizard-disk-path')).toHaveValue(new RegExp(`${walkVmName}\\.vhdx$`), { timeout: 60_000 });
  await visit('new VM: disk');
  await wizard.getByTestId('wizard-next').click();
  await expect(wizard.getByTestId('wizard-summary')).toContainText(walkVmName);
  await visit('new VM: summary');
  await page.keyboard.press('Escape');
  await expect(wizard).toBeHidden();

  const pane = page.getByTestId('hosts-pane');
  await pane.getByTestId('add-host').click();
  const addHost = page.getByTestId('add-host-dialog');
  await expect(addHost).toBeVisible();
  await visit('add host: WinRM');
  await addHost.getByTestId('host-transport').selectOption('ssh');
  await visit('add host: SSH');
  // A host's failure as the user reads it (nothing listens on port 9): the cause, never an English prefix.
  await addHost.getByTestId('host-name').fill('walk-ssh');
  await addHost.getByTestId('host-address').fill('127.0.0.1');
  await addHost.getByTestId('host-port').fill('9');
  await addHost.getByTestId('host-user').fill('nobody');
  await addHost.getByTestId('host-test').click();
  await expect(addHost.getByTestId('host-test-result')).toHaveAttribute('data-reason', 'connection-refused', { timeout: 30_000 });
  await visit('add host: connection refused');
  await page.keyboard.press('Escape');
  await expect(addHost).toBeHidden();

  await shell.navItem('host-overview').click();
  await expect(page.getByTestId('host-overview-figures')).toBeVisible({ timeout: 60_000 });
  await visit('host overview');

  const cps = new CheckpointsPage(page);
  await cps.open();
  // Not cps.pickVm: its option text is the English one, "DC1 (2)"; zh-TW writes "DC1（2）".
  await expect(page.getByTestId('cp-host-select').locator('option', { hasText: 'HV-LAB01' })).toHaveCount(1, { timeout: 30_000 });
  await pickByText(page.getByTestId('cp-host-select'), /^HV-LAB01\b/);
  const cpVm = page.getByTestId('cp-vm-select').locator('option').filter({ hasText: /^DC1\b/ });
  await expect(cpVm).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('cp-vm-select').selectOption((await cpVm.getAttribute('value'))!);
  await expect(cps.tree).toBeVisible({ timeout: 30_000 });
  await visit('checkpoints');
  await page.getByTestId('cp-action-create').click();
  await expect(page.getByTestId('cp-create-dialog')).toBeVisible();
  await visit('new checkpoint dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cp-create-dialog')).toHaveCount(0);

  await shell.navItem('console').click();
  const vmSelect = page.getByTestId('console-vm');
  await expect(page.getByTestId('console-host').locator('option').first()).toBeAttached({ timeout: 30_000 });
  await pickByText(page.getByTestId('console-host'), /^HV-LAB01\b/);
  const dc1 = vmSelect.locator('option').filter({ hasText: /^DC1\b/ });
  await expect(dc1).toHaveCount(1, { timeout: 30_000 });
  await visit('consoles: picker');
  await vmSelect.selectOption((await dc1.getAttribute('value'))!);
  await page.getByTestId('console-open').click();
  await expect(page.getByTestId('console-canvas')).toHaveAttribute('data-seq', /\d+/, { timeout: 30_000 });
  await visit('consoles: open console');

  const terminal = new TerminalPage(page);
  await terminal.show();
  await page.getByTestId('terminal-new').click();
  await expect(page.getByTestId('terminal-tab').first()).toBeVisible({ timeout: 30_000 });
  await visit('terminal');

  const p2v = new P2vPage(page);
  await p2v.open();
  await visit('P2V: start');
  await p2v.newLabJob('bios-mbr');
  await visit('P2V: preflight');
  await p2v.plan('P2V-WALK', 'External');
  await visit('P2V: plan');

  await shell.navItem('ledger').click();
  await expect(page.getByTestId('ledger-filter')).toBeVisible();
  await visit('ledger');

  await shell.navItem('settings').click();
  await expect(page.getByTestId('settings-view')).toBeVisible();
  await visit('settings');
  await page.getByTestId('settings-reset-lab').click();
  await expect(page.getByTestId('settings-reset-lab-dialog')).toBeVisible();
  await visit('settings: reset lab dialog');
  await page.getByTestId('settings-reset-lab-cancel').click();
  await expect(page.getByTestId('settings-reset-lab-dialog')).toHaveCount(0);
  return shell;
}

/** Selects the one option whose text matches (option texts carry language-dependent extras such as a count). */
async function pickByText(select: Locator, text: RegExp): Promise<void> {
  const option = select.locator('option').filter({ hasText: text });
  await expect(option).toHaveCount(1, { timeout: 30_000 });
  await select.selectOption((await option.getAttribute('value'))!);
}
