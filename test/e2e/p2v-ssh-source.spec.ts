import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startSshLabSource, type SshLabSource } from '../support/lab-hosts/ssh-lab-source';
import { gatewayUrl } from './support/gateway-url';
import { P2vPage } from './pages/p2v.page';
import { ShellPage } from './pages/shell.page';

test.use({ locale: 'en-US' });
test.setTimeout(240_000);

// A P2V source reached over SSH from the wizard (a lab source served by a loopback sshd): the real cause when
// nothing answers, and the hosts' trust step (fingerprint, "Trust this key") before the first connection.
test.describe('P2V wizard with a remote SSH source', () => {
  let src: SshLabSource;
  let captures: string;
  test.beforeAll(async () => {
    src = await startSshLabSource({ scenario: 'bios-mbr' });
    captures = mkdtempSync(join(tmpdir(), 'hd-p2v-ssh-e2e-'));
  });
  test.afterAll(async () => {
    await src?.dispose();
    if (captures) rmSync(captures, { recursive: true, force: true });
  });

  test('a closed port fails preflight with its real cause; the right port shows the key to trust, then preflight passes', async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open(gatewayUrl());
    const p2v = new P2vPage(page);
    await p2v.open();
    const fill = async (port: number) => {
      await page.getByTestId('p2v-source').selectOption('remote');
      await page.getByTestId('p2v-remote-transport').selectOption('ssh');
      await page.getByTestId('p2v-remote-address').fill(src.host.hostName);
      await page.getByTestId('p2v-remote-port').fill(String(port));
      await page.getByTestId('p2v-remote-user').fill(src.host.userName);
      await page.getByTestId('p2v-remote-key-file').fill(src.host.keyFilePath);
    };
    const jobs = page.getByTestId('p2v-job');

    // Nothing listens on port 9: no key to show; the job is made and preflight says why it cannot connect.
    const before = await jobs.count();
    await fill(9);
    await page.getByTestId('p2v-new').click();
    await expect(jobs).toHaveCount(before + 1, { timeout: 30_000 });
    await expect(page.getByTestId('host-key')).toHaveCount(0);
    await page.getByTestId('p2v-target').fill(captures);
    await page.getByTestId('p2v-run-preflight').click();
    await expect(page.getByTestId('p2v-error')).toContainText(/refused/i, { timeout: 60_000 });

    // The real port: the key the source presents, as ssh-keygen -l prints it; no job until it is trusted.
    await fill(src.host.port);
    await page.getByTestId('p2v-new').click();
    const key = page.getByTestId('host-key');
    await expect(key).toHaveAttribute('data-status', 'unknown', { timeout: 30_000 });
    await expect(key.getByTestId('host-key-fingerprint')).toHaveText(src.host.hostKeyFingerprint());
    await expect(jobs).toHaveCount(before + 1);
    await key.getByTestId('host-key-trust').click();
    await expect(jobs).toHaveCount(before + 2, { timeout: 30_000 });
    await expect(page.getByTestId('host-key')).toHaveCount(0);

    // Preflight runs on the source through the now trusted key.
    await page.getByTestId('p2v-target').fill(captures);
    await page.getByTestId('p2v-run-preflight').click();
    await expect(p2v.finding('firmware')).toBeVisible({ timeout: 90_000 });
    await expect(p2v.finding('firmware')).toHaveAttribute('data-level', 'pass');
  });
});
