import { expect, test, type Page } from '@playwright/test';
import { ShellPage } from './pages/shell.page';
import { gatewayUrl } from './support/gateway-url';
import { invokeOverSocket } from './support/invoke-over-socket';

interface SettingsAnswer {
  settings: { theme: string; refreshSeconds: number };
  inEffect: { inventoryPollMs: number | null };
}

async function openSettings(page: Page): Promise<ShellPage> {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  await shell.navItem('settings').click();
  await expect(page.getByTestId('settings-view')).toBeVisible();
  return shell;
}

test.describe('Settings', () => {
  test.use({ locale: 'en-US', colorScheme: 'light' });

  // The gateway is shared by every spec: put back what this one changed.
  test.afterEach(async ({ page }) => {
    await invokeOverSocket(page, 'app.setSettings', { theme: 'system', refreshSeconds: 4 });
  });

  test('the theme switch applies at once and persists across a reload and another browser', async ({ page, browser }) => {
    const shell = await openSettings(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light'); // "follow the system" on a light OS
    await page.getByTestId('settings-theme-dark').check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(20, 24, 31)');

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await shell.navItem('settings').click();
    await expect(page.getByTestId('settings-theme-dark')).toBeChecked();

    // Kept by main (app-settings.json), not only by this browser: a fresh context sees it too.
    const other = await browser.newContext({ colorScheme: 'light' });
    const second = await other.newPage();
    await new ShellPage(second).open(gatewayUrl());
    await expect(second.locator('html')).toHaveAttribute('data-theme', 'dark');
    await other.close();
    expect(shell.problems).toEqual([]);
  });

  test('the refresh interval is refused out of range next to its field, and applies to the inventory poll once saved', async ({ page }) => {
    const shell = await openSettings(page);
    const field = page.getByTestId('settings-refreshSeconds');
    await expect(field).toHaveValue('4');
    await expect(page.getByTestId('settings-in-effect')).toContainText('every 4 s');

    await field.fill('1');
    await expect(page.getByTestId('settings-refreshSeconds-error')).toHaveText('A whole number from 2 to 600');
    await expect(page.getByTestId('settings-save-numbers')).toBeDisabled();

    await field.fill('7');
    await expect(page.getByTestId('settings-refreshSeconds-error')).toHaveCount(0);
    await page.getByTestId('settings-save-numbers').click();
    await expect(page.getByTestId('settings-in-effect')).toContainText('every 7 s');
    const answer = await invokeOverSocket<SettingsAnswer>(page, 'app.settings', {});
    expect(answer.settings.refreshSeconds).toBe(7);
    expect(answer.inEffect.inventoryPollMs).toBe(7000);

    // Main refuses a bad value too, whoever sends it.
    await expect(invokeOverSocket(page, 'app.setSettings', { refreshSeconds: 0 })).rejects.toThrow();
    await page.reload();
    await shell.navItem('settings').click();
    await expect(page.getByTestId('settings-refreshSeconds')).toHaveValue('7');
    expect(shell.problems).toEqual([]);
  });

  test('shows the data folder and resets the lab after a confirmation, showing the command it runs', async ({ page }) => {
    test.setTimeout(120_000);
    const shell = await openSettings(page);
    const info = await invokeOverSocket<{ dataDir: string }>(page, 'app.info', {});
    await expect(page.getByTestId('settings-data-dir')).toHaveText(info.dataDir);
    await expect(page.getByTestId('settings-lab-command')).toContainText('new-lab.ps1');
    await expect(page.getByTestId('settings-lab-command')).toContainText('-Scenario small-shop -Force');

    await page.getByTestId('settings-reset-lab').click();
    await expect(page.getByTestId('settings-reset-lab-dialog')).toBeVisible();
    await page.getByTestId('settings-reset-lab-cancel').click();
    await expect(page.getByTestId('settings-reset-lab-dialog')).toHaveCount(0);

    await page.getByTestId('settings-reset-lab').click();
    await page.getByTestId('settings-reset-lab-submit').click();
    await expect(page.getByTestId('settings-lab-done')).toContainText('HV-LAB01', { timeout: 90_000 });
    expect(shell.problems).toEqual([]);
  });
});
