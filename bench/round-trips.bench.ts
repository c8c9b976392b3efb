/**
 * Round trips per VM start with the details panel open (issue 12: 3 before, target 1). Runs the built gateway of
 * a tree (HYPERDESK_BENCH_TREE, default this repo; scripts/bench.mjs --against passes the other tree) on a fresh
 * data folder (the lab seeds itself), opens an Off VM's details panel in Chromium, clicks Start, and counts the
 * calls the page sends that reach a host (read from the WebSocket frames), until the page is quiet again.
 * Main's own poll is not a page call and is not counted. `npm run bench -- round-trips`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { report } from './bench-util';

const tree = resolve(process.env.HYPERDESK_BENCH_TREE ?? join(__dirname, '..'));
/** Channels whose handler runs a script on a host (the others answer from main's memory or files). */
const hostBound = /^(inventory\.(action|refresh)|vms\.(details|hostOptions|deletePlan|updateSettings)|checkpoints\.(tree|list|chainHealth|role|guestRole))$/;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hd-bench-rt-'));
  const child = spawn(process.execPath, [join(tree, 'dist', 'electron', 'gateway.cjs'), '--port', '0', '--data-dir', dataDir], { cwd: tree, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HYPERDESK_DATA_DIR: dataDir, HYPERDESK_LAB_SCENARIOS: 'small-shop' } });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`no URL from the gateway in 120 s:\n${out}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^HYPERDESK_URL=(\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (c) => fail(new Error(`gateway exited ${c}:\n${out}`)));
  });
  const browser = await chromium.launch({ executablePath: process.env.HYPERDESK_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const sent: { at: number; channel: string }[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', (f) => {
        if (typeof f.payload !== 'string') return;
        try {
          const frame = JSON.parse(f.payload) as { t?: string; channel?: string };
          if (frame.t === 'invoke' && frame.channel) sent.push({ at: Date.now(), channel: frame.channel });
        } catch {
          /* not a frame of ours */
        }
      }),
    );
    await page.goto(url);
    const offRow = page.locator('[data-testid="vm-row"]').filter({ has: page.getByRole('gridcell', { name: 'Off', exact: true }) }).first();
    await offRow.waitFor({ timeout: 90_000 }).catch(async (err: unknown) => {
      console.error('no Off VM row; rows:', await page.locator('[data-testid="vm-row"]').allInnerTexts());
      throw err;
    });
    const name = (await offRow.getAttribute('data-vm-name'))!;
    await offRow.getByRole('button', { name, exact: true }).click();
    const panel = page.getByTestId('vm-details');
    await panel.getByTestId('vm-action-start').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2_000); // the panel's own first reads settle
    const from = sent.length;
    await panel.getByTestId('vm-action-start').click();
    // Quiet: no page call for 3 s, at least 6 s after the click (a task ends, events arrive, reads follow).
    const clicked = Date.now();
    for (;;) {
      await page.waitForTimeout(250);
      const last = sent.at(-1)?.at ?? clicked;
      if (Date.now() - clicked > 6_000 && Date.now() - last > 3_000) break;
    }
    const calls = sent.slice(from).map((s) => s.channel);
    const host = calls.filter((c) => hostBound.test(c));
    const count = (list: string[]) => Object.entries(list.reduce<Record<string, number>>((m, c) => ((m[c] = (m[c] ?? 0) + 1), m), {})).map(([c, n]) => `${c} ×${n}`).join(', ');
    report(
      [
        '## Round trips per VM start, details panel open (issue 12)',
        '',
        `Tree: \`${tree}\`. Lab small-shop, VM "${name}" (Off) with its details panel open; Start clicked once; calls the page sent until quiet, from the WebSocket frames.`,
        '',
        '| measure | value | target |',
        '|---|---|---|',
        `| host round trips the page caused | ${host.length} (${count(host) || 'none'}) | 1 |`,
        `| all page calls in that time | ${calls.length} (${count(calls) || 'none'}) | |`,
        '',
        "Main's poll (get-inventory every few seconds while the grid is shown) is not a page call and is not counted; a host read main makes on its own after an action would not show here either.",
      ].join('\n'),
    );
  } finally {
    await browser.close();
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
