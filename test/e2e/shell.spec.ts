import { expect, test } from '@playwright/test';
import { ShellPage } from './pages/shell.page';
import { gatewayOrigin, gatewayUrl } from './support/gateway-url';

test.use({ locale: 'en-US' });

test('opens with the token URL and shows the shell without console errors', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());

  // The token was traded for a cookie and taken out of the address bar.
  expect(page.url()).toBe(`${gatewayOrigin()}/`);

  await expect(page.getByRole('banner')).toContainText('Hyperdesk');
  const expected: Array<[string, string]> = [
    ['inventory', 'Inventory'],
    ['checkpoints', 'Checkpoints'],
    ['console', 'Consoles'],
    ['terminal', 'Terminal'],
    ['p2v', 'P2V'],
    ['ledger', 'PowerShell ledger'],
    ['settings', 'Settings'],
  ];
  for (const [id, label] of expected) {
    await expect(shell.navItem(id)).toContainText(label);
  }
  // app.info answered over the WebSocket: the badge says which mode main runs in.
  await expect(shell.modeBadge).toHaveText('Browser mode');
  // The inventory area is there (empty, or the lab host once it is seeded).
  await expect(shell.mainArea.getByTestId('inventory-view')).toBeVisible();
  await expect(shell.mainArea.getByRole('heading', { level: 1 })).toHaveText('Inventory');
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);

  await shell.navItem('settings').click();
  await expect(shell.mainArea.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(shell.navItem('settings')).toHaveAttribute('aria-current', 'page');

  expect(shell.problems).toEqual([]);
});

test('a page load without the token is refused', async ({ page }) => {
  const response = await page.goto(`${gatewayOrigin()}/`);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('navigation')).toHaveCount(0);
});
