import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { gatewayUrl } from './support/gateway-url';
import { InventoryPage } from './pages/inventory.page';
import { ShellPage } from './pages/shell.page';

// One lab (small-shop, seeded by the gateway on first start) shared by the specs: every test works on VMs it
// creates itself, except the read-only checks on the seeded Chinese-named VM.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const suffix = Date.now().toString(36);

test('creates a VM with the wizard, starts it and sees the state change; View PowerShell shows the command', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  const name = `e2e-start-${suffix}`;
  await inv.createVm(name);
  await inv.expectState(name, 'Off');
  const panel = await inv.open(name);
  await panel.getByTestId('vm-action-start').click();
  await inv.expectState(name, 'Running');
  await expect(panel.getByTestId('details-state')).not.toHaveText('Off');

  const tasks = await inv.openTasks();
  const startTask = tasks.locator('[data-testid="task-row"][data-task-kind="vm.start"]').first();
  await expect(startTask).toHaveAttribute('data-task-status', 'succeeded');
  await startTask.getByTestId('task-view-ps').click();
  // The cmdlet an admin would type, by name; the script call (by its name, no path) is one click away.
  await expect(startTask.getByTestId('ps-command')).toHaveText(`Start-VM -Name '${name}'`);
  await startTask.getByTestId('show-full-script').click();
  await expect(startTask.getByTestId('full-script')).toContainText("vm-action.ps1 -Action 'start'");

  // A new VM has no guest OS to shut down: the host refuses, and its own message is shown plainly.
  await panel.getByTestId('vm-action-shutdown').click();
  await expect(inv.confirm.getByTestId('confirm-vms')).toHaveText(name);
  await inv.confirm.getByTestId('confirm-ok').click();
  const refused = tasks.locator('[data-testid="task-row"][data-task-kind="vm.shutdown"]').first();
  await expect(refused).toHaveAttribute('data-task-status', 'failed', { timeout: 60_000 });
  await expect(refused.getByTestId('task-error')).toContainText('failed to shut down');
  await panel.getByTestId('vm-action-turnoff').click();
  await inv.confirm.getByTestId('confirm-ok').click();
  await inv.expectState(name, 'Off');
  expect(shell.problems).toEqual([]);
});

test('a failed new VM leaves nothing behind and a retry with the same name works', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  const name = `e2e-retry-${suffix}`;
  // A mistyped ISO path: the host refuses it after New-VM and New-VHD have run, so the script must undo both.
  await inv.createVm(name, { isoPath: '/no/such/folder/setup.iso', expectFailure: true });
  const toast = page.getByTestId('toast').filter({ hasText: name });
  await expect(toast).toBeVisible({ timeout: 60_000 });
  await expect(toast).toContainText('says:');
  const tasks = await inv.openTasks();
  const failed = tasks.locator('[data-testid="task-row"][data-task-kind="vm.create"]').filter({ hasText: name }).first();
  await expect(failed).toHaveAttribute('data-task-status', 'failed');
  await expect(inv.row(name)).toHaveCount(0);
  // The same name again, without the ISO: the half-made VM and its VHDX are gone, so nothing is in the way.
  await inv.createVm(name);
  await inv.expectState(name, 'Off');
  expect(shell.problems).toEqual([]);
});

test('bulk: shuts down three VMs on two hosts with one result per VM, then starts them again', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  // Seeded VMs with a guest OS (a guest shutdown needs one); they are started again at the end.
  const names = ['SQL1', 'WEB1', 'LNX1']; // FS1 belongs to the checkpoints spec, which leaves it Saved
  for (const n of names) await inv.expectState(n, 'Running');
  for (const n of names) await inv.select(n);
  await expect(page.getByTestId('bulk-bar')).toBeVisible();
  await page.getByTestId('bulk-shutdown').click();
  // A shutdown asks first, naming every VM.
  for (const n of names) await expect(inv.confirm.getByTestId('confirm-vms')).toContainText(n);
  await inv.confirm.getByTestId('confirm-ok').click();
  for (const n of names) await inv.expectState(n, 'Off');

  const tasks = await inv.openTasks();
  const bulk = tasks.locator('[data-testid="task-row"][data-task-kind="vm.shutdown"]').first();
  await expect(bulk).toHaveAttribute('data-task-status', 'succeeded', { timeout: 30_000 });
  await expect(bulk).toContainText('3 of 3');
  await bulk.getByTestId('task-view-ps').click();
  // One line per VM, by name, as vm-action.ps1 shuts them down (Stop-VM -Force).
  for (const n of names) await expect(bulk.getByTestId('ps-command')).toContainText(`Stop-VM -Name '${n}' -Force`);

  await page.getByTestId('bulk-start').click();
  for (const n of names) await inv.expectState(n, 'Running');
  expect(shell.problems).toEqual([]);
});

