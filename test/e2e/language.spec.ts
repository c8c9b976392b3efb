import { expect, test } from '@playwright/test';
import { ShellPage } from './pages/shell.page';
import { gatewayUrl } from './support/gateway-url';

test.describe('in English by default', () => {
  test.use({ locale: 'en-US' });

  test('switching to zh-TW translates the navigation and is remembered', async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open(gatewayUrl());
    await expect(shell.navItem('inventory')).toContainText('Inventory');

    await shell.navItem('settings').click();
    await page.getByTestId('settings-language-zh-TW').check();
    await expect(shell.navItem('inventory')).toContainText('資產清單');
    await expect(shell.navItem('checkpoints')).toContainText('檢查點');
    await expect(shell.navItem('settings')).toContainText('設定');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');

    await page.reload();
    await expect(shell.navItem('inventory')).toContainText('資產清單');

    await shell.languageSwitch.selectOption('en');
    await expect(shell.navItem('inventory')).toContainText('Inventory');
    expect(shell.problems).toEqual([]);
  });
});

test.describe('with a Traditional Chinese browser', () => {
  test.use({ locale: 'zh-TW' });

  test('starts in zh-TW', async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open(gatewayUrl());
    await expect(shell.navItem('inventory')).toContainText('資產清單');
    await expect(page.getByTestId('inventory-view').getByRole('heading', { level: 1 })).toHaveText('資產清單');
    expect(shell.problems).toEqual([]);
  });
});
