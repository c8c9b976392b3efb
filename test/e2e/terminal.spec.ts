import { spawnSync } from 'node:child_process';
import { delimiter, join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ShellPage } from './pages/shell.page';
import { TerminalPage } from './pages/terminal.page';
import { gatewayUrl } from './support/gateway-url';
import { longestMainThreadTask } from './support/long-tasks';

test.use({ locale: 'en-US' });
test.setTimeout(120_000);

type Hosts = { hosts: Array<{ id: string; name: string; transport: string; labStateDir?: string }> };
const root = resolve(__dirname, '..', '..');

test('a terminal on the lab host runs Get-VM and shows the first VM name; the tab survives a reload', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  const term = new TerminalPage(page);
  await term.show();

  // What the host itself says, through the app's own read (not the terminal).
  const hosts = await term.invoke<Hosts>('hosts.list', {});
  const lab = hosts.hosts.find((h) => h.transport === 'lab' && h.labStateDir);
  if (!lab) throw new Error('the gateway seeded no lab host');

  await term.openOn(new RegExp(`^${lab.name} \\(lab\\)$`));
  await term.waitForPrompt();
  await term.type('Get-VM | Select-Object -First 1 -ExpandProperty Name\n');
  const expected = firstVmName(lab.labStateDir!);
  expect(expected.length).toBeGreaterThan(0);
  await expect.poll(async () => {
    const lines = await term.lines();
    const at = lines.findIndex((l) => l.includes('-ExpandProperty Name'));
    return at >= 0 ? lines[at + 1] : undefined;
  }, { timeout: 60_000 }).toBe(expected);

  // A reload re-attaches the same shell and replays its screen from main's scrollback.
  await page.reload();
  await term.show();
  await expect(page.getByTestId('terminal-tab')).toHaveCount(1);
  await expect.poll(() => term.text(), { timeout: 20_000 }).toContain('-ExpandProperty Name');
  await term.type("'still' + '-alive'\n");
  await expect.poll(() => term.text(), { timeout: 20_000 }).toContain('still-alive');

  expect(shell.problems).toEqual([]);
});

/** The first VM name as the lab host's own Hyper-V module reports it, read outside the app. */
function firstVmName(stateDir: string): string {
  const env = { ...process.env, HYPERDESK_LAB_STATE: stateDir, PSModulePath: `${join(root, 'assets', 'lab', 'modules')}${delimiter}${process.env.PSModulePath ?? ''}` };
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', 'Get-VM | Select-Object -First 1 -ExpandProperty Name'], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

test('a command printing 50 MB completes in the terminal with no main-thread long task over 200 ms', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  const term = new TerminalPage(page);
  await term.show();
  await term.openOn(/^Local PowerShell$/);
  await term.waitForPrompt();
  // The probe works: a deliberate 150 ms busy loop shows up as a task of at least that length.
  const probe = await longestMainThreadTask(browser, page, async () => {
    await page.evaluate('(() => { const t = performance.now(); while (performance.now() - t < 150) {} })()');
  });
  expect(probe).toBeGreaterThanOrEqual(150);
  const started = Date.now();
  const longest = await longestMainThreadTask(browser, page, async () => {
    await term.type("$l = [string]::new([char]'x', 1023); $w = [Console]::Out; for ($i = 0; $i -lt 51200; $i++) { $w.WriteLine($l) }; 'END' + 'OFDUMP'\n");
    await expect.poll(() => term.text(), { timeout: 220_000, intervals: [1_000] }).toContain('ENDOFDUMP');
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(`50 MiB in the browser terminal: ${seconds.toFixed(1)} s, longest main-thread task ${longest.toFixed(0)} ms`);
  expect(longest).toBeLessThan(200);
  // Still responsive afterwards: a new command runs.
  await term.type("'after' + '-dump'\n");
  await expect.poll(() => term.text(), { timeout: 20_000 }).toContain('after-dump');
  expect(shell.problems).toEqual([]);
});

test('the terminal docks under any view: Ctrl+` and the top-bar button show and hide it, its tabs live on while hidden, the grip resizes it', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  const term = new TerminalPage(page);
  await expect(shell.mainArea.getByTestId('inventory-view')).toBeVisible();
  await expect(term.dock).toHaveCount(0);

  // Ctrl+` opens it under the inventory, which stays in view.
  await term.toggleWithShortcut();
  await expect(term.dock).toBeVisible();
  await expect(shell.mainArea.getByTestId('inventory-view')).toBeVisible();
  await term.openOn(/^Local PowerShell$/);
  await term.waitForPrompt();
  await term.type("'dock' + '-one'\n");
  await expect.poll(() => term.text(), { timeout: 20_000 }).toContain('dock-one');

  // With the focus in the terminal, Ctrl+` still hides the dock (the shell does not get the key).
  await term.toggleWithShortcut();
  await expect(term.dock).toHaveCount(0);

  // Another view, the top-bar button: the same shell, its screen and its state.
  await shell.navItem('ledger').click();
  await term.toggleWithButton();
  await expect(term.dock).toBeVisible();
  await expect(page.getByTestId('ledger-filter')).toBeVisible();
  await expect(page.getByTestId('terminal-tab')).toHaveCount(1);
  await expect.poll(() => term.text(), { timeout: 20_000 }).toContain('dock-one');
  await term.type("$x = 41; 'dock' + '-two'\n");
  await expect.poll(() => term.text(), { timeout: 20_000 }).toContain('dock-two');

  // Dragging the top edge up by 120 px makes it 120 px taller; the height survives hiding.
  const before = await term.height();
  await term.dragGrip(-120);
  await expect.poll(() => term.height()).toBeGreaterThan(before + 110);
  const after = await term.height();
  expect(after).toBeLessThan(before + 130);
  await term.toggleWithButton();
  await expect(term.dock).toHaveCount(0);
  await term.toggleWithButton();
  expect(Math.abs((await term.height()) - after)).toBeLessThan(2);

  // The navigation entry maximises it over the content area; Ctrl+` goes back to the ledger.
  await shell.navItem('terminal').click();
  await expect(shell.mainArea).toHaveCount(0);
  await expect.poll(() => term.height()).toBeGreaterThan(after + 50);
  await term.type("'x=' + ($x + 1)\n");
  await expect.poll(() => term.text(), { timeout: 20_000 }).toContain('x=42');
  await term.toggleWithShortcut();
  await expect(page.getByTestId('ledger-filter')).toBeVisible();
  await expect(term.dock).toHaveCount(0);

  expect(shell.problems).toEqual([]);
});
