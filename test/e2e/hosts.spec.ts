import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startSshLabHosts, type SshLabHosts } from '../support/lab-hosts/ssh-lab-hosts';
import { gatewayUrl } from './support/gateway-url';
import { invokeOverSocket } from './support/invoke-over-socket';
import { ShellPage } from './pages/shell.page';
import { TerminalPage } from './pages/terminal.page';

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
  // The reason, once: ssh's own cause in words (connection refused), not a generic "unreachable".
  await expect(item.getByTestId('host-message')).toHaveCount(1);
  await expect(item.getByTestId('host-message')).toContainText('connection refused');
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

/** WCAG AA colour contrast (4.5:1) of everything inside `selector`, by axe-core's own rule. */
async function contrastViolations(page: Page, selector: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).include(selector).withRules(['color-contrast']).analyze();
  return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary ?? ''}`));
}

/** The box of `inner` lies inside the box of `outer` (not clipped by it). */
async function inside(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  return !!a && !!b && a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5;
}

test.describe('an SSH lab host, added as npm run lab says', () => {
  let lab: SshLabHosts;
  test.beforeAll(async () => {
    lab = await startSshLabHosts({ scenario: 'small-shop', count: 1 });
  });
  test.afterAll(async () => {
    await lab?.dispose();
  });

  test('validates in the form, shows the real cause, trusts the key on first contact, shows its VMs; a changed key is refused', async ({ page }) => {
    const h = lab.hosts[0]!;
    const shell = new ShellPage(page);
    await shell.open(gatewayUrl());
    const pane = page.getByTestId('hosts-pane');
    await expect(pane.getByTestId('host-item').first()).toBeVisible({ timeout: 60_000 });
    const name = `e2e-lab-${Date.now().toString(36)}`;

    await pane.getByTestId('add-host').click();
    const dialog = page.getByTestId('add-host-dialog');
    await dialog.getByTestId('host-transport').selectOption('ssh');
    // Empty address: refused in the form, next to the field, and nothing is sent.
    await dialog.getByTestId('host-save').click();
    await expect(dialog.getByTestId('host-address-error')).toBeVisible();
    await expect(dialog).toBeVisible();

    // A closed port: the dialog says "connection refused" in words and keeps its width however long the answer.
    const width = (await dialog.boundingBox())!.width;
    await dialog.getByTestId('host-address').fill(h.hostName);
    await dialog.getByTestId('host-port').fill('9');
    await dialog.getByTestId('host-user').fill(h.userName);
    await dialog.getByTestId('host-key-file').fill(`${h.keyFilePath}${'/long'.repeat(40)}`);
    await dialog.getByTestId('host-test').click();
    const answer = dialog.getByTestId('host-test-result');
    await expect(answer).toHaveAttribute('data-reason', 'connection-refused', { timeout: 30_000 });
    await expect(answer).toContainText('Nothing accepts SSH connections');
    expect(Math.abs((await dialog.boundingBox())!.width - width)).toBeLessThan(2);
    expect(await contrastViolations(page, '[data-testid="add-host-dialog"]')).toEqual([]);
    // Another transport: the old answer goes.
    await dialog.getByTestId('host-transport').selectOption('winrm');
    await expect(answer).toHaveCount(0);
    await dialog.getByTestId('host-transport').selectOption('ssh');

    // Exactly what `npm run lab` prints: address, port, user, key file; then the fingerprint it printed.
    await dialog.getByTestId('host-name').fill(name);
    await dialog.getByTestId('host-address').fill(h.hostName);
    await dialog.getByTestId('host-port').fill(String(h.port));
    await dialog.getByTestId('host-user').fill(h.userName);
    await dialog.getByTestId('host-key-file').fill(h.keyFilePath);
    await dialog.getByTestId('host-save').click();
    const key = dialog.getByTestId('host-key');
    await expect(key).toHaveAttribute('data-status', 'unknown', { timeout: 30_000 });
    await expect(key.getByTestId('host-key-fingerprint')).toHaveText(h.hostKeyFingerprint());
    expect(await contrastViolations(page, '[data-testid="add-host-dialog"]')).toEqual([]);
    await key.getByTestId('host-key-trust').click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });

    const item = pane.locator(`[data-testid="host-item"][data-host-name="${name}"]`);
    await expect(item).toHaveAttribute('data-host-state', 'ready', { timeout: 60_000 });
    await item.locator('.hosts-pane__item').click();
    await expect(page.locator('[data-testid="vm-row"]').first()).toBeVisible({ timeout: 60_000 });
    expect(await page.locator('[data-testid="vm-row"]').count()).toBeGreaterThan(0);
    // Live hosts are not "cached"; staleness is per host.
    await expect(item.getByTestId('host-cached')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('inventory-stale')).toHaveCount(0, { timeout: 60_000 });

    // The host is reinstalled: a new key. Reconnecting is refused, said once, with its buttons unclipped.
    await h.rotateHostKey();
    await invokeOverSocket(page, 'hosts.reconnect', { id: (await invokeOverSocket<HostsList>(page, 'hosts.list', {})).hosts.find((x) => x.name === name)!.id });
    await expect(item).toHaveAttribute('data-host-state', 'failed', { timeout: 60_000 });
    await expect(item.getByTestId('host-message')).toHaveCount(1);
    await expect(item.getByTestId('host-message').locator('[data-reason]')).toHaveAttribute('data-reason', 'host-key-changed');
    // Its rows are the last ones read: that host (only) is cached.
    await expect(item.getByTestId('host-cached')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('inventory-stale')).toHaveAttribute('data-hosts', name);
    for (const b of ['host-reconnect', 'host-edit', 'host-remove']) expect(await inside(item.getByTestId(b), pane), b).toBe(true);
    expect(await contrastViolations(page, '[data-testid="hosts-pane"]')).toEqual([]);

    // Editing shows both fingerprints and never replaces the key silently; "forget" is the deliberate step.
    await item.getByTestId('host-edit').click();
    await dialog.getByTestId('host-save').click();
    await expect(key).toHaveAttribute('data-status', 'changed', { timeout: 30_000 });
    await expect(key.getByTestId('host-key-fingerprint')).toHaveText(h.hostKeyFingerprint());
    await expect(key.getByTestId('host-key-old')).toHaveCount(1);
    await key.getByTestId('host-key-forget').click();
    await expect(key).toHaveAttribute('data-status', 'unknown');
    await key.getByTestId('host-key-trust').click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(item).toHaveAttribute('data-host-state', 'ready', { timeout: 60_000 });

    // A terminal tab on the host, then the host is removed: its tab closes with it.
    const terminal = new TerminalPage(page);
    await terminal.show();
    await terminal.openOn(new RegExp(name));
    const tab = page.getByTestId('terminal-tab').filter({ hasText: name });
    await expect(tab).toHaveCount(1);
    await shell.navItem('inventory').click();
    await item.getByTestId('host-remove').click();
    await page.getByTestId('remove-host-confirm').click();
    await expect(item).toHaveCount(0);
    await terminal.show();
    await expect(tab).toHaveCount(0, { timeout: 15_000 });
    expect(shell.problems).toEqual([]);
  });
});
