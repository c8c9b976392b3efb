import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { P2vPage, repoRoot, startGateway, type OwnGateway } from './pages/p2v.page';
import { ShellPage } from './pages/shell.page';

test.use({ locale: 'en-US' });
test.setTimeout(480_000);

// The wizard against the lab: a simulated physical source (scenario) and the app's default lab host. The
// spec runs its own gateway (one test kills it mid-capture); the stand-in's pace is set per gateway.
const fast = { HYPERDESK_LAB_D2V_RATE: String(64 * 1024 * 1024), HYPERDESK_P2V_POLL_MS: '500' };
const slow = { HYPERDESK_LAB_D2V_RATE: String(6 * 1024 * 1024), HYPERDESK_P2V_POLL_MS: '500' };

function qemuCheck(path: string): boolean {
  return spawnSync('qemu-img', ['check', path]).status === 0;
}

test.describe('P2V wizard', () => {
  let dataDir: string;
  let gw: OwnGateway | null = null;
  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'hyperdesk-p2v-e2e-'));
  });
  test.afterEach(async () => {
    await gw?.stop();
    gw = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('BIOS source becomes a Gen 1 VM that starts; UEFI source a Gen 2 VM with Secure Boot; disks pass qemu-img check', async ({ page }) => {
    gw = await startGateway(dataDir, fast);
    const shell = new ShellPage(page);
    await shell.open(gw.url);
    const p2v = new P2vPage(page);
    await p2v.open();

    await p2v.newLabJob('bios-mbr');
    await expect(p2v.finding('firmware')).toHaveAttribute('data-level', 'pass');
    await expect(p2v.finding('firmware')).toContainText('Generation 1');
    await p2v.plan('P2V-E2E-BIOS', 'External');
    await expect(page.getByTestId('p2v-commands')).toContainText("-accepteula -c '*'");
    const biosDisk = await p2v.vmDiskPath();
    await page.getByTestId('p2v-start').click();
    await expect(page.getByTestId('p2v-vm-facts')).toHaveAttribute('data-generation', '1', { timeout: 120_000 });
    await expect(p2v.job).toHaveAttribute('data-status', 'waiting');
    await page.getByTestId('p2v-first-boot').click();
    await expect(page.getByTestId('p2v-vm-facts')).toHaveAttribute('data-state', 'Running', { timeout: 30_000 });
    await expect(page.getByTestId('p2v-checklist')).toBeVisible();
    expect(qemuCheck(biosDisk)).toBe(true);

    await p2v.newLabJob('uefi-gpt');
    await expect(p2v.finding('letterless')).toHaveAttribute('data-level', 'warn');
    await p2v.plan('P2V-E2E-UEFI');
    const uefiDisk = await p2v.vmDiskPath();
    await page.getByTestId('p2v-start').click();
    const facts = page.getByTestId('p2v-vm-facts');
    await expect(facts).toHaveAttribute('data-generation', '2', { timeout: 120_000 });
    await expect(facts).toHaveAttribute('data-secure-boot', 'On');
    await expect(facts).toHaveAttribute('data-template', 'MicrosoftWindows');
    expect(qemuCheck(uefiDisk)).toBe(true);
    expect(shell.problems).toEqual([]);
  });

  test('the plan sets processors and memory; the isolated switch is removed at the end; the job is removed after confirming', async ({ page }) => {
    gw = await startGateway(dataDir, fast);
    const shell = new ShellPage(page);
    await shell.open(gw.url);
    const p2v = new P2vPage(page);
    await p2v.open();
    await p2v.newLabJob('bios-mbr');

    // Out of range is refused next to the field, and the plan cannot be sent.
    await page.getByTestId('p2v-vm-name').fill('P2V-E2E-SIZED');
    await page.getByTestId('p2v-processors').fill('999');
    await expect(page.getByTestId('p2v-processors-error')).toBeVisible();
    await expect(page.getByTestId('p2v-make-plan')).toBeDisabled();
    await page.getByTestId('p2v-processors').fill('2');
    await page.getByTestId('p2v-memory').fill('1024');
    await expect(page.getByTestId('p2v-processors-error')).toHaveCount(0);
    await p2v.plan('P2V-E2E-SIZED', 'External');
    const commands = page.getByTestId('p2v-commands');
    await expect(commands).toContainText('Set-VM -VM $vm -ProcessorCount 2');
    await expect(commands).toContainText(`-MemoryStartupBytes ${1024 * 1024 * 1024}`);

    await page.getByTestId('p2v-start').click();
    await expect(page.getByTestId('p2v-vm-facts')).toHaveAttribute('data-generation', '1', { timeout: 120_000 });
    await expect(p2v.job).toHaveAttribute('data-status', 'waiting');
    await page.getByTestId('p2v-first-boot').click();
    await expect(page.getByTestId('p2v-checklist')).toBeVisible({ timeout: 30_000 });
    await expect(p2v.job).toHaveAttribute('data-status', 'waiting'); // the operator's turn, not "running"
    await page.getByRole('button', { name: 'Connect to External' }).click();
    await expect(page.getByTestId('p2v-vm-facts')).toHaveAttribute('data-state', 'Running');
    await page.getByTestId('p2v-remove-switch').click();
    await expect(page.getByTestId('p2v-remove-switch')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('p2v-error')).toHaveCount(0);

    // Removing asks first, naming the job; the image stays unless ticked.
    await page.getByTestId('p2v-job-remove').click();
    const dialog = page.getByTestId('p2v-remove-dialog');
    await expect(dialog).toContainText('P2V-E2E-SIZED');
    await expect(page.getByTestId('p2v-remove-image')).not.toBeChecked();
    await page.getByTestId('p2v-remove-cancel').click();
    await expect(page.getByTestId('p2v-job')).toHaveCount(1);
    await page.getByTestId('p2v-job-remove').click();
    await page.getByTestId('p2v-remove-image').check();
    await page.getByTestId('p2v-remove-submit').click();
    await expect(page.getByTestId('p2v-job')).toHaveCount(0);
    await expect(page.getByTestId('p2v-remove-dialog')).toHaveCount(0);
    expect(existsSync(join(dataDir, 'p2v', 'captures'))).toBe(true);
    expect(readdirSync(join(dataDir, 'p2v', 'captures'))).toEqual([]);
    expect(shell.problems).toEqual([]);
  });

  test('a BitLocker source is blocked with the reason', async ({ page }) => {
    gw = await startGateway(dataDir, fast);
    await new ShellPage(page).open(gw.url);
    const p2v = new P2vPage(page);
    await p2v.open();
    await p2v.newLabJob('bitlocker');
    await expect(p2v.finding('bitlocker')).toHaveAttribute('data-level', 'block');
    await expect(p2v.finding('bitlocker')).toContainText('BitLocker is on for C:');
    await expect(p2v.finding('bitlocker')).toContainText('manage-bde -off C:');
    await expect(p2v.job).toHaveAttribute('data-status', 'blocked');
    await expect(page.getByTestId('p2v-make-plan')).toHaveCount(0);
  });

  test('Disk2vhd missing on the source: the user gives the path of a Disk2vhd on this machine, it is copied, the finding clears', async ({ page }) => {
    gw = await startGateway(dataDir, fast);
    const shell = new ShellPage(page);
    await shell.open(gw.url);
    const p2v = new P2vPage(page);
    await p2v.open();
    await p2v.newLabJob('no-disk2vhd');
    const finding = p2v.finding('disk2vhd');
    await expect(finding).toHaveAttribute('data-level', 'block');
    await expect(finding).toContainText('Disk2vhd is not on the source.');
    await expect(p2v.job).toHaveAttribute('data-status', 'blocked');

    // A wrong file is refused with the reason, before anything is sent.
    await p2v.copyDisk2vhd(join(repoRoot, 'package.json'));
    await expect(page.getByTestId('p2v-d2v-refused')).toContainText('must be disk2vhd64.exe or disk2vhd.exe');

    // The lab's stand-in, as a user would have unpacked Disk2vhd.zip into a folder of their own.
    const folder = join(dataDir, 'Downloads', 'Disk2vhd');
    execFileSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets/lab/p2v/bin/install-disk2vhd.ps1'), '-Destination', folder]);
    const local = join(folder, 'disk2vhd64.exe');
    await p2v.copyDisk2vhd(local);
    await expect(page.getByTestId('p2v-d2v-refused')).toHaveCount(0);
    await expect(page.getByTestId('p2v-d2v-state')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    // The wizard ran the preflight again: Disk2vhd is found where it was copied. The stand-in has no version
    // resource, so the finding is a plain "version unknown" warning, no longer a block; the plan step opens.
    await expect(finding).toHaveAttribute('data-level', 'warn', { timeout: 60_000 });
    await expect(finding).toContainText(/Disk2vhd found at .*ProgramData\/Hyperdesk\/disk2vhd64\.exe \(version unknown\)/);
    await expect(p2v.job).toHaveAttribute('data-status', 'draft');
    await expect(page.getByTestId('p2v-make-plan')).toBeVisible();
    await expect(page.getByTestId('p2v-d2v-state')).toContainText('checked on the source');
    const jobs = readdirSync(join(dataDir, 'p2v', 'lab-sources'));
    expect(jobs).toHaveLength(1);
    const copied = join(dataDir, 'p2v', 'lab-sources', jobs[0]!, 'ProgramData', 'Hyperdesk', 'disk2vhd64.exe');
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(sha(copied)).toBe(sha(local));
    // The ledger kept the calls, not the file.
    const ledger = readFileSync(join(dataDir, 'ledger.jsonl'), 'utf8');
    expect(ledger).toContain('p2v/copy-disk2vhd');
    expect(ledger).not.toContain(readFileSync(local).toString('base64').slice(0, 200));
    expect(shell.problems).toEqual([]);
  });

  test('cancel during capture leaves no partial file, no VM, and a clear state', async ({ page }) => {
    gw = await startGateway(dataDir, slow);
    await new ShellPage(page).open(gw.url);
    const p2v = new P2vPage(page);
    await p2v.open();
    await p2v.newLabJob('bios-mbr');
    await p2v.plan('P2V-E2E-CANCEL');
    await page.getByTestId('p2v-start').click();
    await expect(page.getByTestId('p2v-percent')).not.toHaveAttribute('value', '0', { timeout: 60_000 });
    await page.getByTestId('p2v-cancel').click();
    await expect(p2v.job).toHaveAttribute('data-status', 'cancelled', { timeout: 60_000 });
    await expect(page.getByTestId('p2v-status')).toContainText('partial file deleted');
    await expect(page.getByTestId('p2v-vm')).toHaveCount(0);
    const captures = join(dataDir, 'p2v', 'captures');
    const leftovers = existsSync(captures) ? readdirSync(captures, { recursive: true }).filter((f) => String(f).endsWith('.vhdx')) : [];
    expect(leftovers).toEqual([]);
  });

  test('killing the app mid-capture and restarting resumes the wizard', async ({ page }) => {
    gw = await startGateway(dataDir, slow);
    await new ShellPage(page).open(gw.url);
    const p2v = new P2vPage(page);
    await p2v.open();
    await p2v.newLabJob('bios-mbr');
    await p2v.plan('P2V-E2E-RESUME');
    const disk = await p2v.vmDiskPath();
    await page.getByTestId('p2v-start').click();
    await expect(page.getByTestId('p2v-percent')).not.toHaveAttribute('value', '0', { timeout: 60_000 });
    await gw.stop('SIGKILL');
    const t0 = Date.now();
    gw = await startGateway(dataDir, slow);
    await new ShellPage(page).open(gw.url);
    await p2v.open();
    await expect(p2v.job).toHaveAttribute('data-step', /capture|verify|transfer|create-vm|first-boot/, { timeout: 30_000 });
    await expect(page.getByTestId('p2v-vm-facts')).toHaveAttribute('data-generation', '1', { timeout: 150_000 });
    console.log(`p2v e2e resume: restart to VM ready in ${Date.now() - t0} ms`);
    expect(qemuCheck(disk)).toBe(true);
  });
});