test('edits memory: refuses bad dynamic limits before sending, applies a valid change', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  const name = `e2e-mem-${suffix}`;
  await inv.createVm(name);
  const panel = await inv.open(name);
  await panel.getByTestId('tab-settings').click();
  const form = panel.getByTestId('vm-settings');
  await form.getByTestId('set-dynamic').check();
  await form.getByTestId('set-startup').fill('2048');
  await form.getByTestId('set-minimum').fill('4096');
  await form.getByTestId('set-maximum').fill('8192');
  await expect(form.getByTestId('settings-problem')).toHaveCount(1);
  await expect(form.getByTestId('settings-save')).toBeDisabled();
  await form.getByTestId('set-minimum').fill('512');
  await expect(form.getByTestId('settings-problem')).toHaveCount(0);
  await form.getByTestId('settings-save').click();
  await expect(form.getByTestId('settings-result')).toHaveAttribute('role', 'status', { timeout: 30_000 });
  // The editor re-reads the VM: the values it shows now come from the host.
  await expect(form.getByTestId('set-startup')).toHaveValue('2048');
  await expect(form.getByTestId('set-maximum')).toHaveValue('8192');
  await expect(form.getByTestId('set-dynamic')).toBeChecked();
  expect(shell.problems).toEqual([]);
});

test('turns on the TPM of a new Gen 2 VM (the host creates its key protector) and the editor reads it back', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  const name = `e2e-tpm-${suffix}`;
  await inv.createVm(name);
  const panel = await inv.open(name);
  await panel.getByTestId('tab-settings').click();
  const form = panel.getByTestId('vm-settings');
  // Known (not "unknown"): the lab answers Get-VMSecurity like a real host.
  const tpm = form.getByTestId('set-tpm');
  await expect(tpm).toBeEnabled({ timeout: 30_000 });
  await expect(tpm).not.toBeChecked();
  await tpm.check();
  await form.getByTestId('settings-save').click();
  await expect(form.getByTestId('settings-result')).toHaveAttribute('role', 'status', { timeout: 30_000 });
  await expect(form.getByTestId('set-tpm')).toBeChecked();
  expect(shell.problems).toEqual([]);
});

test('deletes a VM with its files after a confirmation that names them', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  const name = `e2e-del-${suffix}`;
  await inv.createVm(name);
  const panel = await inv.open(name);
  await panel.getByTestId('vm-action-delete').click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog.getByTestId('delete-vms')).toContainText(name);
  await dialog.getByTestId('delete-with-files').check();
  await expect(dialog.getByTestId('delete-files')).toContainText(`${name}.vhdx`);
  await dialog.getByTestId('delete-confirm').click();
  await expect(inv.row(name)).toHaveCount(0, { timeout: 30_000 });
  const tasks = await inv.openTasks();
  await expect(tasks.locator('[data-testid="task-row"][data-task-kind="vm.delete"]').first()).toHaveAttribute('data-task-status', 'succeeded');
  expect(shell.problems).toEqual([]);
});

test('zh-TW: the inventory is translated and a Chinese-named VM shows and sorts by the locale', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  await shell.navItem('settings').click();
  await page.getByTestId('settings-language-zh-TW').check();
  await shell.navItem('inventory').click();
  await expect(page.getByTestId('sort-name')).toContainText('名稱');
  await expect(page.getByTestId('new-vm')).toHaveText('新增虛擬機器');
  await expect(inv.row('測試伺服器')).toBeVisible({ timeout: 30_000 });
  await expect(inv.row('測試伺服器').getByTestId('vm-state')).toHaveText('關閉');

  const collator = new Intl.Collator('zh-TW', { numeric: true, sensitivity: 'base' });
  const asc = await inv.rowNames();
  expect(asc).toContain('測試伺服器');
  expect(asc).toEqual([...asc].sort(collator.compare));
  await page.getByTestId('sort-name').click();
  const desc = await inv.rowNames();
  expect(desc).toEqual([...desc].sort(collator.compare).reverse());

  // Searching Chinese text finds the VM.
  await inv.search('伺服');
  await expect(page.locator('[data-testid="vm-row"]')).toHaveCount(1);
  await expect(inv.row('測試伺服器')).toBeVisible();
  await shell.navItem('settings').click();
  await page.getByTestId('settings-language-en').check();
  expect(shell.problems).toEqual([]);
});

