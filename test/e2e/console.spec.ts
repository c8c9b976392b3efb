import { expect, test } from '@playwright/test';
import { ShellPage } from './pages/shell.page';
import { ConsolePage } from './pages/console.page';
import { gatewayUrl } from './support/gateway-url';

test.use({ locale: 'en-US' });
test.setTimeout(180_000); // a shared 2-core machine under load can slow the lab to a frame a second

type Entries = { entries: Array<{ id: string; script: string }> };
type Stats = { allClientsFrameRequests: number };

test('console of a running lab VM: frames arrive, typing shows, Ctrl+Alt+Del reaches it, closing stops polling', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  const consolePage = new ConsolePage(page);
  await consolePage.openVm('LNX1'); // its login prompt echoes what is typed
  await expect(page.getByTestId('console-stats')).toContainText(/fps · \d+ ms/);

  // Let boot output settle, then type into the focused screen.
  await page.waitForTimeout(1500);
  await consolePage.snapshot();
  const seqBefore = await consolePage.seq();
  await consolePage.screen.click();
  await page.keyboard.type('hello');
  await expect.poll(() => consolePage.seq(), { timeout: 30_000 }).toBeGreaterThan(seqBefore);
  await expect.poll(() => consolePage.changedSinceSnapshot(), { timeout: 30_000 }).toBeGreaterThan(20);
  // Keys go in small batches ("hel", "lo"): wait until the picture stops changing.
  let typed = -1;
  for (let last = -2; typed !== last; await page.waitForTimeout(1000)) {
    last = typed;
    typed = await consolePage.changedSinceSnapshot();
  }
  const [w, h] = await consolePage.canvas.evaluate((el) => [(el as unknown as { width: number }).width, (el as unknown as { height: number }).height]);
  expect(typed).toBeLessThan((w! * h!) / 4); // a few glyphs changed, not the whole screen

  // Ctrl+Alt+Del reaches the guest: the lab's Linux console drops the typed line.
  await consolePage.snapshot();
  await page.getByTestId('console-cad').click();
  await expect.poll(() => consolePage.changedSinceSnapshot(), { timeout: 30_000 }).toBeGreaterThan(20);

  // The poller counts every frame request (this probe is another connection, so it reads the all-clients figure):
  // the count grows while the console is open and stops once it is closed.
  // (Frame polls are not in the ledger: it records what the user did, and only failed polls.)
  const frameRequests = async () => (await consolePage.invoke<Stats>('console.stats', {})).allClientsFrameRequests;
  const whileOpen = await frameRequests();
  await expect.poll(frameRequests, { timeout: 5_000 }).toBeGreaterThan(whileOpen);
  await page.getByTestId('console-close').click();
  await expect(consolePage.canvas).toHaveCount(0);
  await page.waitForTimeout(500); // a request already in flight may still land
  const atClose = await frameRequests();
  await page.waitForTimeout(2_000);
  expect(await frameRequests()).toBe(atClose);
  const ledgerFrames = await consolePage.invoke<Entries>('ledger.list', { script: 'console/get-console-frame', outcome: 'ok', limit: 10 });
  expect(ledgerFrames.entries).toEqual([]);

  expect(shell.problems).toEqual([]);
});

test('the picker shows live states in name order, and open console tabs survive a reload', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open(gatewayUrl());
  const consolePage = new ConsolePage(page);
  await consolePage.openVm('LNX1');
  const options = await page.getByTestId('console-vm').locator('option').allInnerTexts();
  const names = options.map((o) => o.replace(/ \(.*\)$/, ''));
  expect(names).toEqual([...names].sort(new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare));
  for (const o of options) expect(o).toMatch(/ \((Running|Off|Saved|Paused|Starting|Stopping|Saving)\)$/);
  await expect(page.getByTestId('console-tab')).toHaveText(['LNX1']);

  await page.reload();
  await page.getByTestId('nav-console').click();
  await expect(page.getByTestId('console-tab')).toHaveText(['LNX1'], { timeout: 30_000 });
  await expect(consolePage.canvas).toHaveAttribute('data-seq', /\d+/, { timeout: 30_000 });
  await page.getByTestId('console-close').click();
  await page.reload();
  await page.getByTestId('nav-console').click();
  await page.waitForTimeout(1_000);
  await expect(page.getByTestId('console-tab')).toHaveCount(0);
  expect(shell.problems).toEqual([]);
});
