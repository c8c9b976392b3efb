import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ShellPage } from './pages/shell.page';
import { gatewayUrl } from './support/gateway-url';

/** Opens HV-LAB01's overview from its "Overview" button in the hosts pane (the inventory's left pane). */
async function openFromHostList(page: Page): Promise<ShellPage> {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  const item = page.getByTestId('hosts-pane').locator('[data-testid="host-item"][data-host-name="HV-LAB01"]');
  await expect(item).toBeVisible({ timeout: 60_000 });
  await item.getByTestId('host-open-overview').click();
  await expect(page.getByTestId('host-overview-view')).toBeVisible();
  await expect(page.getByTestId('host-overview-host').locator('option:checked')).toHaveText('HV-LAB01');
  await expect(page.getByTestId('host-overview-figures')).toBeVisible({ timeout: 60_000 });
  return shell;
}

/** axe-core on the page (WCAG 2.x A/AA, contrast included): its serious and critical violations. */
async function axeSerious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).include('[data-testid="host-overview-view"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Waits until the live section has drawn at least `n` samples. */
async function samplesAtLeast(page: Page, n: number): Promise<void> {
  await expect.poll(async () => Number(await page.getByTestId('host-overview-live').getAttribute('data-samples')), { timeout: 30_000 }).toBeGreaterThanOrEqual(n);
}

test.describe('host overview', () => {
  test.use({ locale: 'en-US' });
  // The first read of a lab host in a fresh gateway starts its sessions (module load, type compile).
  test.setTimeout(120_000);

  test('opens from the host list with processors, memory, storage, version and VM counts, and the live charts get points', async ({ page }) => {
    const shell = await openFromHostList(page);
    // small-shop's HV-LAB01: 16 logical processors, 2 sockets of 4 cores.
    await expect(page.getByTestId('ho-logical')).toHaveText('16');
    await expect(page.getByTestId('ho-sockets')).toHaveText('2');
    await expect(page.getByTestId('ho-cores')).toHaveText('8');
    await expect(page.getByTestId('ho-memory-used')).toHaveText(/\d+(\.\d)? GB/);
    await expect(page.getByTestId('ho-memory-free')).toHaveText(/\d+(\.\d)? GB/);
    await expect(page.getByTestId('ho-os')).toContainText('Windows Server');
    // Both VM folders, each with its volume's size and free space.
    const rows = page.getByTestId('ho-storage-row');
    await expect(rows).toHaveCount(2);
    for (const role of ['vms', 'disks']) {
      const row = page.locator(`[data-testid="ho-storage-row"][data-role="${role}"]`);
      await expect(row.getByTestId('ho-storage-size')).toHaveText(/\d+(\.\d)? [GT]B/);
      await expect(row.getByTestId('ho-storage-free')).toHaveText(/\d+(\.\d)? [GMT]B/);
    }
    // VM counts by state add up to the total.
    const total = Number(await page.getByTestId('ho-vms-total').textContent());
    expect(total).toBeGreaterThan(0);
    const counts = await page.getByTestId('ho-vm-state').locator('dd').allTextContents();
    expect(counts.reduce((n, c) => n + Number(c), 0)).toBe(total);
    await expect(page.locator('[data-testid="ho-vm-state"][data-state="Running"] dt')).toHaveText('Running');

    // Live: the charts get points, and an Off VM shows "—", never 0.
    await samplesAtLeast(page, 2);
    for (const id of ['chart-host-cpu', 'chart-host-memory', 'chart-vm-cpu', 'chart-vm-memory']) await expect(page.getByTestId(id).locator('canvas')).toBeVisible();
    const off = page.locator('[data-testid="ho-vm-row"][data-vm-name="測試伺服器"]');
    await expect(off).toHaveAttribute('data-state', 'Off');
    await expect(off.getByTestId('ho-vm-cpu')).toHaveText('—');
    await expect(off.getByTestId('ho-vm-assigned')).toHaveText('—');
    await expect(off.getByTestId('ho-vm-demand')).toHaveText('—');
    const running = page.locator('[data-testid="ho-vm-row"][data-state="Running"]').first();
    await expect(running.getByTestId('ho-vm-cpu')).toHaveText(/^\d+%$/);
    await expect(running.getByTestId('ho-vm-assigned')).toHaveText(/\d+(\.\d)? [MG]B/);
    expect(await axeSerious(page)).toEqual([]);
    expect(shell.problems).toEqual([]);
  });

  test('the nav entry opens the overview of the first host, and the host picker switches it', async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open(gatewayUrl());
    await shell.navItem('host-overview').click();
    await expect(page.getByTestId('host-overview-figures')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('host-overview-host').selectOption({ label: 'HV-LAB02' });
    await expect(page.getByTestId('host-overview-figures')).toBeVisible({ timeout: 60_000 });
    await samplesAtLeast(page, 1);
    expect(shell.problems).toEqual([]);
  });
});

test.describe('host overview in zh-TW', () => {
  test.use({ locale: 'zh-TW' });
  test.setTimeout(120_000);

  test('has no English words on the page besides names, units and cmdlet-like product names', async ({ page }) => {
    const shell = await openFromHostList(page);
    await samplesAtLeast(page, 2);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('主機概觀');
    // What is not ours to translate: host, VM and volume names, paths, the OS caption, the processor model, chart legends (VM names).
    const text: string = await page.getByTestId('host-overview-view').evaluate((el) => {
      // The e2e tsconfig has no DOM lib: the few members used here, as the page has them.
      interface Node {
        cloneNode(deep: boolean): Node;
        querySelectorAll(sel: string): ArrayLike<{ remove(): void }>;
        textContent: string | null;
      }
      const copy = (el as unknown as Node).cloneNode(true);
      const names = copy.querySelectorAll('code, select, [data-walk-skip], .time-series-chart, [data-testid="ho-vm-row"] th');
      for (let i = 0; i < names.length; i++) names[i]!.remove();
      return copy.textContent ?? '';
    });
    const allowed = new Set(['CPU', 'GB', 'MB', 'TB', 'KB', 'Hyper', 'Windows']);
    const english = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w: string) => !allowed.has(w));
    expect(english).toEqual([]);
    await expect(page.locator('[data-testid="ho-vm-row"][data-vm-name="測試伺服器"] td').first()).toHaveText('關閉');
    expect(await axeSerious(page)).toEqual([]);
    expect(shell.problems).toEqual([]);
  });
});