test('a saved view restores its search, state filter and sort after a reload', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  await inv.waitForHosts();
  await inv.search('hv-lab');
  await page.getByTestId('filter-state').selectOption('Running');
  await page.getByTestId('sort-name').click();
  expect(await inv.sortOf('name')).toBe('descending');
  await expect(page.getByTestId('vm-grid')).toHaveAttribute('data-search', 'hv-lab');
  const names = await inv.rowNames();
  expect(names.length).toBeGreaterThan(1);
  for (const n of names) await expect(inv.row(n)).toHaveAttribute('data-vm-state', 'Running');
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  expect(names).toEqual([...names].sort(collator.compare).reverse());
  const view = `e2e-running-desc-${suffix}`;
  await inv.saveView(view);

  await page.reload();
  await inv.waitForHosts();
  // A reload starts from the default query...
  await expect(page.getByTestId('inventory-search')).toHaveValue('');
  expect(await inv.sortOf('name')).toBe('ascending');
  // ...and choosing the saved view brings all of it back.
  await page.getByTestId('saved-views').selectOption({ label: view });
  await expect(page.getByTestId('inventory-search')).toHaveValue('hv-lab');
  await expect(page.getByTestId('filter-state')).toHaveValue('Running');
  expect(await inv.sortOf('name')).toBe('descending');
  await expect(page.getByTestId('vm-grid')).toHaveAttribute('data-search', 'hv-lab');
  expect(await inv.rowNames()).toEqual(names);

  // Editing the query leaves the view (it is not changed behind the user's back); deleting it removes it.
  await inv.search('hv-lab0');
  await expect(page.getByTestId('saved-views')).toHaveValue('');
  await page.getByTestId('saved-views').selectOption({ label: view });
  await page.getByRole('button', { name: 'Delete view' }).click();
  await expect(page.getByTestId('saved-views').locator('option', { hasText: view })).toHaveCount(0);
  expect(shell.problems).toEqual([]);
});

test('actions follow state: Start on a running VM is disabled with the reason; a turn-off asks first, naming the VM; bulk skips VMs already there', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  const name = `e2e-state-${suffix}`;
  await inv.createVm(name);
  await inv.expectState(name, 'Off');

  // The context menu acts: Start from the row's menu.
  let menu = await inv.menuOf(name);
  await expect(menu.getByTestId('menu-resume')).toBeDisabled();
  await expect(menu.getByTestId('menu-resume')).toHaveAttribute('title', `${name} is not paused`);
  await menu.getByTestId('menu-start').click();
  await inv.expectState(name, 'Running');
  menu = await inv.menuOf(name);
  await expect(menu.getByTestId('menu-start')).toBeDisabled();
  await expect(menu.getByTestId('menu-start')).toHaveAttribute('title', `${name} is already running`);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  // Turn off asks first; Cancel leaves the VM running.
  const panel = await inv.open(name);
  await expect(panel.getByTestId('vm-action-start')).toBeDisabled();
  await expect(panel.getByTestId('vm-action-start')).toHaveAttribute('title', `${name} is already running`);
  await panel.getByTestId('vm-action-turnoff').click();
  await expect(inv.confirm).toContainText(`Turn off ${name}?`);
  await expect(inv.confirm.getByTestId('confirm-vms')).toHaveText(name);
  await inv.confirm.getByTestId('confirm-cancel').click();
  await expect(inv.confirm).toHaveCount(0);
  await page.waitForTimeout(500);
  await inv.expectState(name, 'Running', 1_000);
  await panel.getByTestId('vm-action-turnoff').click();
  await inv.confirm.getByTestId('confirm-ok').click();
  await inv.expectState(name, 'Off');

  // Bulk: Start on this (off) VM and a running one starts one and says the other was skipped.
  await inv.expectState('SQL1', 'Running');
  await inv.select(name);
  await inv.select('SQL1');
  await expect(page.getByTestId('bulk-start')).toHaveAttribute('title', '1 skipped: already running');
  await page.getByTestId('bulk-start').click();
  await expect(page.getByTestId('action-notice')).toContainText('1 skipped: already running (SQL1)');
  await inv.expectState(name, 'Running');
  await page.getByRole('button', { name: 'Clear selection' }).click();

  // Deleting a running VM says so and offers "Turn off and delete".
  await inv.open(name);
  await page.getByTestId('vm-details').getByTestId('vm-action-delete').click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog.getByTestId('delete-running')).toContainText(name);
  await expect(dialog.getByTestId('delete-confirm')).toHaveText('Turn off and delete');
  await dialog.getByTestId('delete-confirm').click();
  await expect(inv.row(name)).toHaveCount(0, { timeout: 60_000 });
  expect(shell.problems).toEqual([]);
});

