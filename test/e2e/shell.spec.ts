import { expect, test } from '@playwright/test';
import { ShellPage } from './pages/shell.page';
import { gatewayOrigin, gatewayUrl } from './support/gateway-url';

test.use({ locale: 'en-US' });

test('opens with the token URL and shows the shell without console errors', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());

  // The token was kept in sessionStorage and taken out of the address bar.
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

test('a page load without the token gets no data and says how to get in', async ({ page }) => {
  // The page itself holds no secret (it is served to anyone on loopback); the WebSocket is the door.
  await page.goto(`${gatewayOrigin()}/`);
  await expect(page.getByTestId('connection-banner')).toContainText('needs its access token');
  await expect(page.getByTestId('mode-badge')).toHaveCount(0);
});
