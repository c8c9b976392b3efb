import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the inventory: grid, toolbar, bulk bar, details panel, wizard, delete dialog, task panel. */
export class InventoryPage {
  constructor(readonly page: Page) {}

  get grid(): Locator {
    return this.page.getByTestId('vm-grid');
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="vm-row"][data-vm-name="${name}"]`);
  }

  async rowNames(): Promise<string[]> {
    return this.page.locator('[data-testid="vm-row"]').evaluateAll((rows) =>
      rows
        .map((r) => ({ name: r.getAttribute('data-vm-name') ?? '', index: Number(r.getAttribute('aria-rowindex')) }))
        .sort((a, b) => a.index - b.index)
        .map((r) => r.name),
    );
  }

  /** Waits until every host's rows are read (none from the cache only) and no refresh is running. */
  async waitForHosts(): Promise<void> {
    await expect(this.page.locator('[data-testid="vm-row"]').first()).toBeVisible({ timeout: 30_000 });
    await expect(this.page.getByTestId('inventory-stale')).toHaveCount(0, { timeout: 60_000 });
    await expect(this.page.getByTestId('inventory-refresh')).toBeEnabled({ timeout: 60_000 });
  }

  /** The name of the host a VM's row is on (the grid's Host column). */
  async hostOf(name: string): Promise<string> {
    return (await this.row(name).getByRole('gridcell').nth(2).innerText()).trim();
  }

  /** The sort state of a column header: 'ascending', 'descending' or 'none'. */
  async sortOf(key: string): Promise<string | null> {
    return this.page.getByRole('columnheader').filter({ has: this.page.getByTestId(`sort-${key}`) }).getAttribute('aria-sort');
  }

  async saveView(name: string): Promise<void> {
    await this.page.getByTestId('save-view').click();
    await this.page.getByTestId('view-name').fill(name);
    await this.page.getByTestId('view-name').press('Enter');
    await expect(this.page.getByTestId('saved-views').locator('option', { hasText: name })).toHaveCount(1);
    await expect(this.page.getByTestId('view-name')).toHaveCount(0);
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('inventory-search').fill(text);
  }

  async expectState(name: string, state: string, timeout = 60_000): Promise<void> {
    await expect(this.row(name)).toHaveAttribute('data-vm-state', state, { timeout });
  }

  async select(name: string): Promise<void> {
    await this.row(name).getByRole('checkbox').check();
  }

  async open(name: string): Promise<Locator> {
    await this.row(name).getByRole('button', { name, exact: true }).click();
    const panel = this.page.getByTestId('vm-details');
    await expect(panel.getByTestId('details-name')).toHaveText(name);
    return panel;
  }

  async createVm(name: string, opts: { diskGb?: number; isoPath?: string; expectFailure?: boolean } = {}): Promise<void> {
    await this.page.getByTestId('new-vm').click();
    const wizard = this.page.getByTestId('new-vm-wizard');
    await wizard.getByTestId('wizard-name').fill(name);
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('wizard-memory').fill('1024');
    await wizard.getByTestId('wizard-next').click();
    await expect(wizard.getByTestId('wizard-disk-path')).toHaveValue(new RegExp(`${name}\\.vhdx$`), { timeout: 60_000 });
    if (opts.diskGb) await wizard.getByTestId('wizard-disk-size').fill(String(opts.diskGb));
    if (opts.isoPath) await wizard.getByTestId('wizard-iso').fill(opts.isoPath);
    await wizard.getByTestId('wizard-next').click();
    await expect(wizard.getByTestId('wizard-summary')).toContainText(name);
    await wizard.getByTestId('wizard-create').click();
    await expect(wizard).toBeHidden();
    if (!opts.expectFailure) await expect(this.row(name)).toBeVisible({ timeout: 60_000 });
  }

  /** Right-clicks a row: the actions menu. */
  async menuOf(name: string): Promise<Locator> {
    await this.row(name).click({ button: 'right' });
    const menu = this.page.getByTestId('context-menu');
    await expect(menu).toBeVisible();
    return menu;
  }

  /** The confirmation of a destructive action: its list of VMs. */
  get confirm(): Locator {
    return this.page.getByTestId('confirm-action');
  }

  /** The grid's column header keys, in order. */
  async columnKeys(): Promise<string[]> {
    return this.page.locator('[data-testid="vm-grid-head"] [data-testid^="col-"]').evaluateAll((cells) => cells.map((c) => (c.getAttribute('data-testid') ?? '').slice(4)));
  }

  async openTasks(): Promise<Locator> {
    const panel = this.page.getByTestId('task-panel');
    if ((await panel.getByTestId('task-panel-toggle').getAttribute('aria-expanded')) !== 'true') await panel.getByTestId('task-panel-toggle').click();
    return panel;
  }
}