test('the grid is navigated by keyboard: arrows move, Enter opens, Delete asks, Shift+F10 opens the menu; Ctrl+K and ? work', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  await inv.waitForHosts();
  const names = await inv.rowNames();
  await inv.grid.focus();
  await expect(inv.row(names[0]!)).toHaveAttribute('data-cursor', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(inv.row(names[1]!)).toHaveAttribute('data-cursor', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('vm-details').getByTestId('details-name')).toHaveText(names[1]!);
  await inv.grid.focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('delete-dialog').getByTestId('delete-vms')).toContainText(names[1]!);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('delete-dialog')).toHaveCount(0);
  await inv.grid.focus();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('context-menu')).toHaveAttribute('aria-label', `Actions for ${names[1]}`);
  await page.keyboard.press('Escape');
  // End reaches the last row and keeps it scrolled into view.
  await page.keyboard.press('End');
  const last = inv.row(names[names.length - 1]!);
  await expect(last).toHaveAttribute('data-cursor', 'true');
  await expect(last).toBeInViewport();

  // Ctrl+K: the palette finds a VM by a fuzzy name and opens it, keyboard only.
  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  await page.keyboard.type('sql1');
  await expect(palette.getByTestId('palette-item').first()).toContainText('SQL1');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page.getByTestId('vm-details').getByTestId('details-name')).toHaveText('SQL1');
  // ? lists the shortcuts.
  await inv.grid.focus();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toContainText('Ctrl+K');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-help')).toHaveCount(0);
  expect(shell.problems).toEqual([]);
});

test('empty states: a search with no match says so and Clear filter brings the rows back', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  await inv.waitForHosts();
  await inv.search(`no-such-vm-${suffix}`);
  const empty = page.getByTestId('inventory-empty');
  await expect(empty).toHaveAttribute('data-empty', 'no-match');
  await expect(empty).toContainText('Clear the filter');
  await empty.getByTestId('empty-clear-filter').click();
  await expect(page.getByTestId('inventory-search')).toHaveValue('');
  await expect(page.locator('[data-testid="vm-row"]').first()).toBeVisible();
  expect(shell.problems).toEqual([]);
});

test('columns: the chooser hides and moves columns, a saved view keeps them across a reload; IP addresses show', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  await inv.waitForHosts();
  expect(await inv.columnKeys()).toContain('ipAddresses');
  // A running seeded VM reports its addresses (KVP) in the grid's own read.
  await expect(inv.row('SQL1').getByRole('gridcell').nth(8)).toHaveText(/\d+\.\d+\.\d+\.\d+/);

  await page.getByTestId('column-chooser').click();
  await page.getByTestId('column-toggle-host').uncheck();
  // Past the hidden Host column, then past State.
  await page.getByTestId('column-down-name').click();
  await page.getByTestId('column-down-name').click();
  await page.getByTestId('column-chooser').click();
  const layout = await inv.columnKeys();
  expect(layout).not.toContain('host');
  expect(layout.slice(0, 2)).toEqual(['state', 'name']);
  const view = `e2e-columns-${suffix}`;
  await inv.saveView(view);

  // Back to the default columns, reload, and the view brings its columns back.
  await page.getByTestId('saved-views').selectOption('');
  await page.getByTestId('column-chooser').click();
  await page.getByTestId('column-reset').click();
  await page.getByTestId('column-chooser').click();
  expect(await inv.columnKeys()).toContain('host');
  await page.reload();
  await inv.waitForHosts();
  await page.getByTestId('saved-views').selectOption({ label: view });
  expect(await inv.columnKeys()).toEqual(layout);
  await page.getByTestId('saved-views').selectOption({ label: view });
  await page.getByRole('button', { name: 'Delete view' }).click();
  await page.getByTestId('column-chooser').click();
  await page.getByTestId('column-reset').click();
  expect(shell.problems).toEqual([]);
});

