import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the Checkpoints view: host/VM pickers, the tree, the action dialogs. */
export class CheckpointsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-checkpoints').click();
    await expect(this.page.getByTestId('checkpoints-view')).toBeVisible();
  }

  async pickVm(hostName: string, vmName: string): Promise<void> {
    const host = this.page.getByTestId('cp-host-select');
    await expect(host.locator('option', { hasText: hostName })).toHaveCount(1, { timeout: 30_000 });
    const hostValue = await host.locator('option', { hasText: hostName }).getAttribute('value');
    await host.selectOption(hostValue!);
    const vm = this.page.getByTestId('cp-vm-select');
    const option = vm.locator('option').filter({ hasText: new RegExp(`^${vmName} \\(`) });
    await expect(option).toHaveCount(1, { timeout: 30_000 });
    await vm.selectOption((await option.getAttribute('value'))!);
    await expect(this.tree).toBeVisible({ timeout: 30_000 });
  }

  get tree(): Locator {
    return this.page.getByTestId('checkpoint-tree');
  }

  row(name: string): Locator {
    return this.tree.locator(`[data-testid="checkpoint-row"][data-name="${name}"]`);
  }

  get now(): Locator {
    return this.page.getByTestId('checkpoint-now');
  }

  async idOf(name: string): Promise<string> {
    const id = await this.row(name).getAttribute('id');
    return id!.replace(/^cp-row-/, '');
  }

  async create(name: string, kind: 'standard' | 'production' = 'standard'): Promise<void> {
    await this.page.getByTestId('cp-action-create').click();
    const dialog = this.page.getByTestId('cp-create-dialog');
    await dialog.getByTestId('cp-create-name').fill(name);
    await dialog.getByTestId(`cp-create-kind-${kind}`).check();
    await dialog.getByTestId('cp-dialog-submit').click();
    await expect(dialog).toHaveCount(0);
    await expect(this.row(name)).toHaveCount(1, { timeout: 30_000 });
  }

  /** Opens a tree node's context menu (right-click) and picks one of its actions. */
  async menuAction(name: string, item: string): Promise<void> {
    await this.row(name).click({ button: 'right' });
    const menu = this.page.getByTestId('cp-context-menu');
    await expect(menu).toBeVisible();
    await menu.locator(`[role="menuitem"][data-item="${item}"]`).click();
    await expect(menu).toHaveCount(0);
  }

  /** Applies a checkpoint without a safety checkpoint first (so the tree shape stays the test's). */
  async apply(name: string): Promise<void> {
    await this.row(name).click();
    await this.page.getByTestId('cp-action-apply').click();
    const dialog = this.page.getByTestId('cp-apply-dialog');
    await expect(dialog.getByTestId('cp-apply-effect')).toBeVisible({ timeout: 15_000 });
    await dialog.getByTestId('cp-apply-first').uncheck();
    await dialog.getByTestId('cp-dialog-submit').click();
    await expect(dialog).toHaveCount(0);
  }
}
