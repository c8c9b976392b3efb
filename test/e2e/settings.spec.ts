import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { CheckpointsPage } from './pages/checkpoints.page';
import { InventoryPage } from './pages/inventory.page';
import { TerminalPage } from './pages/terminal.page';
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

/** What the in-page callbacks use of an element (the e2e tsconfig has no DOM lib; they run in the page). */
interface ElementLike {
  parentElement: ElementLike | null;
}

/**
 * WCAG relative luminance of an element's text colour and of the background it is painted on (the first
 * non-transparent background among it and its ancestors, as the eye sees it).
 */
async function luminances(el: Locator): Promise<{ text: number; background: number; colours: string }> {
  return el.evaluate((node) => {
    // Runs in the page; the e2e tsconfig has no DOM lib, so the few DOM calls are typed here.
    const style = (globalThis as unknown as { getComputedStyle: (e: ElementLike) => { color: string; backgroundColor: string } }).getComputedStyle;
    const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) =>
      [r!, g!, b!].map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    let bg = 'rgba(0, 0, 0, 0)';
    for (let e: ElementLike | null = node as unknown as ElementLike; e; e = e.parentElement) {
      const c = style(e).backgroundColor;
      const alpha = parse(c)[3];
      if (alpha === undefined || alpha > 0) {
        bg = c;
        break;
      }
    }
    const text = style(node as unknown as ElementLike).color;
    return { text: lum(parse(text)), background: lum(parse(bg)), colours: `${text} on ${bg}` };
  });
}

/** The computed colour of a CSS variable on the page (a probe element painted with it). */
async function variableColour(page: Page, name: string): Promise<string> {
  return page.evaluate((variable) => {
    const g = globalThis as unknown as {
      document: { createElement: (tag: string) => ElementLike & { style: { background: string }; remove: () => void }; body: { append: (e: ElementLike) => void } };
      getComputedStyle: (e: ElementLike) => { backgroundColor: string };
    };
    const probe = g.document.createElement('div');
    probe.style.background = `var(${variable})`;
    g.document.body.append(probe);
    const colour = g.getComputedStyle(probe).backgroundColor;
    probe.remove();
    return colour;
  }, name);
}

/** The page shows `el` dark: its background is dark and its text light. */
async function expectDark(el: Locator, what: string): Promise<void> {
  await expect(el, what).toBeVisible();
  const l = await luminances(el);
  expect(l.background, `${what} background (${l.colours})`).toBeLessThan(0.05);
  expect(l.text, `${what} text (${l.colours})`).toBeGreaterThan(0.4);
}

/** Serious or critical colour-contrast findings of axe-core inside `selector`. */
async function contrastProblems(page: Page, selector: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).include(selector).withRules(['color-contrast']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
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

  test('in the dark theme every view is dark with light text, and axe finds no contrast problem', async ({ page }) => {
    test.setTimeout(120_000);
    const shell = await openSettings(page);
    await page.getByTestId('settings-theme-dark').check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expectDark(page.getByTestId('settings-view'), 'settings');
    await expectDark(page.getByTestId('settings-theme-dark').locator('xpath=ancestor::label[1]'), 'settings theme choice');
    expect(await contrastProblems(page, '[data-testid="main-area"]'), 'settings').toEqual([]);
    expect(await contrastProblems(page, '.top-bar'), 'top bar').toEqual([]);
    await page.getByTestId('settings-reset-lab').click();
    const dialog = page.getByTestId('settings-reset-lab-dialog');
    await expectDark(dialog, 'a confirmation dialog');
    await expect(dialog, 'dialogs are painted with the theme\'s panel colour').toHaveCSS('background-color', await variableColour(page, '--panel'));
    expect(await contrastProblems(page, '[data-testid="settings-reset-lab-dialog"]'), 'dialog').toEqual([]);
    await page.getByTestId('settings-reset-lab-cancel').click();
    await expect(dialog).toHaveCount(0);

    await shell.navItem('inventory').click();
    const inventory = new InventoryPage(page);
    await inventory.waitForHosts();
    await expectDark(inventory.grid, 'VM grid');
    await expectDark(page.locator('[data-testid="vm-row"]').first(), 'a VM row');
    await expectDark(page.locator('.state--running').first(), 'running state badge');
    await expectDark(page.getByTestId('vm-grid-head'), 'grid header');
    await expectDark(page.getByTestId('inventory-search'), 'search field');
    await expectDark(shell.navigation, 'navigation');
    expect(await contrastProblems(page, '[data-testid="main-area"]'), 'inventory').toEqual([]);

    const panel = page.getByTestId('task-panel');
    if ((await panel.getByTestId('task-panel-toggle').getAttribute('aria-expanded')) !== 'true') await panel.getByTestId('task-panel-toggle').click();
    await expect(panel.getByTestId('task-panel-toggle')).toHaveAttribute('aria-expanded', 'true');
    await expectDark(panel, 'task panel');
    expect(await contrastProblems(page, '[data-testid="task-panel"]'), 'task panel').toEqual([]);

    const checkpoints = new CheckpointsPage(page);
    await checkpoints.open();
    await checkpoints.pickVm('HV-LAB01', 'DC1');
    await expectDark(page.getByTestId('checkpoints-view'), 'checkpoints');
    await expectDark(checkpoints.tree, 'checkpoint tree');
    await expectDark(page.getByTestId('cp-vm-select'), 'VM picker');
    expect(await contrastProblems(page, '[data-testid="main-area"]'), 'checkpoints').toEqual([]);

    // xterm paints with the theme's --terminal-* colours, and repaints when the theme changes under it.
    const hosts = await invokeOverSocket<{ hosts: { name: string; transport: string }[] }>(page, 'hosts.list', {});
    const lab = hosts.hosts.find((h) => h.transport === 'lab');
    if (!lab) throw new Error('the gateway seeded no lab host');
    const terminal = new TerminalPage(page);
    await terminal.show();
    await terminal.openOn(new RegExp(`^${lab.name} \\(lab\\)$`));
    await expectDark(terminal.rows, 'terminal');
    await invokeOverSocket(page, 'app.setSettings', { theme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect.poll(async () => (await luminances(terminal.rows)).text, { message: 'terminal text in the light theme' }).toBeLessThan(0.05);
    expect((await luminances(terminal.rows)).background, 'terminal background in the light theme').toBeGreaterThan(0.8);
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