test('at 1600 x 900 the default columns fit without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  await inv.waitForHosts();
  await page.getByTestId('column-chooser').click();
  await page.getByTestId('column-reset').click();
  await page.getByTestId('column-chooser').click();
  const body = page.getByTestId('vm-grid-body');
  const { scrollWidth, clientWidth } = await body.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(clientWidth).toBeGreaterThan(0);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  // Still so with many VMs, when a vertical scrollbar (up to 17 px) takes its share: the columns' least width fits.
  type Styles = { getComputedStyle(el: unknown): { getPropertyValue(name: string): string } }; // no DOM lib here
  const least = await inv.grid.evaluate((el) => Number.parseInt((globalThis as unknown as Styles).getComputedStyle(el).getPropertyValue('--vm-grid-min'), 10));
  expect(least + 17).toBeLessThanOrEqual(clientWidth);
  expect(shell.problems).toEqual([]);
});

test('a checkpoint of a domain controller from the grid offers production or a standard one with a reason, refused next to the field when empty', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  await inv.waitForHosts();
  const menu = await inv.menuOf('DC1');
  await menu.getByTestId('menu-checkpoint').click();
  const dialog = page.getByTestId('dc-checkpoint');
  await expect(dialog).toContainText('DC1: domain controller');
  await expect(dialog.getByTestId('dc-production')).toBeChecked();
  await dialog.getByTestId('dc-standard').check();
  await dialog.getByTestId('dc-checkpoint-submit').click();
  await expect(dialog.getByTestId('dc-reason-error')).toHaveText('Give a reason of at least 5 characters.');
  await expect(dialog.getByTestId('dc-reason')).toHaveAttribute('aria-invalid', 'true');
  // Cancel: nothing is taken (this spec leaves DC1's checkpoint tree to the checkpoints spec).
  await dialog.getByTestId('dc-checkpoint-cancel').click();
  await expect(dialog).toHaveCount(0);
  const tasks = await inv.openTasks();
  await expect(tasks.locator('[data-testid="task-row"][data-task-kind="vm.checkpoint"]')).toHaveCount(0);
  expect(shell.problems).toEqual([]);
});

test('a host\'s right-click menu shows only its VMs', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  await inv.waitForHosts();
  const host = page.locator('[data-testid="host-item"]').nth(1);
  const hostName = (await host.getAttribute('data-host-name'))!;
  await host.getByRole('button', { name: new RegExp(hostName) }).first().click({ button: 'right' });
  const menu = page.getByTestId('host-context-menu');
  await expect(menu).toHaveAttribute('aria-label', `Actions for host ${hostName}`);
  await menu.getByTestId('menu-host-vms').click();
  await expect(menu).toHaveCount(0);
  const names = await inv.rowNames();
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(await inv.hostOf(n)).toBe(hostName);
  await page.locator('.hosts-pane__item').first().click(); // back to all hosts
  expect(shell.problems).toEqual([]);
});

// The grid's part of the view (the navigation and the hosts pane are checked by their own specs).
test('accessibility: the grid, its context menu and the command palette have no serious or critical axe violations', async ({ page }) => {
  const shell = new ShellPage(page);
  const inv = new InventoryPage(page);
  await shell.open(gatewayUrl());
  await inv.waitForHosts();
  const serious = async () =>
    (await new AxeBuilder({ page }).include('.inventory__main').include('[data-testid="context-menu"]').include('[data-testid="command-palette"]').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  await inv.grid.focus();
  expect(await serious()).toEqual([]);
  await inv.menuOf('DC1');
  expect(await serious()).toEqual([]);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('command-palette')).toBeVisible();
  expect(await serious()).toEqual([]);
  await page.keyboard.press('Escape');
  expect(shell.problems).toEqual([]);
});
