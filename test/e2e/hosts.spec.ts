import { expect, test } from '@playwright/test';
import { gatewayUrl } from './support/gateway-url';
import { invokeOverSocket } from './support/invoke-over-socket';
import { ShellPage } from './pages/shell.page';

// Adds, edits and removes a host of its own (SSH to a closed loopback port); the lab hosts are only read.
test.describe.configure({ timeout: 120_000 });

interface HostsList {
  hosts: { id: string; name: string; transport: string; labStateDir?: string; address?: string; port?: number; userName?: string }[];
}

/** What identifies a lab host (its status changes on its own). */
const labIdentity = (list: HostsList) =>
  list.hosts.filter((h) => h.transport === 'lab').map((h) => ({ id: h.id, name: h.name, labStateDir: h.labStateDir }));

test('adds an unreachable SSH host (not ready, with a reason), renames it, removes it after a named confirmation', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  const pane = page.getByTestId('hosts-pane');
  await expect(pane.getByTestId('host-item').first()).toBeVisible({ timeout: 60_000 });
  const before = await invokeOverSocket<HostsList>(page, 'hosts.list', {});
  const labBefore = labIdentity(before);
  expect(labBefore.length).toBeGreaterThan(0);

  const suffix = Date.now().toString(36);
  const name = `e2e-ssh-${suffix}`;
  await pane.getByTestId('add-host').click();
  const dialog = page.getByTestId('add-host-dialog');
  await dialog.getByTestId('host-transport').selectOption('ssh');
  await dialog.getByTestId('host-name').fill(name);
  await dialog.getByTestId('host-address').fill('127.0.0.1');
  await dialog.getByTestId('host-port').fill('9');
  await dialog.getByTestId('host-user').fill('nobody');
  await dialog.getByTestId('host-save').click();
  await expect(dialog).toBeHidden();

  const item = pane.locator(`[data-testid="host-item"][data-host-name="${name}"]`);
  await expect(item).toBeVisible();
  // Nothing listens on port 9: the host settles in a non-ready state and says why.
  await expect(item).toHaveAttribute('data-host-state', /^(failed|degraded)$/, { timeout: 60_000 });
  await expect(item.getByTestId('host-state')).toContainText('·');
  await expect(item.getByTestId('host-message')).not.toBeEmpty();
  await expect(item.getByTestId('host-reconnect')).toBeVisible();

  // Edit: the dialog starts from the host; the name changes and the user name is emptied (cleared, not kept).
  const renamed = `${name}-renamed`;
  await item.getByTestId('host-edit').click();
  await expect(dialog.getByTestId('host-address')).toHaveValue('127.0.0.1');
  await expect(dialog.getByTestId('host-port')).toHaveValue('9');
  await expect(dialog.getByTestId('host-user')).toHaveValue('nobody');
  await dialog.getByTestId('host-name').fill(renamed);
  await dialog.getByTestId('host-user').fill('');
  await dialog.getByTestId('host-save').click();
  await expect(dialog).toBeHidden();
  const renamedItem = pane.locator(`[data-testid="host-item"][data-host-name="${renamed}"]`);
  await expect(renamedItem).toBeVisible();
  await expect(item).toHaveCount(0);
  const afterEdit = await invokeOverSocket<HostsList>(page, 'hosts.list', {});
  const editedHost = afterEdit.hosts.find((h) => h.name === renamed);
  expect(editedHost).toMatchObject({ transport: 'ssh', address: '127.0.0.1', port: 9 });
  expect(editedHost).not.toHaveProperty('userName');

  // Remove: the confirmation names the host; cancel keeps it, confirm removes it.
  await renamedItem.getByTestId('host-remove').click();
  const confirm = page.getByTestId('remove-host-dialog');
  await expect(confirm.getByTestId('remove-host-body')).toContainText(renamed);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(renamedItem).toBeVisible();
  await renamedItem.getByTestId('host-remove').click();
  await confirm.getByTestId('remove-host-confirm').click();
  await expect(confirm).toBeHidden();
  await expect(renamedItem).toHaveCount(0);

  const after = await invokeOverSocket<HostsList>(page, 'hosts.list', {});
  expect(after.hosts.some((h) => h.name === renamed || h.name === name)).toBe(false);
  expect(labIdentity(after)).toEqual(labBefore);
  expect(shell.problems).toEqual([]);
});
