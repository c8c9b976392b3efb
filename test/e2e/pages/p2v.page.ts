import { spawn, type ChildProcess } from 'node:child_process';
import { expect, type Locator, type Page } from '@playwright/test';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..');
const root = repoRoot;

/** Page object for the P2V wizard. */
export class P2vPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-p2v').click();
    await expect(this.page.getByTestId('p2v-view')).toBeVisible();
  }

  get job(): Locator {
    return this.page.getByTestId('p2v-job-view');
  }

  finding(id: string): Locator {
    return this.page.locator(`[data-testid="p2v-finding"][data-id="${id}"]`);
  }

  async newLabJob(scenario: string): Promise<void> {
    const before = await this.page.getByTestId('p2v-job').count();
    await this.page.getByTestId('p2v-source').selectOption(`lab:${scenario}`);
    await this.page.getByTestId('p2v-new').click();
    await expect(this.page.getByTestId('p2v-job')).toHaveCount(before + 1, { timeout: 30_000 });
    await this.page.getByTestId('p2v-run-preflight').click();
    await expect(this.page.getByTestId('p2v-finding').first()).toBeVisible({ timeout: 60_000 });
  }

  /** Types the path of a Disk2vhd on the machine running Hyperdesk under the Disk2vhd finding and copies it. */
  async copyDisk2vhd(path: string): Promise<void> {
    await this.page.getByTestId('p2v-d2v-path').fill(path);
    await this.page.getByTestId('p2v-d2v-copy').click();
  }

  async plan(vmName: string, productionSwitch = ''): Promise<void> {
    const host = this.page.getByTestId('p2v-host');
    await expect(host.locator('option')).not.toHaveCount(0, { timeout: 30_000 });
    await this.page.getByTestId('p2v-vm-name').fill(vmName);
    await this.page.getByTestId('p2v-switch').fill(productionSwitch);
    await this.page.getByTestId('p2v-make-plan').click();
    await expect(this.page.getByTestId('p2v-commands')).toBeVisible({ timeout: 60_000 });
  }

  /** The VM's disk path on the host, read from the plan's commands. */
  async vmDiskPath(): Promise<string> {
    const text = await this.page.getByTestId('p2v-commands').innerText();
    const m = /-VHDPath '([^']+)'|-ControllerType SCSI -Path '([^']+)'/.exec(text);
    if (!m) throw new Error(`no disk path in the plan: ${text}`);
    return (m[1] ?? m[2])!;
  }
}

export interface OwnGateway {
  url: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A gateway of this spec's own (the kill/restart test needs to kill it), on a given data folder. */
export async function startGateway(dataDir: string, env: Record<string, string>): Promise<OwnGateway> {
  const child = spawn(process.execPath, [join(root, 'dist', 'electron', 'gateway.cjs'), '--port', '0'], {
    cwd: root,
    env: { ...process.env, HYPERDESK_LAB_SCENARIOS: 'small-shop', ...env, HYPERDESK_DATA_DIR: dataDir, HYPERDESK_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    // Startup includes connecting the lab hosts: generous on a busy machine, and never leave it running.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`gateway printed no URL: ${out}`));
    }, 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^HYPERDESK_URL=(\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[p2v-gateway] ${d.toString()}`));
    child.once('exit', (code) => fail(new Error(`gateway exited (${code}): ${out}`)));
  });
  return {
    url,
    child,
    stop: (signal = 'SIGINT') =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill(signal);
      }),
  };
}
